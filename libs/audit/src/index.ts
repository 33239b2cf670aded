export * from './audit-actions.js';
export * from './audit.service.js';
export * from './audit-sql.js';
export * from './audit-event.model.js';
export * from './audit-query.service.js';
export * from './audit.module.js';
