/**
 * INTERIM stand-in with the agreed interface of libs/referrals/src/rules/transitions.ts (CONTRACT.md section 5),
 * used only until that shared module lands on main; transitions.ts then re-exports the shared file instead.
 */
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
export type ReferralParty = 'RECEIVER' | 'REFERRER' | 'CORRECTOR';

const E = 'ENTERED_IN_ERROR' as const;
export const TRANSITIONS: Readonly<
  Record<ReferralStatusName, Readonly<Partial<Record<ReferralStatusName, ReferralParty>>>>
> = {
  REQUESTED: { ACCEPTED: 'RECEIVER', REJECTED: 'RECEIVER', CANCELLED: 'REFERRER', [E]: 'CORRECTOR' },
  ACCEPTED: {
    IN_PROGRESS: 'RECEIVER',
    ON_HOLD: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    [E]: 'CORRECTOR',
  },
  IN_PROGRESS: {
    ON_HOLD: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    [E]: 'CORRECTOR',
  },
  ON_HOLD: {
    ACCEPTED: 'RECEIVER',
    IN_PROGRESS: 'RECEIVER',
    COMPLETED: 'RECEIVER',
    FAILED: 'RECEIVER',
    CANCELLED: 'REFERRER',
    [E]: 'CORRECTOR',
  },
  REJECTED: { [E]: 'CORRECTOR' },
  CANCELLED: { [E]: 'CORRECTOR' },
  FAILED: { [E]: 'CORRECTOR' },
  COMPLETED: { [E]: 'CORRECTOR' },
  ENTERED_IN_ERROR: {},
};

export const REASON_REQUIRED: ReadonlySet<ReferralStatusName> = new Set<ReferralStatusName>([
  'REJECTED',
  'CANCELLED',
  'FAILED',
  'ON_HOLD',
  'ENTERED_IN_ERROR',
]);

export function transitionParty(from: ReferralStatusName, to: ReferralStatusName): ReferralParty | null {
  return TRANSITIONS[from]?.[to] ?? null;
}

export function allowedTransitions(
  from: ReferralStatusName,
  parties: ReadonlySet<ReferralParty>,
): ReferralStatusName[] {
  return (Object.entries(TRANSITIONS[from] ?? {}) as [ReferralStatusName, ReferralParty][])
    .filter(([, party]) => parties.has(party))
    .map(([to]) => to);
}
