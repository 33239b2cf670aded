import { SetMetadata } from '@nestjs/common';

export const AUDITED_KEY = 'pathways:audited';

/**
 * How to find the person a refused attempt was about when it names a record of theirs (a referral,
 * a consent) rather than the person: `sql` selects `person_id` of the record whose id is $1.
 */
export interface PersonOf {
  sql: string;
  /** Dotted path of the argument holding the record's id, e.g. 'id' or 'input.referralId'. */
  arg: string;
}

/** The person a refusal is recorded against: their id, or a record of theirs to look them up by. */
export type DeniedSubject = string | null | { sql: string; id: unknown };

export interface AuditedMeta {
  /** The audit action (CONTRACT.md section 3), e.g. 'person.read'. */
  action: string;
  /** Dotted path of the argument holding the person's id, e.g. 'id' or 'input.personId'. */
  personArg?: string;
  /** Or the record whose person it is. */
  personOf?: PersonOf;
}

/**
 * Marks an operation on person-level data: when the guard refuses it (role), the refusal is
 * audited with outcome DENIED under this action.
 */
export const AuditedAs = (action: string, options: { personArg?: string; personOf?: PersonOf } = {}) =>
  SetMetadata(AUDITED_KEY, {
    action,
    personArg: options.personArg,
    personOf: options.personOf,
  } satisfies AuditedMeta);
