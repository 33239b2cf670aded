import { AppError } from '#libs/common';
import { ONS4_ITEMS, ONS4_MAX, ONS4_MIN } from './ons4.js';
import { SWEMWBS_ITEMS, SWEMWBS_MAX, SWEMWBS_MIN, swemwbsMetric } from './swemwbs.js';

export type Instrument = 'SWEMWBS' | 'ONS4';

export interface WellbeingScore {
  responses: number[];
  /** SWEMWBS only: the sum of the 7 items (7–35). */
  rawScore: number | null;
  /** SWEMWBS only: the conversion-table metric score. */
  metricScore: number | null;
}

interface InstrumentRule {
  count: number;
  min: number;
  max: number;
  describe: string;
}

/** One row per instrument: the shape of a valid set of responses. */
export const INSTRUMENT_RULES: Readonly<Record<Instrument, InstrumentRule>> = {
  SWEMWBS: { count: SWEMWBS_ITEMS, min: SWEMWBS_MIN, max: SWEMWBS_MAX, describe: 'SWEMWBS' },
  ONS4: { count: ONS4_ITEMS.length, min: ONS4_MIN, max: ONS4_MAX, describe: 'ONS4' },
};

/** The field named in BAD_USER_INPUT errors about responses. */
export const RESPONSES_FIELD = 'responses';

/**
 * Validates and scores one assessment. Throws BAD_USER_INPUT naming `responses` for a wrong
 * number of items, a value out of range or a value that is not a whole number.
 */
export function scoreWellbeing(instrument: Instrument, responses: readonly unknown[]): WellbeingScore {
  const rule = INSTRUMENT_RULES[instrument];
  if (!rule) throw AppError.badInput('instrument', 'Choose SWEMWBS or ONS4.');
  if (!Array.isArray(responses) || responses.length !== rule.count) {
    throw AppError.badInput(
      RESPONSES_FIELD,
      `${rule.describe} needs exactly ${rule.count} responses (got ${Array.isArray(responses) ? responses.length : 0}).`,
    );
  }
  responses.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      throw AppError.badInput(
        RESPONSES_FIELD,
        `${rule.describe} response ${i + 1} must be a whole number from ${rule.min} to ${rule.max}.`,
      );
    }
  });
  const values = responses as number[];
  if (instrument === 'ONS4') return { responses: [...values], rawScore: null, metricScore: null };
  const rawScore = values.reduce((a, b) => a + b, 0);
  return { responses: [...values], rawScore, metricScore: swemwbsMetric(rawScore) };
}
