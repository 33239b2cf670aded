/**
 * Disclosure control (CONTRACT.md section 8): the ONE place every analytics figure passes through
 * before it leaves the server. Pure: no imports, no I/O.
 *
 * - A count is suppressed when it, or the number of distinct people behind it, is between 1 and
 *   the threshold: value null, suppressed true, display "*". Zero stays 0.
 * - Anything else is rounded to the nearest multiple of `rounding`, halves up (8→10, 12→10, 13→15).
 * - Means only over at least MIN_PEOPLE_FOR_MEAN people (and only when that count is published),
 *   rounded to one decimal place; medians only when their count is published, in whole days.
 */

export interface DisclosureRules {
  /** DISCLOSURE_THRESHOLD: counts 1..threshold are suppressed (default 7). */
  readonly threshold: number;
  /** DISCLOSURE_ROUNDING: published counts are rounded to a multiple of this (default 5). */
  readonly rounding: number;
}

export const DEFAULT_DISCLOSURE_RULES: DisclosureRules = { threshold: 7, rounding: 5 };

/** A mean is given only over this many people or more. */
export const MIN_PEOPLE_FOR_MEAN = 10;

export interface DisclosedCount {
  value: number | null;
  suppressed: boolean;
  display: string;
}

export const SUPPRESSED_MARK = '*';

/** Nearest multiple of `step`, halves up (for the non-negative whole numbers counts are). */
export function roundToMultiple(n: number, step: number): number {
  if (step <= 1) return n;
  return Math.floor((n + step / 2) / step) * step;
}

/** True when this count (or the people behind it) must not be shown. */
export function isSuppressed(rules: DisclosureRules, count: number, people: number = count): boolean {
  const small = (x: number) => x >= 1 && x <= rules.threshold;
  return small(count) || small(people);
}

/**
 * A count after disclosure control. `people` is the number of distinct people behind it (the same
 * as `count` when people are what is counted).
 */
export function discloseCount(rules: DisclosureRules, count: number, people: number = count): DisclosedCount {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(people) || people < 0) {
    throw new Error(`disclosure control needs whole, non-negative counts (got ${count}, ${people})`);
  }
  if (count === 0) return { value: 0, suppressed: false, display: '0' };
  if (isSuppressed(rules, count, people)) return { value: null, suppressed: true, display: SUPPRESSED_MARK };
  const value = roundToMultiple(count, rules.rounding);
  return { value, suppressed: false, display: String(value) };
}

/**
 * Rounds a decimal written as text (as PostgreSQL's numeric gives it, e.g. "-1.25000") to one
 * decimal place, halves away from zero, exactly (no binary floating point on the way).
 */
export function roundDecimalTo1(decimal: string): number {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not a decimal: ${decimal}`);
  const negative = m[1] === '-';
  const frac = (m[3] ?? '').padEnd(2, '0');
  // tenths as a whole number, then round on the hundredths digit and anything after it
  let tenths = BigInt(m[2]) * 10n + BigInt(frac[0]);
  const rest = frac.slice(1);
  if (rest[0] >= '5') tenths += 1n;
  const value = Number(tenths) / 10;
  return negative && value !== 0 ? -value : value;
}

/**
 * A mean over `people` people: given only when there are at least MIN_PEOPLE_FOR_MEAN of them and
 * their count is itself published; rounded to one decimal place. `mean` is exact decimal text.
 */
export function discloseMean(rules: DisclosureRules, mean: string | null, people: number): number | null {
  if (mean === null || people < MIN_PEOPLE_FOR_MEAN) return null;
  if (discloseCount(rules, people).suppressed) return null;
  return roundDecimalTo1(mean);
}

/**
 * A median in days: given only when the count it describes is published and non-zero; in whole
 * days, halves up (a median of 2.5 days is 3).
 */
export function discloseMedianDays(count: DisclosedCount, medianDays: number | null): number | null {
  if (medianDays === null || count.suppressed || !count.value) return null;
  return Math.floor(medianDays + 0.5);
}
