/**
 * The referral life cycle: the very table the server enforces (CONTRACT.md section 5), imported, not copied.
 * The shared module has no imports, so it bundles into the console as it is.
 */
export * from '../../../../libs/referrals/src/rules/transitions';
