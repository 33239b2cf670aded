import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** C0/C1 control characters other than the ordinary line breaks and tab allowed in long notes. */
// eslint-disable-next-line no-control-regex
const CONTROL_STRICT = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_NOTES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const NAME_MAX = 100;
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 4000;

export function trimString(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
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

export function hasControlChars(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_IN_NOTES : CONTROL_STRICT).test(value);
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

/** A name: 1–100 characters after trimming, no control characters. Apply with @Trim(). */
export function IsName(label = 'Name', options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isName',
    (v) => charLength(v) >= 1 && charLength(v) <= NAME_MAX && !hasControlChars(v),
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
 * A password: no control characters. (scrypt's HMAC pads a short key with zero bytes, so a trailing
 * NUL would not change the hash: "secret\u0000" would pass for "secret".)
 */
export function IsPasswordText(options?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isPasswordText',
    (v) => !hasControlChars(v),
    'Password must not contain control characters.',
    options,
  );
}

// Deliberately simple and strict enough: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function isEmail(v: string): boolean {
  return v.length <= 254 && EMAIL.test(v) && !v.includes('..') && !hasControlChars(v);
}

export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return stringRule('isEmailAddress', isEmail, 'Enter an email address such as name@example.org.', options);
}
