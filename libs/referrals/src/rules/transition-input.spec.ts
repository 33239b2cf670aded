import { AppError } from '#libs/common';
import { normaliseTransitionInput } from './transition-input.js';

const fieldOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? String(e.extensions.field) : 'OTHER';
  }
};

describe('normaliseTransitionInput', () => {
  it('needs a reason for REJECTED, CANCELLED, FAILED, ON_HOLD and ENTERED_IN_ERROR', () => {
    for (const to of ['REJECTED', 'CANCELLED', 'FAILED', 'ON_HOLD', 'ENTERED_IN_ERROR'] as const)
      expect(fieldOf(() => normaliseTransitionInput({ to }))).toBe('reason');
    expect(normaliseTransitionInput({ to: 'ACCEPTED' })).toEqual({ reason: null, note: null });
  });
  it('trims the note (blank is none) and refuses a long one or control characters; reason first', () => {
    expect(normaliseTransitionInput({ to: 'ACCEPTED', note: '  ok  ' })).toEqual({
      reason: null,
      note: 'ok',
    });
    expect(normaliseTransitionInput({ to: 'ACCEPTED', note: '   ' }).note).toBeNull();
    expect(fieldOf(() => normaliseTransitionInput({ to: 'ACCEPTED', note: 'x'.repeat(4001) }))).toBe('note');
    expect(fieldOf(() => normaliseTransitionInput({ to: 'ACCEPTED', note: 'a\u0007b' }))).toBe('note');
    expect(fieldOf(() => normaliseTransitionInput({ to: 'REJECTED', note: 'a\u0007b' }))).toBe('reason');
  });
});
