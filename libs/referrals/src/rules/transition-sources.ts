import {
  REFERRAL_STATUSES,
  type ReferralParty,
  type ReferralStatusName,
  transitionParty,
} from './transitions.js';

/** For a target status: the statuses each party may move a referral from to reach it (TRANSITIONS, inverted). */
export type TransitionSources = Readonly<Record<ReferralParty, readonly ReferralStatusName[]>>;

const cache = new Map<string, TransitionSources>();

export function transitionSources(to: ReferralStatusName): TransitionSources {
  let sources = cache.get(to);
  if (!sources) {
    const by: Record<ReferralParty, ReferralStatusName[]> = { RECEIVER: [], REFERRER: [], CORRECTOR: [] };
    for (const from of REFERRAL_STATUSES) {
      const party = transitionParty(from, to);
      if (party) by[party].push(from);
    }
    sources = by;
    cache.set(to, sources);
  }
  return sources;
}
