import { Injectable, Logger } from '@nestjs/common';
import { AppError, type DeniedSubject, ErrorCode, isUuid, type RequestContext } from '#libs/common';
import { Db, prepared, type Queryable } from '#libs/database';
import type { AuditOutcomeName } from './audit-actions.js';
import { auditInStatementSql } from './audit-sql.js';

/** Refusals on person-level data that are audited with outcome DENIED. */
const AUDITED_REFUSALS: ReadonlySet<string> = new Set([
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONSENT_REQUIRED,
]);

const RECORD_EVENTS = prepared(
  'audit_record_events',
  `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
   SELECT $1, $2, $3, $4, p, $5 FROM unnest($6::uuid[]) AS p`,
);

/**
 * The append-only audit trail (CONTRACT.md section 3). Successful reads and changes are recorded in
 * the caller's transaction (a read whose audit cannot be written fails); refusals are recorded on
 * their own, after the failed transaction rolled back, so they survive it.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('AuditService');

  constructor(private readonly db: Db) {}

  /** One event per distinct person (or one without a person when the list is empty and `always`). */
  async record(
    tx: Queryable,
    ctx: RequestContext,
    action: string,
    personIds: readonly (string | null)[],
    outcome: AuditOutcomeName = 'SUCCESS',
  ): Promise<void> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return;
    const actor = ctx.actor;
    await tx.query(RECORD_EVENTS, [actor.staffId, actor.organisationId, action, outcome, ctx.requestId, ids]);
  }

  /**
   * The SUCCESS events of a read, as a data-modifying WITH clause of the read's own statement: one
   * statement is one transaction, so the events are written exactly when the read succeeds (and the
   * read fails when they cannot be). `personIds` is a SELECT of (person id, position): one event per
   * distinct person, in order of first position. The actor's values are appended to `params`.
   */
  recordInStatement(ctx: RequestContext, action: string, personIds: string, params: unknown[]): string {
    return auditInStatementSql(personIds, this.inStatementParams(ctx, action, params));
  }

  /**
   * Appends the four parameters of an in-statement audit clause (auditInStatementSql: staff,
   * organisation, action, request id) to `params`; returns the number of the first. For statements
   * whose text is fixed ahead (named prepared statements).
   */
  inStatementParams(ctx: RequestContext, action: string, params: unknown[]): number {
    const actor = ctx.actor;
    params.push(actor.staffId, actor.organisationId, action, ctx.requestId);
    return params.length - 3;
  }

  /**
   * A refused attempt (FORBIDDEN, NOT_FOUND, CONSENT_REQUIRED), written outside any transaction,
   * against the person it was about: given, or found from the record the attempt named (a referral
   * or consent the caller may not see: the trail is for administrators only, so this tells the
   * caller nothing), or none.
   */
  async recordDenied(ctx: RequestContext, action: string, subject: DeniedSubject): Promise<void> {
    if (!ctx.isSignedIn) return;
    let personId: string | null = null;
    if (typeof subject === 'string') personId = isUuid(subject) ? subject : null;
    else if (subject !== null && isUuid(subject.id)) {
      const [row] = await this.db.query<{ person_id: string | null }>(subject.sql, [subject.id]);
      personId = row?.person_id ?? null;
    }
    await this.record(this.db, ctx, action, [personId], 'DENIED');
  }

  /**
   * Runs `work`; when it is refused with FORBIDDEN, NOT_FOUND or CONSENT_REQUIRED, records the
   * refusal (DENIED) and rethrows. `personId` may be a function evaluated at the time of the refusal.
   * Any error of a caller not yet verified (an operation marked CallerCheckedInStatement refused
   * before its statement ran) first verifies the caller: an invalid one gets UNAUTHENTICATED instead.
   */
  async deniedAudited<T>(
    ctx: RequestContext,
    action: string,
    personId: DeniedSubject | (() => DeniedSubject),
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (!ctx.isSignedIn) await ctx.confirmCaller();
      if (e instanceof AppError && AUDITED_REFUSALS.has(e.code)) {
        const pid = typeof personId === 'function' ? personId() : personId;
        try {
          await this.recordDenied(ctx, action, pid);
        } catch (auditErr) {
          this.logger.error({ err: auditErr, requestId: ctx.requestId }, 'could not audit a refusal');
          throw auditErr;
        }
      }
      throw e;
    }
  }
}
