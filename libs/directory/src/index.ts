export * from './enums.js';
export * from './organisations/organisation.model.js';
export * from './services/service.model.js';
export * from './staff/staff.model.js';
export * from './directory.loaders.js';
export * from './directory.service.js';
export * from './directory.module.js';
