import { Injectable } from '@nestjs/common';
import { AppError, checkFirst, decodeCursor, encodeCursor, isUuid } from '#libs/common';
import { Db } from '#libs/database';
import { type AuditEventConnection, type AuditEventRow, toAuditEvent } from './audit-event.model.js';

const MAX_BIGINT = 2n ** 63n - 1n;

/** auditEvents: newest first (seq), keyset cursor; each filter uses its own index. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: Db) {}

  async list(
    personId: string | null | undefined,
    staffId: string | null | undefined,
    firstArg: number | null | undefined,
    after: string | null | undefined,
  ): Promise<AuditEventConnection> {
    const first = checkFirst(firstArg, 50);
    let before: string | null = null;
    if (after != null) {
      const [seq] = decodeCursor(after, 1);
      // A sequence number is a positive bigint (PostgreSQL refuses anything past 2^63 - 1).
      if (typeof seq !== 'string' || !/^[0-9]{1,19}$/.test(seq) || BigInt(seq) > MAX_BIGINT)
        throw AppError.badInput('after', 'The cursor is not valid; use an endCursor returned by this list.');
      before = seq;
    }
    // Ids in filters never raise NOT_FOUND: a malformed one matches nothing.
    if ((personId != null && !isUuid(personId)) || (staffId != null && !isUuid(staffId))) {
      return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    }
    // ORDER BY names the table's column: a bare `seq` would be the output column, the text, and
    // sort 999 after 1000 (and the index on seq could not serve it).
    const rows = await this.db.query<AuditEventRow>(
      `SELECT e.id, e.seq::text AS seq, e.at, e.staff_id, e.organisation_id, e.action, e.outcome, e.person_id,
              e.request_id
         FROM audit_events e
        WHERE ($1::uuid IS NULL OR e.person_id = $1)
          AND ($2::uuid IS NULL OR e.staff_id = $2)
          AND ($3::bigint IS NULL OR e.seq < $3)
        ORDER BY e.seq DESC
        LIMIT $4`,
      [personId ?? null, staffId ?? null, before, first + 1],
    );
    const page = rows.slice(0, first).map(toAuditEvent);
    const last = page[page.length - 1];
    return {
      nodes: page,
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.seq]) : null },
    };
  }
}
