import { JOURNEY_ENTRY_KINDS, type JourneyEntryKindName } from './entry-kind.js';

/** What the rule needs to know about one entry. */
export interface EntryFacts {
  kind: JourneyEntryKindName;
  at: Date;
  /**
   * The organisations the entry belongs to: both parties for referral entries (REFERRAL_MADE,
   * REFERRAL_STATUS_CHANGED), otherwise the organisation that recorded it.
   */
  ownerOrganisationIds: readonly string[];
  /** Involves a sensitive service (its existence is private: never counted as hidden). */
  sensitive: boolean;
  /** For referral entries of an ENTERED_IN_ERROR referral: the creator's organisation. */
  enteredInErrorBy?: string | null;
  /** Tie-break within the same instant and kind (e.g. the row's sequence). */
  seq: number;
}

export type EntryVerdict = 'SHOW' | 'HIDE_COUNTED' | 'HIDE_UNCOUNTED';

/**
 * CONTRACT.md sections 3 and 4: the viewer's own organisation's entries always show; entries that
 * belong only to other organisations show while the person has an active JOURNEY_SHARING consent
 * covering the viewer's organisation, otherwise they are hidden and counted — unless they involve a
 * sensitive service (never counted). An ENTERED_IN_ERROR referral is absent for everyone but its
 * creator's organisation (not counted either).
 */
export function entryVerdict(
  e: EntryFacts,
  viewerOrganisationId: string,
  journeySharing: boolean,
): EntryVerdict {
  if (e.enteredInErrorBy && e.enteredInErrorBy !== viewerOrganisationId) return 'HIDE_UNCOUNTED';
  if (e.ownerOrganisationIds.includes(viewerOrganisationId)) return 'SHOW';
  if (journeySharing) return 'SHOW';
  return e.sensitive ? 'HIDE_UNCOUNTED' : 'HIDE_COUNTED';
}

const KIND_ORDER = new Map(JOURNEY_ENTRY_KINDS.map((k, i) => [k, i]));

/** Oldest first; ties by kind (registration before consents before referrals …), then sequence. */
export function compareEntries(a: EntryFacts, b: EntryFacts): number {
  return (
    a.at.getTime() - b.at.getTime() || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || a.seq - b.seq
  );
}

/** The entries shown (ordered) and the number hidden for lack of consent. */
export function filterJourney<T extends EntryFacts>(
  entries: readonly T[],
  viewerOrganisationId: string,
  journeySharing: boolean,
): { shown: T[]; hiddenEntries: number } {
  const shown: T[] = [];
  let hiddenEntries = 0;
  for (const e of entries) {
    const verdict = entryVerdict(e, viewerOrganisationId, journeySharing);
    if (verdict === 'SHOW') shown.push(e);
    else if (verdict === 'HIDE_COUNTED') hiddenEntries++;
  }
  shown.sort(compareEntries);
  return { shown, hiddenEntries };
}

/**
 * The threads referred to, in order of first referral, from the REFERRAL_MADE entries shown. A
 * referral ENTERED_IN_ERROR still shows to its creator's organisation, but it never happened: the
 * person was not referred to its thread (as in the analytics' pathways).
 */
export function journeyCategories(shown: readonly (EntryFacts & { category?: string | null })[]): string[] {
  const seen = new Set<string>();
  for (const e of shown)
    if (e.kind === 'REFERRAL_MADE' && !e.enteredInErrorBy && e.category && !seen.has(e.category))
      seen.add(e.category);
  return [...seen];
}
