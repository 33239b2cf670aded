import {
  DEFAULT_DISCLOSURE_RULES as D,
  discloseCount,
  discloseMean,
  discloseMedianDays,
  roundDecimalTo1,
  roundToMultiple,
} from './disclosure.js';

const shown = (value: number) => ({ value, suppressed: false, display: String(value) });
const star = { value: null, suppressed: true, display: '*' };

describe('discloseCount with the defaults (threshold 7, rounding 5)', () => {
  it.each([
    [0, { value: 0, suppressed: false, display: '0' }],
    [1, star],
    [2, star],
    [6, star],
    [7, star],
    [8, shown(10)],
    [9, shown(10)],
    [10, shown(10)],
    [11, shown(10)],
    [12, shown(10)],
    [13, shown(15)],
    [14, shown(15)],
    [15, shown(15)],
    [17, shown(15)],
    [18, shown(20)],
    [22, shown(20)],
    [23, shown(25)],
    [100, shown(100)],
    [102, shown(100)],
    [103, shown(105)],
    [1_000_002, shown(1_000_000)],
    [1_000_003, shown(1_000_005)],
  ])('count %i → %j', (count, expected) => {
    expect(discloseCount(D, count)).toEqual(expected);
  });

  it.each([
    // count, distinct people, suppressed?
    [20, 1, true],
    [20, 7, true],
    [20, 8, false],
    [8, 8, false],
    [100, 0, false], // never happens in practice; people 0 is not "small"
    [7, 20, true],
    [0, 0, false],
  ])('count %i over %i people: suppressed %s', (count, people, suppressed) => {
    expect(discloseCount(D, count, people).suppressed).toBe(suppressed);
  });

  it('suppression shows no number at all', () => {
    const c = discloseCount(D, 20, 3);
    expect(c).toEqual(star);
  });

  it('refuses negative or fractional counts (a bug upstream, never silently shown)', () => {
    expect(() => discloseCount(D, -1)).toThrow();
    expect(() => discloseCount(D, 1.5)).toThrow();
  });
});

describe('discloseCount with other settings', () => {
  it.each([
    [{ threshold: 10, rounding: 10 }, 10, star],
    [{ threshold: 10, rounding: 10 }, 11, shown(10)],
    [{ threshold: 10, rounding: 10 }, 15, shown(20)],
    [{ threshold: 10, rounding: 10 }, 14, shown(10)],
    [{ threshold: 0, rounding: 1 }, 1, shown(1)],
    [{ threshold: 0, rounding: 1 }, 3, shown(3)],
    [{ threshold: 2, rounding: 1 }, 2, star],
    [{ threshold: 2, rounding: 1 }, 3, shown(3)],
    [{ threshold: 7, rounding: 3 }, 8, shown(9)],
    [{ threshold: 7, rounding: 4 }, 10, shown(12)], // half (10 = 8 + 2) rounds up
  ])('%j: %i → %j', (rules, count, expected) => {
    expect(discloseCount(rules, count)).toEqual(expected);
  });
});

describe('roundToMultiple (halves up)', () => {
  it.each([
    [0, 5, 0],
    [2, 5, 0],
    [3, 5, 5],
    [7, 5, 5],
    [7.5, 5, 10],
    [8, 5, 10],
    [12, 5, 10],
    [12.5, 5, 15],
    [13, 5, 15],
    [25, 10, 30],
    [24, 10, 20],
    [9, 1, 9],
  ])('%d to a multiple of %d → %d', (n, step, expected) => {
    expect(roundToMultiple(n, step)).toBe(expected);
  });
});

describe('roundDecimalTo1 (exact, halves away from zero)', () => {
  it.each([
    ['0', 0],
    ['0.04', 0],
    ['0.05', 0.1],
    ['1.05', 1.1], // 1.05 is not exact in binary floating point; text keeps it exact
    ['1.0499999999', 1],
    ['2.25', 2.3],
    ['2.35', 2.4],
    ['-0.04', 0],
    ['-0.05', -0.1],
    ['-2.25', -2.3],
    ['-1.2', -1.2],
    ['3.3333333333333333', 3.3],
    ['12', 12],
    ['12.', 12],
    ['9.96', 10],
    ['-9.96', -10],
  ])('%s → %d', (text, expected) => {
    expect(roundDecimalTo1(text)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundDecimalTo1('-0.01'), -0)).toBe(false);
  });
});

describe('discloseMean', () => {
  it.each([
    ['3.46', 9, null], // under 10 people
    ['3.46', 10, 3.5],
    ['3.44', 11, 3.4],
    ['-0.25', 12, -0.3],
    [null, 20, null],
  ])('mean %s over %i people → %s', (mean, people, expected) => {
    expect(discloseMean(D, mean, people)).toBe(expected);
  });

  it('is withheld while the people count itself is suppressed (threshold above 10)', () => {
    expect(discloseMean({ threshold: 12, rounding: 5 }, '1.0', 12)).toBeNull();
    expect(discloseMean({ threshold: 12, rounding: 5 }, '1.0', 13)).toBe(1);
  });
});

describe('discloseMedianDays', () => {
  it.each([
    [discloseCount(D, 0), 3, null],
    [discloseCount(D, 5), 3, null],
    [discloseCount(D, 7), 3, null],
    [discloseCount(D, 8), 3, 3],
    [discloseCount(D, 20), 2.5, 3],
    [discloseCount(D, 20), 2.4, 2],
    [discloseCount(D, 20), 0, 0],
    [discloseCount(D, 20), null, null],
  ])('%j with median %s → %s', (count, median, expected) => {
    expect(discloseMedianDays(count, median)).toBe(expected);
  });
});
