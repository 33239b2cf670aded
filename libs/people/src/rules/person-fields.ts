import {
  AppError,
  charLength,
  GraphQLDate,
  hasControlChars,
  hasVisibleChar,
  isEmail,
  londonToday,
  NAME_MAX,
  SHORT_TEXT_MAX,
} from '#libs/common';
import { ETHNICITY_CODES } from './ethnicity.js';
import { isLanguageCode } from './languages.js';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.js';
import { normalisePostcode } from './postcode.js';

/** Column values of `people` after normalisation; a key is present only when it is to be written. */
export interface PersonColumns {
  given_name?: string;
  family_name?: string;
  date_of_birth?: string | null;
  preferred_language?: string | null;
  interpreter_needed?: boolean;
  postcode?: string | null;
  ward?: string | null;
  phone?: string | null;
  email?: string | null;
  nhs_number?: string | null;
  gender?: string | null;
  ethnicity?: string | null;
  disability?: boolean | null;
  equality_recorded?: boolean;
}

type Plain = Record<string, unknown>;

function asText(field: string, v: unknown): string {
  if (typeof v !== 'string') throw AppError.badInput(field, 'Must be text.');
  // Composed (NFC), so "Renée" typed with a combining accent is stored, shown and found as one.
  return v.trim().normalize('NFC');
}

function name(field: string, v: unknown, label: string): string {
  if (v === null || v === undefined) throw AppError.badInput(field, `${label} is required.`);
  const t = asText(field, v);
  if (charLength(t) < 1 || charLength(t) > NAME_MAX || hasControlChars(t) || !hasVisibleChar(t))
    throw AppError.badInput(
      field,
      `${label} must be 1 to ${NAME_MAX} characters, without control characters.`,
    );
  return t;
}

/** Optional text as given: trimmed; null when omitted, null or blank. */
function given(field: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = asText(field, v);
  return t === '' ? null : t;
}

/** Whether optional text keeps to 200 characters without control characters. */
function shortEnough(t: string): boolean {
  return charLength(t) <= SHORT_TEXT_MAX && !hasControlChars(t);
}

/** Optional text: trimmed, empty → null; at most 200 characters, no control characters. */
function shortText(field: string, v: unknown, label: string): string | null {
  const t = given(field, v);
  if (t === null) return null;
  if (!shortEnough(t))
    throw AppError.badInput(
      field,
      `${label} must be at most ${SHORT_TEXT_MAX} characters, without control characters.`,
    );
  return t;
}

/**
 * Optional text of a given form (a postcode, an NHS number…): trimmed, empty → null; anything not
 * of that form, too long or with control characters included, is refused with the form's `message`.
 */
function rule<T>(field: string, v: unknown, norm: (t: string) => T | null, message: string): T | null {
  const t = given(field, v);
  if (t === null) return null;
  const out = shortEnough(t) ? norm(t) : null;
  if (out === null) throw AppError.badInput(field, message);
  return out;
}

const FIELDS: Record<string, (v: unknown, out: PersonColumns) => void> = {
  givenName: (v, o) => (o.given_name = name('givenName', v, 'Given name')),
  familyName: (v, o) => (o.family_name = name('familyName', v, 'Family name')),
  dateOfBirth: (v, o) => {
    if (v === null || v === undefined) return void (o.date_of_birth = null);
    // The Date scalar already parsed it; checked again for callers that bypass GraphQL.
    const d = GraphQLDate.parseValue(v) as string;
    if (d > londonToday()) throw AppError.badInput('dateOfBirth', 'Date of birth cannot be in the future.');
    if (d < '1900-01-01') throw AppError.badInput('dateOfBirth', 'Date of birth cannot be before 1900.');
    o.date_of_birth = d;
  },
  preferredLanguage: (v, o) =>
    (o.preferred_language = rule(
      'preferredLanguage',
      v,
      (t) => (isLanguageCode(t) ? t : null),
      'Enter a two-letter lowercase ISO 639-1 language code such as "en", "ur" or "ar".',
    )),
  interpreterNeeded: (v, o) => {
    if (v === undefined) return;
    if (typeof v !== 'boolean')
      throw AppError.badInput('interpreterNeeded', 'interpreterNeeded must be true or false.');
    o.interpreter_needed = v;
  },
  postcode: (v, o) =>
    (o.postcode = rule('postcode', v, normalisePostcode, 'Enter a UK postcode such as HX1 5DT.')),
  ward: (v, o) => (o.ward = shortText('ward', v, 'Ward')),
  phone: (v, o) => (o.phone = shortText('phone', v, 'Phone')),
  email: (v, o) =>
    (o.email = rule(
      'email',
      v,
      (t) => (isEmail(t) ? t : null),
      'Enter an email address such as name@example.org.',
    )),
  nhsNumber: (v, o) =>
    (o.nhs_number = rule(
      'nhsNumber',
      v,
      (t) => {
        const digits = normaliseNhsNumber(t);
        return isValidNhsNumber(digits) ? digits : null;
      },
      'Enter a 10-digit NHS number with a valid check digit.',
    )),
  equality: (v, o) => {
    if (v === null) {
      Object.assign(o, { gender: null, ethnicity: null, disability: null, equality_recorded: false });
      return;
    }
    if (typeof v !== 'object') throw AppError.badInput('equality', 'Must be an object.');
    const e = v as Plain;
    if (e.gender !== undefined) o.gender = shortText('equality.gender', e.gender, 'Gender');
    if (e.ethnicity !== undefined)
      o.ethnicity = rule(
        'equality.ethnicity',
        e.ethnicity,
        (t) => (ETHNICITY_CODES.has(t) ? t : null),
        'Enter an NHS ethnic category code (A–H, J–N, P, R, S or Z).',
      );
    if (e.disability !== undefined) {
      if (e.disability !== null && typeof e.disability !== 'boolean')
        throw AppError.badInput('equality.disability', 'disability must be true, false or null.');
      o.disability = e.disability as boolean | null;
    }
    o.equality_recorded = true;
  },
};

const ORDER = Object.keys(FIELDS);

/**
 * Validates and normalises a person input (CONTRACT.md section 6). For a registration every field is
 * considered (omitted = null); for an update only the fields given (null clears, except names and
 * interpreterNeeded which cannot be cleared). Throws BAD_USER_INPUT naming the field.
 */
export function personColumnsFrom(input: Plain, mode: 'register' | 'update'): PersonColumns {
  const out: PersonColumns = {};
  for (const key of ORDER) {
    const v = input[key];
    if (mode === 'update' && v === undefined) continue;
    if (mode === 'update' && v === null && (key === 'givenName' || key === 'familyName'))
      throw AppError.badInput(key, 'A name cannot be removed.');
    if (mode === 'update' && v === null && key === 'interpreterNeeded')
      throw AppError.badInput(key, 'interpreterNeeded must be true or false.');
    if (mode === 'register' && key === 'interpreterNeeded') {
      out.interpreter_needed =
        v === undefined || v === null ? false : (FIELDS[key](v, out), out.interpreter_needed!);
      continue;
    }
    if (mode === 'register' && key === 'equality' && (v === undefined || v === null)) {
      Object.assign(out, { gender: null, ethnicity: null, disability: null, equality_recorded: false });
      continue;
    }
    FIELDS[key](v, out);
  }
  if (mode === 'update' && out.equality_recorded) {
    // A partial equality object keeps the other recorded values: filled in by the update SQL.
  }
  return out;
}
