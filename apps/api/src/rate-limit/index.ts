export * from './rate-limit.store.js';
export * from './memory.store.js';
export * from './redis.store.js';
export * from './rate-limiter.js';
export * from './rate-limit.plugin.js';
export * from './rate-limit.middleware.js';
export * from './rate-subject.js';
