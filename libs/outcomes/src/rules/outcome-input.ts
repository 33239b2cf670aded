import { AppError, charLength, hasControlChars, isCalendarDate, LONG_TEXT_MAX } from '#libs/common';

export const OUTCOME_TYPES = [
  'STARTED_VOLUNTEERING',
  'VOLUNTEERING_HOURS',
  'ESOL_LEVEL_ACHIEVED',
  'QUALIFICATION_GAINED',
  'ENTERED_EDUCATION_OR_TRAINING',
  'ENTERED_EMPLOYMENT',
  'SUSTAINED_EMPLOYMENT',
  'CHILD_SCHOOL_PLACE',
  'IMPROVED_HOUSING',
  'REDUCED_ISOLATION',
  'HEALTHIER_LIFESTYLE',
  'OTHER',
] as const;
export const ESOL_LEVELS = ['PRE_ENTRY', 'ENTRY_1', 'ENTRY_2', 'ENTRY_3', 'LEVEL_1', 'LEVEL_2'] as const;
export const MAX_VOLUNTEERING_HOURS = 1000;

export interface OutcomeInputPlain {
  type: string;
  achievedOn: string;
  esolLevel?: string | null;
  hours?: number | null;
  contracted: boolean;
  note?: string | null;
}

export interface OutcomeInputClean {
  type: string;
  achievedOn: string;
  esolLevel: string | null;
  hours: number | null;
  contracted: boolean;
  note: string | null;
}

/**
 * A calendar date that is not after `today` (Europe/London), else BAD_USER_INPUT naming `field`;
 * nor before 1900, as for a date of birth (a year mistyped as 1926 would otherwise become a
 * person's baseline in wellbeingChange).
 */
export function assertNotFuture(field: string, date: unknown, today: string): string {
  if (typeof date !== 'string' || !isCalendarDate(date))
    throw AppError.badInput(field, `${field} must be a calendar date written YYYY-MM-DD.`);
  if (date > today) throw AppError.badInput(field, `${field} cannot be in the future.`);
  if (date < '1900-01-01') throw AppError.badInput(field, `${field} cannot be before 1900.`);
  return date;
}

/** Trimmed note (blank → null), at most 4,000 characters, no control characters but line breaks. */
export function cleanNote(note: unknown, field = 'note'): string | null {
  if (note === null || note === undefined) return null;
  if (typeof note !== 'string') throw AppError.badInput(field, 'Must be text.');
  const t = note.trim();
  if (t === '') return null;
  if (charLength(t) > LONG_TEXT_MAX || hasControlChars(t, true))
    throw AppError.badInput(field, `The note must be at most 4,000 characters, without control characters.`);
  return t;
}

/**
 * The input rules of CONTRACT.md section 6 for recordOutcome: achievedOn not in the future;
 * ESOL_LEVEL_ACHIEVED needs esolLevel, VOLUNTEERING_HOURS needs hours in (0, 1000]; neither field
 * on any other type; the note as free text.
 */
export function cleanOutcomeInput(input: OutcomeInputPlain, today: string): OutcomeInputClean {
  const type = input.type;
  if (!(OUTCOME_TYPES as readonly string[]).includes(type))
    throw AppError.badInput('type', 'Unknown outcome type.');
  const achievedOn = assertNotFuture('achievedOn', input.achievedOn, today);
  const esolLevel = input.esolLevel ?? null;
  const hours = input.hours ?? null;
  if (type === 'ESOL_LEVEL_ACHIEVED') {
    if (esolLevel === null)
      throw AppError.badInput('esolLevel', 'ESOL_LEVEL_ACHIEVED needs the esolLevel reached.');
    if (!(ESOL_LEVELS as readonly string[]).includes(esolLevel))
      throw AppError.badInput('esolLevel', 'Unknown ESOL level.');
  } else if (esolLevel !== null) {
    throw AppError.badInput('esolLevel', 'esolLevel is only allowed on ESOL_LEVEL_ACHIEVED.');
  }
  if (type === 'VOLUNTEERING_HOURS') {
    if (hours === null) throw AppError.badInput('hours', 'VOLUNTEERING_HOURS needs the number of hours.');
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_VOLUNTEERING_HOURS)
      throw AppError.badInput('hours', 'hours must be more than 0 and at most 1,000.');
  } else if (hours !== null) {
    throw AppError.badInput('hours', 'hours is only allowed on VOLUNTEERING_HOURS.');
  }
  if (typeof input.contracted !== 'boolean')
    throw AppError.badInput('contracted', 'Say whether the outcome is contracted.');
  return { type, achievedOn, esolLevel, hours, contracted: input.contracted, note: cleanNote(input.note) };
}
