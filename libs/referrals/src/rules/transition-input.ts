import { AppError, charLength, hasControlChars, LONG_TEXT_MAX } from '#libs/common';
import { REASON_REQUIRED, type ReferralStatusName } from './transitions.js';

export interface TransitionInputPlain {
  to: ReferralStatusName;
  reason?: string | null;
  note?: string | null;
}

/** The input rules of transitionReferral (CONTRACT.md section 5): a reason where one is required, the note's limits. */
export function normaliseTransitionInput(input: TransitionInputPlain): {
  reason: string | null;
  note: string | null;
} {
  const reason = input.reason ?? null;
  if (REASON_REQUIRED.has(input.to) && reason === null)
    throw AppError.badInput('reason', `A reason is required to move a referral to ${input.to}.`);
  let note: string | null = null;
  if (input.note !== null && input.note !== undefined) {
    note = input.note.trim() || null;
    if (note !== null && (charLength(note) > LONG_TEXT_MAX || hasControlChars(note, true)))
      throw AppError.badInput(
        'note',
        'The note must be at most 4,000 characters, without control characters.',
      );
  }
  return { reason, note };
}
