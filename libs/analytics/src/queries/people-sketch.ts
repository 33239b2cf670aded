/**
 * Distinct people without grouping by person. Every row sets one of 64 bits chosen by a hash of its
 * person id; OR-ing them over a group gives a bitmap whose number of set bits is a LOWER BOUND on the
 * distinct people behind the group (two people may share a bit, one person never sets two). The
 * referral summary (migration 0060) keeps these bitmaps per stage, with the bit
 * `1 << (uuid_hash(person_id) & 63)`.
 *
 * Disclosure control only asks whether the people behind a count are between 1 and the threshold.
 * When the count itself is at most the threshold it is suppressed anyway; when more bits than the
 * threshold are set, more people than the threshold are behind it. Only in between — a count above
 * the threshold whose bits are at most the threshold — are the people counted exactly, by a second
 * statement over just those groups. Large groups (the usual case at scale) never need it.
 */

/** SQL: the number of set bits of a people bitmap. */
export const bitsSet = (bitmap: string) => `coalesce(bit_count((${bitmap})::bit(64)), 0)::int`;

/** Whether a count with `bits` person bits set needs its distinct people counted exactly. */
export function needsExactPeople(count: number, bits: number, threshold: number): boolean {
  return count > threshold && bits <= threshold;
}

/**
 * The number of people to hand to disclosure control: the exact number when it was counted,
 * otherwise the lower bound from the bits (enough to decide, see above).
 */
export function peopleFor(bits: number, exact: number | undefined): number {
  return exact ?? bits;
}
