import { Injectable } from '@nestjs/common';
import {
  AppError,
  checkFirst,
  decodeCursor,
  encodeCursor,
  isCalendarDate,
  isUuid,
  type RequestContext,
} from '#libs/common';
import { Db, preparedShape, primeFromJson } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { callerCheckSql } from '#libs/auth';
import { DirectoryLoaders, SERVICE_COLUMNS, toService } from '#libs/directory';
import { PeopleLoaders, personColumns, toPerson } from '#libs/people';
import { ReferralDirection, type ReferralStatus } from './enums.js';
import type { ReferralFilter } from './referral.inputs.js';
import {
  type ReferralConnection,
  referralColumns,
  type ReferralModel,
  type ReferralRow,
  toReferral,
} from './referral.model.js';
import { REFERRAL_PERSON_SQL, referralVisibleSql } from './referral-visibility.js';

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** A creation time as this list writes it into its cursors: a real instant, to the microsecond. */
function isCursorTime(at: string): boolean {
  const m = CURSOR_TIME.exec(at);
  return !!m && isCalendarDate(at.slice(0, 10)) && +m[1] <= 23 && +m[2] <= 59 && +m[3] <= 59;
}

/** The relations of a page that the client asked for, read with the page (see `list`). */
export interface ReferralPageRelations {
  person: boolean;
  services: boolean;
}

const NO_RELATIONS: ReferralPageRelations = { person: false, services: false };

/** A row of the page statement: a referral, or (id null) the page's relations as JSON rows. */
type PageRow = ReferralRow & {
  /** On the relations' row: whether the caller is valid (callerCheckSql). */
  caller_ok: boolean | null;
  total_count: number | null;
  rel_people: Record<string, unknown>[] | null;
  rel_services: Record<string, unknown>[] | null;
};

/**
 * The WHERE clause of `referrals` for a direction (organisation bound at $1). INBOX is served by
 * referrals_inbox_idx (or referrals_inbox_service_idx with a service), OUTBOX by referrals_outbox_idx;
 * ALL combines both in a BitmapOr.
 */
export function directionSql(direction: ReferralDirection): string {
  const inbox = `(r.to_organisation_id = $1 AND (r.status <> 'ENTERED_IN_ERROR' OR r.creator_organisation_id = $1))`;
  const outbox = `r.creator_organisation_id = $1`;
  if (direction === ReferralDirection.INBOX) return inbox;
  if (direction === ReferralDirection.OUTBOX) return outbox;
  return `(${inbox} OR ${outbox})`;
}

function serviceSql(direction: ReferralDirection, param: string): string {
  if (direction === ReferralDirection.INBOX) return `r.to_service_id = ${param}`;
  if (direction === ReferralDirection.OUTBOX) return `r.from_service_id = ${param}`;
  return `(r.to_service_id = ${param} OR r.from_service_id = ${param})`;
}

