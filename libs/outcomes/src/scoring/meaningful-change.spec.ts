import {
  lifeSatisfactionBand,
  ons4ImprovedMeaningfully,
  swemwbsImprovedMeaningfully,
} from './meaningful-change.js';

describe('ONS4 life-satisfaction bands', () => {
  it.each([
    [0, 'LOW'],
    [1, 'LOW'],
    [2, 'LOW'],
    [3, 'LOW'],
    [4, 'LOW'],
    [5, 'MEDIUM'],
    [6, 'MEDIUM'],
    [7, 'HIGH'],
    [8, 'HIGH'],
    [9, 'VERY_HIGH'],
    [10, 'VERY_HIGH'],
  ])('%i is %s', (score, band) => {
    expect(lifeSatisfactionBand(score)).toBe(band);
  });

  it.each([
    [4, 5, true],
    [0, 10, true],
    [6, 7, true],
    [8, 9, true],
    [3, 9, true],
    [0, 4, false],
    [5, 6, false],
    [7, 8, false],
    [9, 10, false],
    [6, 5, false],
    [9, 2, false],
    [5, 5, false],
  ])('%i → %i improved meaningfully: %s', (baseline, followUp, improved) => {
    expect(ons4ImprovedMeaningfully(baseline, followUp)).toBe(improved);
  });
});

describe('SWEMWBS meaningful change', () => {
  it.each([
    [17.43, 20.43, true],
    [17.43, 21.54, true],
    [7, 35, true],
    [14.08, 17.08, true],
    [17.43, 20.42, false],
    [20, 20, false],
    [25.03, 19.25, false],
    [15.84, 18.59, false],
  ])('%d → %d improved meaningfully: %s', (baseline, followUp, improved) => {
    expect(swemwbsImprovedMeaningfully(baseline, followUp)).toBe(improved);
  });
});
