import { needsExactPeople, peopleFor } from './people-sketch.js';
import { discloseCount, DEFAULT_DISCLOSURE_RULES as D } from '../disclosure/disclosure.js';

describe('people bits: when distinct people must be counted exactly (threshold 7)', () => {
  it.each([
    // count, bits set, exact needed?
    [0, 0, false],
    [1, 1, false], // suppressed by its count anyway
    [7, 1, false],
    [8, 8, false], // 8 bits = at least 8 people
    [8, 7, true], // 7 bits: 7 people, or 8 sharing a bit
    [500, 1, true], // could be one person
    [500, 8, false],
    [500, 64, false],
  ])('count %i with %i bits: %s', (count, bits, expected) => {
    expect(needsExactPeople(count, bits, 7)).toBe(expected);
  });

  it('a lower bound above the threshold leads to the same disclosure as the exact number', () => {
    for (const count of [8, 9, 13, 100]) {
      for (const exact of [8, 9, 20]) {
        if (exact > count) continue;
        for (let bits = 8; bits <= Math.min(exact, 64); bits++) {
          expect(discloseCount(D, count, peopleFor(bits, undefined))).toEqual(discloseCount(D, count, exact));
        }
      }
    }
  });

  it('a count at or under the threshold is suppressed whatever the bits say', () => {
    for (let count = 1; count <= 7; count++) {
      expect(discloseCount(D, count, peopleFor(1, undefined)).suppressed).toBe(true);
    }
  });
});
