import { AppError, ErrorCode } from '#libs/common';
import { assertNotFuture, cleanOutcomeInput, type OutcomeInputPlain } from './outcome-input.js';

const TODAY = '2026-06-15';
const base: OutcomeInputPlain = { type: 'ENTERED_EMPLOYMENT', achievedOn: '2026-06-01', contracted: true };

function field(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (e as AppError).extensions.field as string;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('recordOutcome input rules (CONTRACT.md section 6)', () => {
  it.each<[string, Partial<OutcomeInputPlain>]>([
    ['ESOL level with its level', { type: 'ESOL_LEVEL_ACHIEVED', esolLevel: 'ENTRY_2' }],
    ['volunteering hours: 1000', { type: 'VOLUNTEERING_HOURS', hours: 1000 }],
    ['volunteering hours: 0.25', { type: 'VOLUNTEERING_HOURS', hours: 0.25 }],
    ['achieved today', { achievedOn: TODAY }],
    ['added value', { contracted: false }],
    ['a note with line breaks', { note: '  Line one\nline two  ' }],
  ])('accepts %s', (_label, over) => {
    const clean = cleanOutcomeInput({ ...base, ...over }, TODAY);
    expect(clean.type).toBe(over.type ?? base.type);
    if (over.note) expect(clean.note).toBe('Line one\nline two');
  });

  it.each<[string, Partial<OutcomeInputPlain>, string]>([
    ['achieved tomorrow', { achievedOn: '2026-06-16' }, 'achievedOn'],
    ['ESOL level missing', { type: 'ESOL_LEVEL_ACHIEVED' }, 'esolLevel'],
    ['ESOL level on another type', { esolLevel: 'ENTRY_1' }, 'esolLevel'],
    ['hours missing', { type: 'VOLUNTEERING_HOURS' }, 'hours'],
    ['hours of 0', { type: 'VOLUNTEERING_HOURS', hours: 0 }, 'hours'],
    ['negative hours', { type: 'VOLUNTEERING_HOURS', hours: -3 }, 'hours'],
    ['hours over 1000', { type: 'VOLUNTEERING_HOURS', hours: 1000.5 }, 'hours'],
    ['hours on another type', { hours: 5 }, 'hours'],
    ['hours on ESOL', { type: 'ESOL_LEVEL_ACHIEVED', esolLevel: 'ENTRY_1', hours: 5 }, 'hours'],
    ['a note over 4,000 characters', { note: 'x'.repeat(4001) }, 'note'],
    ['a note with control characters', { note: 'bad\u0007bell' }, 'note'],
  ])('refuses %s, naming %s', (_label, over, name) => {
    expect(field(() => cleanOutcomeInput({ ...base, ...over }, TODAY))).toBe(name);
  });

  it('turns a blank note into null', () => {
    expect(cleanOutcomeInput({ ...base, note: '   ' }, TODAY).note).toBeNull();
  });

  it('judges the future by the London calendar date given', () => {
    expect(assertNotFuture('takenOn', '2026-06-15', TODAY)).toBe('2026-06-15');
    expect(field(() => assertNotFuture('takenOn', '2026-06-16', TODAY))).toBe('takenOn');
    expect(field(() => assertNotFuture('takenOn', '2026-02-30', TODAY))).toBe('takenOn');
  });

  it('refuses dates before 1900, as for a date of birth, saying so', () => {
    expect(assertNotFuture('achievedOn', '1900-01-01', TODAY)).toBe('1900-01-01');
    for (const d of ['1899-12-31', '0001-01-01'])
      expect(() => assertNotFuture('achievedOn', d, TODAY)).toThrow('achievedOn cannot be before 1900.');
  });
});
