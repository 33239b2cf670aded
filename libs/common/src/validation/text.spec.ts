import { charLength } from './text.js';

describe('charLength counts characters (Unicode code points), as the contract and char_length do', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['Zoë', 3],
    ['😀', 1],
    ['harm risk😀😀', 11],
    ['𝒜'.repeat(100), 100],
    // A lone surrogate (not a pair) is still one unit of text each.
    ['\ud83d', 1],
    ['\ude00\ud83d', 2],
    ['a\ud83d', 2],
  ])('%j has %i', (text, n) => {
    expect(charLength(text)).toBe(n);
  });
});
