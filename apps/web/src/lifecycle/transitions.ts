/** The referral life cycle, from the one table the server also uses (see transitions-interim.ts). */
export * from './transitions-interim.js';
