/** The kinds of journey entry (schema JourneyEntryKind), in the order they sort when `at` ties. */
export const JOURNEY_ENTRY_KINDS = [
  'REGISTERED',
  'CONSENT_GIVEN',
  'REFERRAL_MADE',
  'REFERRAL_STATUS_CHANGED',
  'WELLBEING_ASSESSED',
  'OUTCOME_RECORDED',
  'CONSENT_WITHDRAWN',
] as const;

export type JourneyEntryKindName = (typeof JOURNEY_ENTRY_KINDS)[number];
