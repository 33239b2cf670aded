// The referral life cycle of CONTRACT.md section 5, as data. No imports at all: the web console
// imports this very file.

export type ReferralStatusName =
  | 'REQUESTED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'CANCELLED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'FAILED'
  | 'COMPLETED'
  | 'ENTERED_IN_ERROR';

/**
 * RECEIVER: staff of toService's organisation. REFERRER: staff of the creator's organisation.
 * CORRECTOR: the referral's creator, or a SERVICE_MANAGER of either organisation (→ ENTERED_IN_ERROR only).
 */
export type ReferralParty = 'RECEIVER' | 'REFERRER' | 'CORRECTOR';

export const REFERRAL_STATUSES: readonly ReferralStatusName[] = [
  'REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'CANCELLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'FAILED',
  'COMPLETED',
  'ENTERED_IN_ERROR',
];

/** from → to → who may make that transition. Anything absent is INVALID_TRANSITION. */
export const TRANSITIONS: Readonly<
  Record<ReferralStatusName, Readonly<Partial<Record<ReferralStatusName, ReferralParty>>>>
> = {
  REQUESTED: {
    ACCEPTED: 'RECEIVER',
    REJECTED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    ENTERED_IN_ERROR: 'CORRECTOR',
  },
  ACCEPTED: {
    IN_PROGRESS: 'RECEIVER',
    ON_HOLD: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    ENTERED_IN_ERROR: 'CORRECTOR',
  },
  IN_PROGRESS: {
    ON_HOLD: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    ENTERED_IN_ERROR: 'CORRECTOR',
  },
  ON_HOLD: {
    ACCEPTED: 'RECEIVER',
    IN_PROGRESS: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    ENTERED_IN_ERROR: 'CORRECTOR',
  },
  REJECTED: { ENTERED_IN_ERROR: 'CORRECTOR' },
  CANCELLED: { ENTERED_IN_ERROR: 'CORRECTOR' },
  FAILED: { ENTERED_IN_ERROR: 'CORRECTOR' },
  COMPLETED: { ENTERED_IN_ERROR: 'CORRECTOR' },
  ENTERED_IN_ERROR: {},
};

/** Transitions to these statuses need a reason. */
export const REASON_REQUIRED: ReadonlySet<ReferralStatusName> = new Set<ReferralStatusName>([
  'REJECTED',
  'CANCELLED',
  'FAILED',
  'ON_HOLD',
  'ENTERED_IN_ERROR',
]);

/** Who may move a referral from `from` to `to`; null when there is no such transition. */
export function transitionParty(from: ReferralStatusName, to: ReferralStatusName): ReferralParty | null {
  return TRANSITIONS[from]?.[to] ?? null;
}

/** The statuses these parties may move a referral to from `from`, in table order. */
export function allowedTransitions(
  from: ReferralStatusName,
  parties: ReadonlySet<ReferralParty>,
): ReferralStatusName[] {
  const row = TRANSITIONS[from] ?? {};
  return (Object.keys(row) as ReferralStatusName[]).filter((to) => parties.has(row[to]!));
}

/** Who each party is, in words a member of staff recognises (for the FORBIDDEN message). */
const PARTY_IN_WORDS: Readonly<Record<ReferralParty, string>> = {
  RECEIVER: 'staff of the organisation of the service it was sent to',
  REFERRER: 'staff of the organisation that made it',
  CORRECTOR: 'the staff member who made it, or a service manager of either organisation,',
};

/** The FORBIDDEN message of a transition that exists, asked for by someone who is not `party`. */
export function wrongPartyMessage(party: ReferralParty, to: ReferralStatusName): string {
  return `Only ${PARTY_IN_WORDS[party]} may move this referral to ${to}.`;
}
