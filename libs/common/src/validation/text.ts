import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * C0/C1 control characters, and the Unicode line and paragraph separators, which break a line as
 * \n does; long notes keep the ordinary line breaks and tab (and those separators).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_STRICT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_NOTES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const NAME_MAX = 100;
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 4000;

/** Trimmed and composed (NFC): text typed with combining accents is stored as one form. */
export function trimString(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().normalize('NFC') : value;
}

/** Trims strings before validation; leaves null/undefined alone. */
export const Trim = () => Transform(({ value }) => trimString(value));

/** Trims; an empty string after trimming becomes null (an optional field left blank). */
export const TrimToNull = () =>
  Transform(({ value }) => {
    const t = trimString(value);
    return t === '' ? null : t;
  });

/**
 * The number of characters in `value`, as CONTRACT.md's limits count them and PostgreSQL's
 * char_length does: Unicode code points, so an emoji or a letter outside the Basic Multilingual
 * Plane (two UTF-16 code units in a JavaScript string) is one character.
 */
export function charLength(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Half of a UTF-16 surrogate pair without the other half: no character at all. PostgreSQL would
 * store it as U+FFFD, so two different keys or passwords would become the same one.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Control characters (see above) or a lone surrogate: text that is not what it seems. */
export function hasControlChars(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_IN_NOTES : CONTROL_STRICT).test(value) || LONE_SURROGATE.test(value);
}

function stringRule(
  name: string,
  test: (v: string) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: {
        validate: (value: unknown) =>
          value === null || value === undefined || (typeof value === 'string' && test(value)),
      },
    });
  };
}

/**
 * A character that shows: not a space, control or format character (zero-width space, soft hyphen,
 * direction marks), a combining mark alone, or a blank "letter" (Braille blank, Hangul fillers).
 */
const VISIBLE = /[^\p{Z}\p{C}\p{M}\u2800\u115f\u1160\u3164\uffa0]/u;

/** True when `value` has at least one character that shows. */
export function hasVisibleChar(value: string): boolean {
  return VISIBLE.test(value);
}

/** Characters that take no room on a screen: format (zero-width, direction marks), blank fillers. */
const UNSEEN = /[\p{Cf}\u2800\u115f\u1160\u3164\uffa0]/gu;

/** Splits text into the characters a reader sees (grapheme clusters: a letter with its accents). */
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A cluster of combining marks alone (at the start of a text, with nothing to sit on). */
const MARKS_ONLY = /^\p{M}+$/u;

/**
 * The characters of `value` a reader sees, spaces between words included: a letter with its
 * combining accents, or an emoji built of several, is one; zero-width and direction characters,
 * blank fillers and combining marks with nothing to sit on are none. A text padded out with
 * invisible characters (zero-width spaces, combining grapheme joiners, variation selectors) is
 * as long as what it shows.
 */
export function seenLength(value: string): number {
  let n = 0;
  for (const { segment } of GRAPHEMES.segment(value)) {
    // Within a cluster: a zero-width joiner holds an emoji sequence together, and shows as nothing.
    const shown = segment.replace(UNSEEN, '');
    if (shown !== '' && !MARKS_ONLY.test(shown)) n++;
  }
  return n;
}

/**
 * A name: 1–100 characters after trimming, no control characters, and something that shows (a name
 * of zero-width spaces alone would be blank on every screen). Apply with @Trim().
 */
export function IsName(label = 'Name', options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isName',
    (v) => charLength(v) >= 1 && charLength(v) <= NAME_MAX && !hasControlChars(v) && hasVisibleChar(v),
    `${label} must be 1 to ${NAME_MAX} characters, without control characters.`,
    options,
  );
}

/** Free text: at most `max` characters (200 by default, 4,000 for notes), no control characters. */
export function IsFreeText(
  max = SHORT_TEXT_MAX,
  label = 'This field',
  options?: ValidationOptions,
): PropertyDecorator {
  const allowBreaks = max > SHORT_TEXT_MAX;
  return stringRule(
    'isFreeText',
    (v) => charLength(v) <= max && !hasControlChars(v, allowBreaks),
    `${label} must be at most ${max.toLocaleString('en-GB')} characters, without control characters.`,
    options,
  );
}

/**
 * A password: no control characters (scrypt's HMAC pads a short key with zero bytes, so a trailing
 * NUL would not change the hash: "secret\u0000" would pass for "secret"), and not only spaces.
 */
export function IsPasswordText(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isPasswordText',
    (v) => !hasControlChars(v) && hasVisibleChar(v),
    'Password must not contain control characters or be only spaces or invisible characters.',
    options,
  );
}

/**
 * A password's length in characters as it is kept: composed (NFC), as it is hashed and checked at
 * sign-in, so "e" + combining accent six times is 6 characters, not 12.
 */
export function passwordLength(v: string): number {
  return charLength(v.normalize('NFC'));
}

/** At least `min` and at most `max` characters, counted by passwordLength. */
export function IsPasswordLength(min: number, max: number): PropertyDecorator {
  const atLeast = stringRule(
    'passwordMinLength',
    (v) => passwordLength(v) >= min,
    `Password must be at least ${min} characters.`,
  );
  const atMost = stringRule(
    'passwordMaxLength',
    (v) => passwordLength(v) <= max,
    `Password must be at most ${max} characters.`,
  );
  return (target, property) => {
    atLeast(target, property);
    atMost(target, property);
  };
}

/** Format characters (zero-width spaces, direction marks) and spaces of any kind. */
const INVISIBLE_IN_EMAIL = /[\p{Cf}\p{Z}]/u;
/** The part before the @: no spaces or specials, no dot at either end or twice in a row. */
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[^\s@<>()[\]\\,;:"]{1,64}(?<!\.)$/;
/** One label of the domain: letters (any script), digits and hyphens, not at either end. */
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
/** The last label: letters only (two or more), or an internationalised one in its ASCII form. */
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

/**
 * A well-formed address as people type them: local@domain.tld, the domain made of labels separated
 * by single dots (no underscores, no hyphen at a label's end), at most 254 characters.
 */
export function isEmail(v: string): boolean {
  // No invisible characters either: a zero-width space would make a lookalike of another address.
  if (v.length > 254 || hasControlChars(v) || INVISIBLE_IN_EMAIL.test(v)) return false;
  const at = v.lastIndexOf('@');
  if (at < 1 || !LOCAL_PART.test(v.slice(0, at))) return false;
  const labels = v.slice(at + 1).split('.');
  return labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l)) && TOP_LEVEL.test(labels.at(-1)!);
}

export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return stringRule('isEmailAddress', isEmail, 'Enter an email address such as name@example.org.', options);
}
