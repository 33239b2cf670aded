/** The audit actions of CONTRACT.md section 3 (exact strings). */
export const AuditAction = {
  PERSON_READ: 'person.read',
  PERSON_SEARCH_READ: 'person.search.read',
  JOURNEY_READ: 'journey.read',
  REFERRAL_READ: 'referral.read',
  PERSON_REGISTER: 'person.register',
  PERSON_UPDATE: 'person.update',
  CONSENT_RECORD: 'consent.record',
  CONSENT_WITHDRAW: 'consent.withdraw',
  REFERRAL_MAKE: 'referral.make',
  REFERRAL_TRANSITION: 'referral.transition',
  REFERRAL_SAFEGUARDING_OVERRIDE: 'referral.safeguarding_override',
  WELLBEING_RECORD: 'wellbeing.record',
  OUTCOME_RECORD: 'outcome.record',
} as const;

export type AuditActionName = (typeof AuditAction)[keyof typeof AuditAction];

export type AuditOutcomeName = 'SUCCESS' | 'DENIED';
