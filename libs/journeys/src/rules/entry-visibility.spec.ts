import { entryVerdict, type EntryFacts, filterJourney, journeyCategories } from './entry-visibility.js';

const OWN = 'org-own';
const OTHER = 'org-other';
const THIRD = 'org-third';

function entry(over: Partial<EntryFacts & { category: string }> = {}): EntryFacts & { category?: string } {
  return {
    kind: 'WELLBEING_ASSESSED',
    at: new Date('2026-01-01T10:00:00Z'),
    ownerOrganisationIds: [OTHER],
    sensitive: false,
    seq: 0,
    ...over,
  };
}

describe('journey entry visibility (CONTRACT.md section 4)', () => {
  it.each<[string, Partial<EntryFacts>, boolean, string]>([
    ['own entry, no consent', { ownerOrganisationIds: [OWN] }, false, 'SHOW'],
    ['own entry, consent', { ownerOrganisationIds: [OWN] }, true, 'SHOW'],
    ["other organisation's entry, consent", {}, true, 'SHOW'],
    ["other organisation's entry, no consent", {}, false, 'HIDE_COUNTED'],
    [
      'sensitive entry of another organisation, no consent: never counted',
      { sensitive: true },
      false,
      'HIDE_UNCOUNTED',
    ],
    ['sensitive entry of another organisation, consent', { sensitive: true }, true, 'SHOW'],
    ['own sensitive entry', { sensitive: true, ownerOrganisationIds: [OWN] }, false, 'SHOW'],
    [
      'referral we received from another organisation, no consent',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OTHER, OWN] },
      false,
      'SHOW',
    ],
    [
      'referral we made to another organisation, no consent',
      { kind: 'REFERRAL_STATUS_CHANGED', ownerOrganisationIds: [OWN, OTHER] },
      false,
      'SHOW',
    ],
    [
      'referral between two other organisations, no consent',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OTHER, THIRD] },
      false,
      'HIDE_COUNTED',
    ],
    [
      'referral between two other organisations, consent',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OTHER, THIRD] },
      true,
      'SHOW',
    ],
    [
      'entered-in-error referral, viewer is the receiver',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OTHER, OWN], enteredInErrorBy: OTHER },
      true,
      'HIDE_UNCOUNTED',
    ],
    [
      'entered-in-error referral, third organisation without consent',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OTHER, THIRD], enteredInErrorBy: OTHER },
      false,
      'HIDE_UNCOUNTED',
    ],
    [
      'entered-in-error referral, viewer is the creator',
      { kind: 'REFERRAL_MADE', ownerOrganisationIds: [OWN, OTHER], enteredInErrorBy: OWN },
      false,
      'SHOW',
    ],
  ])('%s → %s', (_label, over, consent, verdict) => {
    expect(entryVerdict(entry(over), OWN, consent)).toBe(verdict);
  });

  it('orders entries oldest first, registration first on a tie, and counts the hidden ones', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 10, m));
    const entries = [
      entry({ kind: 'OUTCOME_RECORDED', at: t(5), ownerOrganisationIds: [OWN], seq: 1 }),
      entry({ kind: 'CONSENT_GIVEN', at: t(0), ownerOrganisationIds: [OWN], seq: 2 }),
      entry({ kind: 'REGISTERED', at: t(0), ownerOrganisationIds: [OWN], seq: 3 }),
      entry({ at: t(1) }),
      entry({ at: t(2), sensitive: true }),
      entry({ kind: 'REFERRAL_MADE', at: t(3), ownerOrganisationIds: [OTHER, THIRD] }),
    ];
    const { shown, hiddenEntries } = filterJourney(entries, OWN, false);
    expect(shown.map((e) => e.kind)).toEqual(['REGISTERED', 'CONSENT_GIVEN', 'OUTCOME_RECORDED']);
    expect(hiddenEntries).toBe(2);
    expect(filterJourney(entries, OWN, true)).toEqual({ shown: expect.any(Array), hiddenEntries: 0 });
    expect(filterJourney(entries, OWN, true).shown).toHaveLength(6);
  });

  it('lists categories in order of first referral among the entries shown, without repeats', () => {
    const made = (category: string, m: number) =>
      entry({
        kind: 'REFERRAL_MADE',
        category,
        at: new Date(Date.UTC(2026, 0, 1, 10, m)),
        ownerOrganisationIds: [OWN],
      });
    const shown = [
      made('FAMILY_SUPPORT', 0),
      entry({ category: 'ESOL' }),
      made('ESOL', 1),
      made('FAMILY_SUPPORT', 2),
      made('SOCIAL_PRESCRIBING', 3),
    ];
    expect(journeyCategories(shown)).toEqual(['FAMILY_SUPPORT', 'ESOL', 'SOCIAL_PRESCRIBING']);
  });

  it('leaves out the thread of a referral ENTERED_IN_ERROR, which its creator still sees', () => {
    const made = (category: string, m: number, enteredInErrorBy: string | null = null) =>
      entry({
        kind: 'REFERRAL_MADE',
        category,
        enteredInErrorBy,
        at: new Date(Date.UTC(2026, 0, 1, 10, m)),
        ownerOrganisationIds: [OWN],
      });
    const shown = [made('EMPLOYMENT', 0, OWN), made('ESOL', 1), made('EMPLOYMENT', 2)];
    expect(journeyCategories(shown)).toEqual(['ESOL', 'EMPLOYMENT']);
    expect(journeyCategories([made('HOUSING', 0, OWN)])).toEqual([]);
  });
});
