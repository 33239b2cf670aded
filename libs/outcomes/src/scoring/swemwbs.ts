/**
 * SWEMWBS (Short Warwick-Edinburgh Mental Wellbeing Scale): 7 items scored 1–5. The raw score is
 * their sum (7–35); the metric score comes from the published Rasch conversion table
 * (CONTRACT.md section 7).
 */
export const SWEMWBS_ITEMS = 7;
export const SWEMWBS_MIN = 1;
export const SWEMWBS_MAX = 5;

/** Published conversion table: raw score → metric score. */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = Object.freeze({
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
});

/** The metric score of a raw score 7–35 (throws RangeError outside it: callers validate first). */
export function swemwbsMetric(rawScore: number): number {
  const metric = SWEMWBS_METRIC[rawScore];
  if (metric === undefined) throw new RangeError(`SWEMWBS raw score ${rawScore} is outside 7–35`);
  return metric;
}
