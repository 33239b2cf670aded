export * from './rules/index.js';
export * from './journey.model.js';
export * from './journey.service.js';
export * from './journeys.module.js';
