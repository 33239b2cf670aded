export * from './db.js';
export * from './pg-errors.js';
export * from './migrate.js';
export * from './embedded.js';
export * from './startup-error.js';
export * from './database.module.js';
export { createMigrationDataSource } from './data-source.js';
export * from './json-rows.js';
export { connectionProblem } from './connection-problem.js';
