import { charLength, hasControlChars, hasVisibleChar, isEmail, seenLength } from './text.js';

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

describe('control characters', () => {
  it('refuses the Unicode line and paragraph separators where line breaks are refused, and keeps them in notes', () => {
    for (const c of ['\u2028', '\u2029', '\n', '\u0085', '\u0000'])
      expect(hasControlChars(`Ann${c}Marie`)).toBe(true);
    for (const c of ['\u2028', '\u2029', '\n', '\t'])
      expect(hasControlChars(`line${c}line`, true)).toBe(false);
    expect(hasControlChars('Zoë O’Brien-Łukasz 😀')).toBe(false);
  });

  it('refuses half a surrogate pair (no character: PostgreSQL would store U+FFFD), in notes too', () => {
    for (const v of ['Ann\udc00e', '\ud800', 'key\udbff', '\udfff\ud800'])
      for (const notes of [false, true]) expect(hasControlChars(v, notes)).toBe(true);
    expect(hasControlChars('\ud83d\ude00 and 𝒜')).toBe(false);
  });
});

describe('a name shows something', () => {
  it.each(['\u200b', '\u00ad', '\u0301', '\u2800', '\u202e', '\u200b\u200c\u200d', '\u3164', '\ufeff'])(
    'refuses %j alone',
    (v) => expect(hasVisibleChar(v)).toBe(false),
  );
  it.each(['A', 'Zoë', 'é', '李', '😀', 'Ann\u200bMarie', '-', '7'])('accepts %j', (v) =>
    expect(hasVisibleChar(v)).toBe(true),
  );
});

describe('the length a reader sees', () => {
  it.each([
    ['', 0],
    ['risk of harm', 12],
    ['\u200b'.repeat(25), 0],
    ['abc\u200d\u2066\u00ad', 3],
    ['\u2800\u3164 x', 2],
    ['😀😀', 2],
    // Marks that attach to the character before them show as part of it.
    [`x${'\u034f'.repeat(19)}`, 1],
    [`x${'\ufe0f'.repeat(19)}`, 1],
    [`Risk${'\u0301'.repeat(16)}`, 4],
    ['a\u0301'.repeat(10), 10],
    ['\u0301\u0301abc', 3],
    // An emoji sequence is one character on screen: a family, a flag, a skin tone.
    ['\u{1F468}\u200d\u{1F469}\u200d\u{1F467}', 1],
    ['\u{1F1EC}\u{1F1E7}', 1],
    ['\u{1F44B}\u{1F3FD}', 1],
  ])('%j counts %i', (v, n) => expect(seenLength(v)).toBe(n));
});

describe('email addresses', () => {
  it.each([
    'name@example.org',
    'first.last+tag@sub.example.co.uk',
    "o'brien@example.ie",
    'a@b.co',
    'x@xn--bcher-kva.example',
    'zoë@exämple.de',
    'a@b-c.co',
  ])('accepts %s', (v) => expect(isEmail(v)).toBe(true));
  it.each([
    '.a@b.co',
    'a.@b.co',
    'a..b@b.co',
    'a@.b.co',
    'a@-b.co',
    'a@b-.co',
    'a@b_c.co',
    'a@b..co',
    'a@b.c',
    'a@b',
    'a@@b.co',
    'a b@c.co',
    '"a"@b.co',
    'pat\u200blee@example.org',
    '\u200bpat@example.org',
    'pat@exa\u00a0mple.org',
    'a@[1.2.3.4]',
    'a@b.c0',
    `${'a'.repeat(65)}@b.co`,
    `a@${'b'.repeat(250)}.co`,
  ])('refuses %s', (v) => expect(isEmail(v)).toBe(false));
});
