export * from './entry-kind.js';
export * from './entry-visibility.js';
export * from './summary.js';
