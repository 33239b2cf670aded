import {
  AppError,
  type AuditedMeta,
  type DeniedSubject,
  idAsSent,
  isUuid,
  type RequestContext,
  valueAt,
} from '#libs/common';
import type { AuditService } from '#libs/audit';
import type { Queryable } from '#libs/database';
import { SERVICE_OF_ORGANISATION_SQL } from '#libs/directory';

/** The id at a dotted path of the arguments, when it is one (anything else names no one). */
function argAt(args: Record<string, unknown>, path: string | undefined): string | null {
  if (!path) return null;
  const v = idAsSent(valueAt(args, path));
  return isUuid(v) ? v : null;
}

/** The person a refused attempt named by `args` is recorded against. */
function deniedSubject(audited: AuditedMeta, args: Record<string, unknown>): DeniedSubject {
  const personId = argAt(args, audited.personArg);
  return personId === null && audited.personOf
    ? { sql: audited.personOf.sql, id: argAt(args, audited.personOf.arg) }
    : personId;
}

/**
 * Refuses a caller whose role may not call the operation: FORBIDDEN, for a verified caller only (an
 * invalid one is UNAUTHENTICATED first). A refusal of an operation on person-level data
 * (@AuditedAs) is audited DENIED against the person its arguments name.
 */
export async function refuseRole(
  ctx: RequestContext,
  audited: AuditedMeta | undefined,
  args: Record<string, unknown>,
  audit: AuditService | undefined,
): Promise<never> {
  await ctx.confirmCaller();
  if (audited && audit) await audit.recordDenied(ctx, audited.action, deniedSubject(audited, args));
  throw AppError.forbidden();
}

/**
 * What an operation checks after the caller's role and before its input rules (AuditedMeta.first):
 * the services it acts for, each of the caller's organisation (FORBIDDEN), then the records it
 * names, each visible to the caller's organisation (NOT_FOUND); either refusal is audited DENIED. For
 * when graphql-js has refused a mistake in the variables, which it does before any resolver could
 * check these: CONTRACT.md section 2 answers them first. Arguments as the client sent them (ids
 * read by idAsSent: a string, or an integer, which GraphQL's ID also takes); one not given, or of
 * another type, is left to the input rules. Resolves when both pass.
 */
export async function checkFirst(
  ctx: RequestContext,
  audited: AuditedMeta,
  args: Record<string, unknown>,
  db: Queryable,
  audit: AuditService,
): Promise<void> {
  const first = audited.first;
  if (!first) return;
  await ctx.confirmCaller();
  const organisationId = ctx.actor.organisationId;
  const refuse = async (error: AppError): Promise<never> => {
    await audit.recordDenied(ctx, audited.action, deniedSubject(audited, args));
    throw error;
  };
  for (const acting of first.actingFor ?? []) {
    const serviceId = idAsSent(valueAt(args, acting.arg));
    if (serviceId === null) continue;
    const own =
      isUuid(serviceId) &&
      (await db.query(SERVICE_OF_ORGANISATION_SQL, [serviceId, organisationId])).length > 0;
    if (!own) await refuse(AppError.forbidden(acting.message));
  }
  for (const record of first.visible) {
    const id = idAsSent(valueAt(args, record.arg));
    if (id === null) continue;
    const found = isUuid(id) && (await db.query(record.sql, [id, organisationId])).length > 0;
    if (!found) await refuse(AppError.notFound(record.as));
  }
}
