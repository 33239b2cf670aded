export * from './token.js';
export * from './auth-options.js';
export * from './authenticator.js';
export * from './auth.guard.js';
export * from './auth.module.js';
