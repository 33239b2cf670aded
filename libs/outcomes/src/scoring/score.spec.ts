import { AppError, ErrorCode } from '#libs/common';
import { scoreWellbeing } from './score.js';

/** The published table, copied from CONTRACT.md section 7 independently of the module's copy. */
const PUBLISHED: [number, number][] = [
  [7, 7.0],
  [8, 9.51],
  [9, 11.25],
  [10, 12.4],
  [11, 13.33],
  [12, 14.08],
  [13, 14.75],
  [14, 15.32],
  [15, 15.84],
  [16, 16.36],
  [17, 16.88],
  [18, 17.43],
  [19, 17.98],
  [20, 18.59],
  [21, 19.25],
  [22, 19.98],
  [23, 20.73],
  [24, 21.54],
  [25, 22.35],
  [26, 23.21],
  [27, 24.11],
  [28, 25.03],
  [29, 26.02],
  [30, 27.03],
  [31, 28.13],
  [32, 29.31],
  [33, 30.7],
  [34, 32.55],
  [35, 35.0],
];

/** Seven items 1–5 that sum to `raw`, filled from the front. */
function responsesFor(raw: number): number[] {
  const items = [1, 1, 1, 1, 1, 1, 1];
  let left = raw - 7;
  for (let i = 0; i < 7 && left > 0; i++) {
    const add = Math.min(4, left);
    items[i] += add;
    left -= add;
  }
  return items;
}

/** The same sum spread evenly, filled from the back. */
function spreadFor(raw: number): number[] {
  const base = Math.floor(raw / 7);
  const extra = raw % 7;
  return Array.from({ length: 7 }, (_, i) => base + (i >= 7 - extra ? 1 : 0));
}

function badInput(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(err.extensions.field).toBe('responses');
    return err;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('SWEMWBS scoring', () => {
  it('covers every raw score 7–35 exactly once', () => {
    expect(PUBLISHED.map(([raw]) => raw)).toEqual(Array.from({ length: 29 }, (_, i) => i + 7));
  });

  it.each(PUBLISHED)('raw score %i converts to metric %d', (raw, metric) => {
    for (const responses of [responsesFor(raw), spreadFor(raw)]) {
      expect(responses.reduce((a, b) => a + b, 0)).toBe(raw);
      const score = scoreWellbeing('SWEMWBS', responses);
      expect(score.rawScore).toBe(raw);
      expect(score.metricScore).toBe(metric);
      expect(score.responses).toEqual(responses);
    }
  });

  it.each([
    ['too few items', [3, 3, 3, 3, 3, 3]],
    ['too many items', [3, 3, 3, 3, 3, 3, 3, 3]],
    ['no items', []],
    ['an item of 0', [0, 3, 3, 3, 3, 3, 3]],
    ['an item of 6', [3, 3, 3, 3, 3, 3, 6]],
    ['a negative item', [3, -1, 3, 3, 3, 3, 3]],
    ['a fraction', [3, 3, 2.5, 3, 3, 3, 3]],
    ['NaN', [3, 3, 3, Number.NaN, 3, 3, 3]],
    ['Infinity', [3, 3, 3, 3, Number.POSITIVE_INFINITY, 3, 3]],
    ['a string', [3, 3, 3, 3, 3, '3', 3]],
    ['null', [3, 3, 3, 3, 3, 3, null]],
  ])('refuses %s, naming responses', (_label, responses) => {
    badInput(() => scoreWellbeing('SWEMWBS', responses as unknown[]));
  });
});

describe('ONS4 scoring', () => {
  it.each([[[0, 0, 0, 0]], [[10, 10, 10, 10]], [[7, 8, 6, 3]]])(
    'keeps %j unsummed, raw and metric null',
    (responses) => {
      expect(scoreWellbeing('ONS4', responses)).toEqual({ responses, rawScore: null, metricScore: null });
    },
  );

  it.each([
    ['too few items', [5, 5, 5]],
    ['too many items', [5, 5, 5, 5, 5]],
    ['SWEMWBS-length', [3, 3, 3, 3, 3, 3, 3]],
    ['an item of 11', [5, 11, 5, 5]],
    ['a negative item', [5, 5, -1, 5]],
    ['a fraction', [5, 5, 5, 5.5]],
    ['a string', ['5', 5, 5, 5]],
  ])('refuses %s, naming responses', (_label, responses) => {
    badInput(() => scoreWellbeing('ONS4', responses as unknown[]));
  });
});