@Injectable()
export class ReferralsQueryService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly people: PeopleLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<ReferralModel> {
    let personId: string | null = null;
    return this.audit.deniedAudited(
      ctx,
      AuditAction.REFERRAL_READ,
      () => personId ?? { sql: REFERRAL_PERSON_SQL, id },
      async () => {
        if (!isUuid(id)) throw AppError.notFound('Referral');
        return this.db.transaction(async (tx) => {
          const row = await tx.one<ReferralRow>(
            `SELECT ${referralColumns('r')} FROM referrals r WHERE r.id = $1 AND ${referralVisibleSql('r', '$2')}`,
            [id, ctx.actor.organisationId],
          );
          if (!row) throw AppError.notFound('Referral');
          personId = row.person_id;
          await this.audit.record(tx, ctx, AuditAction.REFERRAL_READ, [row.person_id]);
          return toReferral(row);
        });
      },
    );
  }

  /**
   * `referrals` (CONTRACT.md section 9). One statement reads the page and, when `withCount`, the
   * totalCount, and writes the referral.read events of the page's people.
   *
   * - With a person: that person's referrals are few, so they are read first by referrals_person_idx
   *   and filtered (never an organisation-wide index, whatever the statistics say).
   * - Otherwise the page is read in order from the organisation's inbox/outbox index, and the count
   *   comes from referral_counts (kept by the database in the same transaction as every referral
   *   write, migration 0052) unless a service narrows it (then referrals_inbox_service_idx or
   *   referrals_from_service_idx).
   * - The page's people and services, when the client asks for them (`relations`), are read by the
   *   same statement (people pkey, services pkey) and primed into the request's loaders, so
   *   Referral.person, fromService and toService cost no statement of their own.
   * - The statement is sent prepared (`preparedShape`, the page size in its text): each connection
   *   plans each combination of filters once, which was about a third of PostgreSQL's time per
   *   inbox page and half of it per person's list.
   */
  async list(
    ctx: RequestContext,
    filter: ReferralFilter | null | undefined,
    firstArg: number | null | undefined,
    after: string | null | undefined,
    withCount = true,
    relations: ReferralPageRelations = NO_RELATIONS,
    withNodes = true,
  ): Promise<ReferralConnection> {
    let first: number;
    let cursor: [string, string] | null = null;
    try {
      first = checkFirst(firstArg, 50);
      if (after !== null && after !== undefined) {
        const [at, id] = decodeCursor(after, 2);
        if (typeof at !== 'string' || !isCursorTime(at) || !isUuid(id))
          throw AppError.badInput(
            'after',
            'The cursor is not valid; use an endCursor returned by this list.',
          );
        cursor = [at, id];
      }
    } catch (e) {
      // Refused before the statement that checks the caller: an invalid caller is UNAUTHENTICATED.
      await ctx.confirmCaller();
      throw e;
    }
    const empty: ReferralConnection = {
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    };
    const direction = filter?.direction ?? ReferralDirection.ALL;
    const caller = ctx.credential;
    const params: unknown[] = [caller.organisationId];
    const where = [directionSql(direction)];
    // Ids in filters never raise NOT_FOUND: a malformed id simply matches nothing.
    let serviceFiltered = false;
    if (filter?.serviceId !== null && filter?.serviceId !== undefined) {
      if (!isUuid(filter.serviceId)) return this.nothing(ctx, empty);
      params.push(filter.serviceId);
      where.push(serviceSql(direction, `$${params.length}`));
      serviceFiltered = true;
    }
    let personParam: string | null = null;
    if (filter?.personId !== null && filter?.personId !== undefined) {
      if (!isUuid(filter.personId)) return this.nothing(ctx, empty);
      params.push(filter.personId);
      personParam = `$${params.length}`;
    }
    if (filter?.statuses !== null && filter?.statuses !== undefined) {
      params.push(filter.statuses as ReferralStatus[]);
      where.push(`r.status = ANY($${params.length}::text[])`);
    }
    // The count's predicate: everything but the cursor (its parameters are the first ones).
    const countWhere = [...where];
    const countParams = [...params];
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      where.push(`(r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    // The page size is part of the text (it is a checked integer): a generic plan then knows it.
    const limit = String(first + 1);
    const order = `ORDER BY r.created_at DESC, r.id DESC`;

    // `withs` (WITH clauses) and `countOf` serve both the page statement and a count alone.
    const withs: string[] = [];
    let countOf: string;
    let pageSql: string;
    if (personParam) {
      withs.push(
        `person_referrals AS MATERIALIZED (SELECT * FROM referrals WHERE person_id = ${personParam})`,
      );
      countOf = `SELECT count(*) FROM person_referrals r WHERE ${countWhere.join(' AND ')}`;
      pageSql = `SELECT ${referralColumns('r')} FROM person_referrals r WHERE ${where.join(' AND ')}
               ${order} LIMIT ${limit}`;
    } else {
      const rest = where.slice(1);
      const branch = (condition: string) =>
        `(SELECT ${referralColumns('r')} FROM referrals r WHERE ${[condition, ...rest].join(' AND ')}
           ${order} LIMIT ${limit})`;
      // ALL: the inbox and the outbox-only part, each read in order from its own index and merged, so
      // a page costs the page size rather than everything the organisation ever sent or received.
      pageSql =
        direction === ReferralDirection.ALL
          ? `SELECT * FROM (${branch(directionSql(ReferralDirection.INBOX))}
               UNION ALL ${branch(`r.creator_organisation_id = $1 AND r.to_organisation_id <> $1`)}) x
             ORDER BY x.created_at DESC, x.id DESC LIMIT ${limit}`
          : branch(where[0]);
      // referral_counts has the columns the direction and status predicates read.
      countOf = serviceFiltered
        ? `SELECT count(*) FROM referrals r WHERE ${countWhere.join(' AND ')}`
        : `SELECT coalesce(sum(r.n), 0) FROM referral_counts r WHERE ${countWhere.join(' AND ')}`;
    }
    const countSql = (withs.length ? `WITH ${withs.join(', ')} ` : '') + `SELECT (${countOf})::int AS n`;
    const count = withCount ? `(${countOf})::int` : 'NULL::int';
    // One statement (one transaction): the page, its count, and the referral.read events of the
    // people on the page (not the extra row that only tells whether there is a next page). A client
    // that asks for nothing of a referral (only totalCount or hasNextPage) is returned no one:
    // nothing to audit.
    const audited = this.audit.recordInStatement(
      ctx,
      AuditAction.REFERRAL_READ,
      `SELECT person_id, pos FROM (SELECT person_id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS pos
         FROM page) x WHERE pos <= ${withNodes ? first : 0}`,
      params,
    );
    // Nothing is read or written unless the caller is valid (the page is then empty; the relations'
    // row says why).
    withs.unshift(`caller AS MATERIALIZED (SELECT ${callerCheckSql(caller, params)} AS ok)`);
    withs.push(
      `page AS MATERIALIZED (SELECT * FROM (${pageSql}) pg WHERE (SELECT ok FROM caller))`,
      `audited AS (${audited})`,
    );
    // One more row (id null) carries the relations asked for, each a JSON array of the rows its
    // loader would have read.
    const peopleSql = relations.person
      ? `(SELECT json_agg(row_to_json(x)) FROM (SELECT ${personColumns('p')} FROM people p
           WHERE p.id IN (SELECT person_id FROM page)) x)`
      : 'NULL::json';
    const servicesSql = relations.services
      ? `(SELECT json_agg(row_to_json(x)) FROM (SELECT ${SERVICE_COLUMNS} FROM services
           WHERE id IN (SELECT to_service_id FROM page UNION SELECT from_service_id FROM page)) x)`
      : 'NULL::json';
    const sql = `WITH ${withs.join(', ')}
      SELECT page.*, ${count} AS total_count, NULL::json AS rel_people, NULL::json AS rel_services,
             NULL::boolean AS caller_ok FROM page
      UNION ALL
      SELECT page.*, NULL::int, ${peopleSql}, ${servicesSql}, (SELECT ok FROM caller)
        FROM (SELECT 1) one LEFT JOIN page ON false
      ORDER BY created_at DESC, id DESC`;
    const all = await this.db.query<PageRow>(preparedShape('referrals_page', sql), params);
    // The relations' row is the one without an id (it sorts first: descending order puts nulls first).
    const related = all[0]?.id === null ? all[0] : all.find((r) => r.id === null)!;
    ctx.callerChecked(related.caller_ok === true);
    const rows = related === all[0] ? all.slice(1) : all.filter((r) => r.id !== null);
    let totalCount = rows[0]?.total_count ?? 0;
    if (withCount && rows.length === 0 && cursor) {
      // A page past the end still reports the whole filtered set.
      const [{ n }] = await this.db.query<{ n: number }>(countSql, countParams);
      totalCount = n;
    }
    const page = rows.slice(0, first).map(toReferral);
    this.prime(ctx, page, related);
    const edges = page.map((node) => ({ node, cursor: encodeCursor([node.createdAtKey, node.id]) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  /** An empty page without a statement: the caller is verified first (UNAUTHENTICATED otherwise). */
  private async nothing(ctx: RequestContext, empty: ReferralConnection): Promise<ReferralConnection> {
    await ctx.confirmCaller();
    return empty;
  }

  /** The page's people and services (read with it) into the request's loaders; only the page's own. */
  private prime(ctx: RequestContext, page: readonly ReferralModel[], related: PageRow): void {
    const people = new Set(page.map((r) => r.personId));
    primeFromJson(related.rel_people, people, toPerson, this.people.person(ctx));
    const services = new Set(
      page.flatMap((r) => (r.fromServiceId ? [r.toServiceId, r.fromServiceId] : [r.toServiceId])),
    );
    primeFromJson(related.rel_services, services, toService, this.directory.service(ctx));
  }
}
