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

/**
 * What an operation checks before its input rules (CONTRACT.md section 2), stated so that they can
 * be checked before graphql-js refuses a mistake in the variables (which it does before any
 * resolver runs): the services the caller acts for (dotted argument paths; each, when given, must be
 * a service of the caller's organisation, or FORBIDDEN with its `message`), then, in order, the
 * records the operation names (each, when given, must be found by its `sql`, $1 the record's id and
 * $2 the caller's organisation, or NOT_FOUND as `as`).
 */
export interface CheckedFirst {
  actingFor?: readonly { arg: string; message: string }[];
  visible: readonly { arg: string; sql: string; as: string }[];
}

export interface AuditedMeta {
  /** The audit action (CONTRACT.md section 3), e.g. 'person.read'. */
  action: string;
  /** Dotted path of the argument holding the person's id, e.g. 'id' or 'input.personId'. */
  personArg?: string;
  /** Or the record whose person it is. */
  personOf?: PersonOf;
  /** Acting for a service and visibility, checked before the variables' input rules. */
  first?: CheckedFirst;
}

/**
 * Marks an operation on person-level data: when the guard refuses it (role), the refusal is
 * audited with outcome DENIED under this action.
 */
export const AuditedAs = (
  action: string,
  options: { personArg?: string; personOf?: PersonOf; first?: CheckedFirst } = {},
) =>
  SetMetadata(AUDITED_KEY, {
    action,
    personArg: options.personArg,
    personOf: options.personOf,
    first: options.first,
  } satisfies AuditedMeta);

export const CHECKS_FIRST_KEY = 'pathways:checks-first';

/**
 * For an operation not on person-level data (those state theirs in AuditedAs's `first`): names the
 * method of the same resolver that makes, from the operation's arguments as the client sent them (not
 * coerced: they did not coerce), the checks the operation makes after the caller's role and before
 * its input rules (CONTRACT.md section 2), refusing as the operation itself would. graphql-js
 * refuses a mistake in the variables before any resolver runs; this lets those checks answer first.
 * An argument the method cannot read (missing, or of the wrong kind) is left to the input rules.
 */
export const ChecksFirst = (method: string) => SetMetadata(CHECKS_FIRST_KEY, method);
