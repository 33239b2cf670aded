export * from './scoring/index.js';
export * from './rules/outcome-input.js';
