import { AppError, ErrorCode } from '#libs/common';

/** FORBIDDEN's message for a fromServiceId of another organisation (or of none). */
export const FROM_SERVICE_NOT_OURS = 'fromServiceId must be a service of your organisation.';

/** What makeReferral's checks found in the database (one statement; see referral-writes.sql.ts). */
export interface MakeReferralFacts {
  /** The organisation of fromServiceId; null when omitted, malformed or unknown. */
  fromServiceOrganisationId: string | null;
  /** The person exists and is visible to the caller's organisation. */
  personVisible: boolean;
  /** The receiving service; null when malformed or unknown. */
  toService: { organisationId: string; capacity: string } | null;
  /** An active REFERRAL_SHARING consent covers the receiving organisation. */
  consented: boolean;
  /** A referral this staff member already made with the same idempotency key. */
  existing: { fingerprint: string | null } | null;
}

export interface MakeReferralRequest {
  organisationId: string;
  fromServiceGiven: boolean;
  /** The input rules' error, if they refused the input. */
  inputError: unknown;
  hasIdempotencyKey: boolean;
  hasSafeguardingJustification: boolean;
}

export type MakeReferralDecision = { kind: 'replay' } | { kind: 'create'; override: boolean };

/**
 * makeReferral's rules in the contract's order: fromService of the caller's organisation (FORBIDDEN),
 * the person visible (NOT_FOUND), toService known (NOT_FOUND), the input rules (BAD_USER_INPUT), an
 * idempotency key already used (the original referral, or CONFLICT for a different input), the
 * service open (SERVICE_CLOSED), REFERRAL_SHARING consent across organisations (CONSENT_REQUIRED,
 * or a safeguarding override when a justification is given).
 */
export function decideMakeReferral(
  req: MakeReferralRequest,
  facts: MakeReferralFacts,
  fingerprint: string | null,
): MakeReferralDecision {
  if (req.fromServiceGiven && facts.fromServiceOrganisationId !== req.organisationId)
    throw AppError.forbidden(FROM_SERVICE_NOT_OURS);
  if (!facts.personVisible) throw AppError.notFound('Person');
  const to = facts.toService;
  if (!to) throw AppError.notFound('Service');
  if (req.inputError !== null && req.inputError !== undefined) throw req.inputError;
  if (req.hasIdempotencyKey && facts.existing) {
    if (facts.existing.fingerprint !== fingerprint) throw idempotencyConflict();
    return { kind: 'replay' };
  }
  if (to.capacity === 'CLOSED')
    throw new AppError(ErrorCode.SERVICE_CLOSED, 'This service is closed to new referrals.');
  if (to.organisationId === req.organisationId || facts.consented) return { kind: 'create', override: false };
  if (!req.hasSafeguardingJustification)
    throw new AppError(
      ErrorCode.CONSENT_REQUIRED,
      'This person has no active REFERRAL_SHARING consent covering the receiving organisation. Record their consent, or give a safeguarding justification.',
    );
  return { kind: 'create', override: true };
}

export function idempotencyConflict(): AppError {
  return AppError.conflict('This idempotency key was already used for a different referral.');
}
