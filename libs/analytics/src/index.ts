export * from './disclosure/disclosure.js';
export * from './disclosure/disclosure-rules.token.js';
export * from './filter/analytics-filter.js';
export * from './models/enums.js';
export * from './models/analytics.models.js';
export * from './analytics.service.js';
export * from './analytics.module.js';
export * from './summary-repair.service.js';
