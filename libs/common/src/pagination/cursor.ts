import { Field, ObjectType } from '@nestjs/graphql';
import { AppError } from '../errors/app-error.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * Opaque keyset cursors: base64url of a JSON tuple (e.g. [createdAtIso, id]). Keyset paging never
 * loses or repeats an item while others are inserted.
 */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): (string | number)[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === arity &&
      parts.every((p) => ['string', 'number'].includes(typeof p))
    ) {
      return parts;
    }
  } catch {
    // fall through
  }
  throw AppError.badInput(field, 'The cursor is not valid; use an endCursor returned by this list.');
}

/** `first` for lists: 1–200 (CONTRACT.md section 6). */
export function checkFirst(first: number | null | undefined, fallback: number, field = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw AppError.badInput(field, 'first must be between 1 and 200.');
  return n;
}
