/**
 * UK postcodes (outward + inward code; GIR 0AA included), stored upper-case with one space. The
 * outward code has one of six shapes, with the letters each position may hold: A9, A99, AA9, AA99,
 * A9A (third letter one of ABCDEFGHJKPSTUW) and AA9A (fourth one of ABEHMNPRVWXY); the first letter
 * is never Q, V or X, the second never I, J or Z; the inward code's letters are never C, I, K, M, O
 * or V.
 */
const OUTWARD =
  '[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][ABCDEFGHJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])';
const POSTCODE = new RegExp(`^(?:GIR0AA|${OUTWARD}[0-9][ABD-HJLNP-UW-Z]{2})$`);

/** The stored form (e.g. "HX1 5DT"), or null when it is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 5 || compact.length > 7) return null;
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
