export * from './swemwbs.js';
export * from './ons4.js';
export * from './score.js';
export * from './meaningful-change.js';
