import { createHash } from 'node:crypto';
import {
  AppError,
  charLength,
  hasControlChars,
  hasVisibleChar,
  LONG_TEXT_MAX,
  seenLength,
} from '#libs/common';

export const SAFEGUARDING_MIN = 20;
export const IDEMPOTENCY_KEY_MAX = 100;

export interface MakeReferralPlain {
  personId: string;
  fromServiceId?: string | null;
  toServiceId: string;
  route: string;
  needs: string[];
  note?: string | null;
  idempotencyKey?: string | null;
  safeguardingJustification?: string | null;
}

/** A makeReferral input after the input rules: trimmed strings, omitted = null, needs in order given. */
export interface NormalisedReferralInput {
  personId: string;
  fromServiceId: string | null;
  toServiceId: string;
  route: string;
  needs: string[];
  note: string | null;
  idempotencyKey: string | null;
  safeguardingJustification: string | null;
}

function optionalText(field: string, v: unknown, max: number, label: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw AppError.badInput(field, `${label} must be text.`);
  const t = v.trim();
  if (t === '') return null;
  if (charLength(t) > max || hasControlChars(t, true))
    throw AppError.badInput(
      field,
      `${label} must be at most ${max.toLocaleString('en-GB')} characters, without control characters.`,
    );
  return t;
}

/** The input rules of makeReferral (CONTRACT.md sections 5 and 6); BAD_USER_INPUT names the field. */
export function normaliseMakeReferral(input: MakeReferralPlain): NormalisedReferralInput {
  const fromServiceId = input.fromServiceId ?? null;
  if ((input.route === 'STAFF') !== (fromServiceId !== null))
    throw AppError.badInput(
      'route',
      fromServiceId === null
        ? 'route STAFF needs fromServiceId (the referring service).'
        : 'A referral from a service of the partnership has route STAFF.',
    );
  const needs = input.needs ?? [];
  if (needs.length === 0) throw AppError.badInput('needs', 'Name at least one need.');
  if (new Set(needs).size !== needs.length) throw AppError.badInput('needs', 'Each need may be named once.');
  const note = optionalText('note', input.note, LONG_TEXT_MAX, 'The note');
  const safeguardingJustification = optionalText(
    'safeguardingJustification',
    input.safeguardingJustification,
    LONG_TEXT_MAX,
    'The safeguarding justification',
  );
  // Given at all (even blank), it must be a real justification: never a silent fallback to "no consent",
  // and never one that shows as blank to the two parties (zero-width characters do not count).
  const justificationGiven =
    input.safeguardingJustification !== null && input.safeguardingJustification !== undefined;
  const justification = safeguardingJustification ?? '';
  if (justificationGiven && (seenLength(justification) < SAFEGUARDING_MIN || !hasVisibleChar(justification)))
    throw AppError.badInput(
      'safeguardingJustification',
      `A safeguarding justification needs at least ${SAFEGUARDING_MIN} characters.`,
    );
  let idempotencyKey: string | null = null;
  if (input.idempotencyKey !== null && input.idempotencyKey !== undefined) {
    if (typeof input.idempotencyKey !== 'string') throw AppError.badInput('idempotencyKey', 'Must be text.');
    idempotencyKey = input.idempotencyKey.trim();
    if (
      charLength(idempotencyKey) < 1 ||
      charLength(idempotencyKey) > IDEMPOTENCY_KEY_MAX ||
      hasControlChars(idempotencyKey)
    )
      throw AppError.badInput(
        'idempotencyKey',
        `idempotencyKey must be 1 to ${IDEMPOTENCY_KEY_MAX} characters, without control characters.`,
      );
  }
  return {
    personId: input.personId,
    fromServiceId,
    toServiceId: input.toServiceId,
    route: input.route,
    needs: [...needs],
    note,
    idempotencyKey,
    safeguardingJustification,
  };
}

/**
 * The fingerprint an idempotency key is bound to: the normalised input (strings trimmed, omitted =
 * null, needs as a set), without the key itself.
 */
export function referralFingerprint(n: NormalisedReferralInput): string {
  const canonical = JSON.stringify([
    n.personId.toLowerCase(),
    n.fromServiceId?.toLowerCase() ?? null,
    n.toServiceId.toLowerCase(),
    n.route,
    [...new Set(n.needs)].sort(),
    n.note,
    n.safeguardingJustification,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
