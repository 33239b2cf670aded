import {
  allowedTransitions,
  REASON_REQUIRED,
  REFERRAL_STATUSES,
  type ReferralParty,
  type ReferralStatusName,
  TRANSITIONS,
  transitionParty,
  wrongPartyMessage,
} from './transitions.js';

// The contract's table, written out independently of TRANSITIONS (CONTRACT.md section 5).
const CONTRACT: [ReferralStatusName, ReferralStatusName, ReferralParty][] = [
  ['REQUESTED', 'ACCEPTED', 'RECEIVER'],
  ['REQUESTED', 'REJECTED', 'RECEIVER'],
  ['REQUESTED', 'CANCELLED', 'REFERRER'],
  ['ACCEPTED', 'IN_PROGRESS', 'RECEIVER'],
  ['ACCEPTED', 'ON_HOLD', 'RECEIVER'],
  ['ACCEPTED', 'COMPLETED', 'RECEIVER'],
  ['ACCEPTED', 'FAILED', 'RECEIVER'],
  ['IN_PROGRESS', 'ON_HOLD', 'RECEIVER'],
  ['IN_PROGRESS', 'COMPLETED', 'RECEIVER'],
  ['IN_PROGRESS', 'FAILED', 'RECEIVER'],
  ['ON_HOLD', 'ACCEPTED', 'RECEIVER'],
  ['ON_HOLD', 'IN_PROGRESS', 'RECEIVER'],
  ['ON_HOLD', 'COMPLETED', 'RECEIVER'],
  ['ON_HOLD', 'FAILED', 'RECEIVER'],
  ['ACCEPTED', 'CANCELLED', 'REFERRER'],
  ['IN_PROGRESS', 'CANCELLED', 'REFERRER'],
  ['ON_HOLD', 'CANCELLED', 'REFERRER'],
  ...REFERRAL_STATUSES.filter((s) => s !== 'ENTERED_IN_ERROR').map(
    (s) => [s, 'ENTERED_IN_ERROR', 'CORRECTOR'] as [ReferralStatusName, ReferralStatusName, ReferralParty],
  ),
];

describe('referral transition table', () => {
  const pairs = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s is exactly as the contract says', (from, to) => {
    const expected = CONTRACT.find(([f, t]) => f === from && t === to)?.[2] ?? null;
    expect(transitionParty(from, to)).toBe(expected);
  });

  it('has exactly the contract transitions', () => {
    const count = Object.values(TRANSITIONS).reduce((n, row) => n + Object.keys(row).length, 0);
    expect(count).toBe(CONTRACT.length);
  });

  it('never allows a transition to the current status', () => {
    for (const s of REFERRAL_STATUSES) expect(transitionParty(s, s)).toBeNull();
  });

  it('ENTERED_IN_ERROR is final; REJECTED, CANCELLED, FAILED, COMPLETED allow only → ENTERED_IN_ERROR', () => {
    expect(Object.keys(TRANSITIONS.ENTERED_IN_ERROR)).toEqual([]);
    for (const s of ['REJECTED', 'CANCELLED', 'FAILED', 'COMPLETED'] as const)
      expect(Object.keys(TRANSITIONS[s])).toEqual(['ENTERED_IN_ERROR']);
  });

  it('requires a reason exactly for REJECTED, CANCELLED, FAILED, ON_HOLD, ENTERED_IN_ERROR', () => {
    expect([...REASON_REQUIRED].sort()).toEqual(
      ['CANCELLED', 'ENTERED_IN_ERROR', 'FAILED', 'ON_HOLD', 'REJECTED'].sort(),
    );
  });

  it.each([
    ['REQUESTED', ['RECEIVER'], ['ACCEPTED', 'REJECTED']],
    ['REQUESTED', ['REFERRER'], ['CANCELLED']],
    [
      'REQUESTED',
      ['RECEIVER', 'REFERRER', 'CORRECTOR'],
      ['ACCEPTED', 'REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR'],
    ],
    ['ACCEPTED', ['RECEIVER'], ['IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED']],
    ['ON_HOLD', ['REFERRER', 'CORRECTOR'], ['CANCELLED', 'ENTERED_IN_ERROR']],
    ['COMPLETED', ['RECEIVER', 'REFERRER'], []],
    ['COMPLETED', ['CORRECTOR'], ['ENTERED_IN_ERROR']],
    ['ENTERED_IN_ERROR', ['RECEIVER', 'REFERRER', 'CORRECTOR'], []],
  ] as [ReferralStatusName, ReferralParty[], ReferralStatusName[]][])(
    'allowedTransitions(%s, %j) = %j',
    (from, parties, expected) => {
      expect(allowedTransitions(from, new Set(parties))).toEqual(expected);
    },
  );
});

describe('wrongPartyMessage', () => {
  it.each([
    [
      'RECEIVER',
      'ACCEPTED',
      'Only staff of the organisation of the service it was sent to may move this referral to ACCEPTED.',
    ],
    [
      'REFERRER',
      'CANCELLED',
      'Only staff of the organisation that made it may move this referral to CANCELLED.',
    ],
    [
      'CORRECTOR',
      'ENTERED_IN_ERROR',
      'Only the staff member who made it, or a service manager of either organisation, may move this referral to ENTERED_IN_ERROR.',
    ],
  ] as [ReferralParty, ReferralStatusName, string][])('%s → %s says who may: %s', (party, to, message) => {
    expect(wrongPartyMessage(party, to)).toBe(message);
  });

  it('names no internal party for any transition of the table', () => {
    for (const from of REFERRAL_STATUSES)
      for (const [to, party] of Object.entries(TRANSITIONS[from]) as [ReferralStatusName, ReferralParty][])
        expect(wrongPartyMessage(party, to)).not.toMatch(/receiver|referrer|corrector/i);
  });
});
