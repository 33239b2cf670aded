/**
 * Meaningful change between a baseline and a follow-up (CONTRACT.md section 7), shared with
 * analytics: SWEMWBS metric score up by 3 or more; ONS4 life satisfaction moving up at least one
 * band (0–4 low, 5–6 medium, 7–8 high, 9–10 very high).
 */
export const SWEMWBS_MEANINGFUL_CHANGE = 3;

export type LifeSatisfactionBand = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';

/** Bands in rising order, each with its lowest score. */
export const LIFE_SATISFACTION_BANDS: readonly { band: LifeSatisfactionBand; from: number }[] = [
  { band: 'LOW', from: 0 },
  { band: 'MEDIUM', from: 5 },
  { band: 'HIGH', from: 7 },
  { band: 'VERY_HIGH', from: 9 },
];

/** 0 (low) to 3 (very high). */
export function lifeSatisfactionBandIndex(score: number): number {
  let index = 0;
  LIFE_SATISFACTION_BANDS.forEach((b, i) => {
    if (score >= b.from) index = i;
  });
  return index;
}

export function lifeSatisfactionBand(score: number): LifeSatisfactionBand {
  return LIFE_SATISFACTION_BANDS[lifeSatisfactionBandIndex(score)].band;
}

/** SWEMWBS: the metric score rose by 3 or more (compared to 2 decimal places, as stored). */
export function swemwbsImprovedMeaningfully(baselineMetric: number, followUpMetric: number): boolean {
  return Math.round((followUpMetric - baselineMetric) * 100) >= SWEMWBS_MEANINGFUL_CHANGE * 100;
}

/** ONS4: life satisfaction (item 1) moved up at least one band. */
export function ons4ImprovedMeaningfully(
  baselineLifeSatisfaction: number,
  followUpLifeSatisfaction: number,
): boolean {
  return (
    lifeSatisfactionBandIndex(followUpLifeSatisfaction) > lifeSatisfactionBandIndex(baselineLifeSatisfaction)
  );
}
