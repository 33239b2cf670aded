import { AppError, type AuditedMeta, isUuid, type RequestContext } from '#libs/common';
import type { AuditService } from '#libs/audit';

/** The id at a dotted path of the arguments, when it is one (anything else names no one). */
function argAt(args: Record<string, unknown>, path: string | undefined): string | null {
  if (!path) return null;
  let v: unknown = args;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return isUuid(v) ? v : null;
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
  if (audited && audit) {
    const personId = argAt(args, audited.personArg);
    const subject =
      personId === null && audited.personOf
        ? { sql: audited.personOf.sql, id: argAt(args, audited.personOf.arg) }
        : personId;
    await audit.recordDenied(ctx, audited.action, subject);
  }
  throw AppError.forbidden();
}
