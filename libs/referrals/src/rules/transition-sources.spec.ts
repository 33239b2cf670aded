import { REFERRAL_STATUSES, TRANSITIONS } from './transitions.js';
import { transitionSources } from './transition-sources.js';

describe('transitionSources', () => {
  it('inverts the transition table for every target status', () => {
    for (const to of REFERRAL_STATUSES) {
      const s = transitionSources(to);
      for (const from of REFERRAL_STATUSES) {
        const party = TRANSITIONS[from][to] ?? null;
        const listed = (['RECEIVER', 'REFERRER', 'CORRECTOR'] as const).filter((p) => s[p].includes(from));
        expect({ from, to, parties: listed }).toEqual({ from, to, parties: party ? [party] : [] });
      }
    }
  });
  it('ACCEPTED: the receiver from REQUESTED or ON_HOLD', () => {
    expect(transitionSources('ACCEPTED')).toEqual({
      RECEIVER: ['REQUESTED', 'ON_HOLD'],
      REFERRER: [],
      CORRECTOR: [],
    });
  });
});
