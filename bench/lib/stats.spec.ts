import { percentile, ratio, summarise } from './stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [0, 1],
  ])('p%d of 1..100 is %d', (p, expected) => {
    expect(percentile(hundred, p)).toBe(expected);
  });

  it('is a sample the requests actually met, never an interpolation', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarise', () => {
  it('sorts before ranking and reports max and mean', () => {
    expect(summarise([5, 1, 3, 2, 4])).toEqual({ p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
  });
});

describe('ratio', () => {
  it.each([
    [50, 100, 0.5],
    [100, 0, null],
    [null, 100, null],
    [100, undefined, null],
    [Number.NaN, 1, null],
  ])('%p / %p = %p', (a, b, expected) => {
    expect(ratio(a, b)).toBe(expected);
  });
});
