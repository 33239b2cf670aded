import { SetMetadata } from '@nestjs/common';

export const AUDITED_KEY = 'pathways:audited';

export interface AuditedMeta {
  /** The audit action (CONTRACT.md section 3), e.g. 'person.read'. */
  action: string;
  /** Dotted path of the argument holding the person's id, e.g. 'id' or 'input.personId'. */
  personArg?: string;
}

/**
 * Marks an operation on person-level data: when the guard refuses it (role), the refusal is
 * audited with outcome DENIED under this action.
 */
export const AuditedAs = (action: string, options: { personArg?: string } = {}) =>
  SetMetadata(AUDITED_KEY, { action, personArg: options.personArg } satisfies AuditedMeta);
