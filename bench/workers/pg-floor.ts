/**
 * The database floor: the SQL an API operation runs, sent directly with `pg` from a plain Node process
 * (one pool, no HTTP, no GraphQL, no framework). Per request it sends the API's own statements (the
 * libraries' SQL text, never a copy), each the way the API's Db sends it (named prepared statements
 * where the API prepares them, unnamed otherwise), one pool query per statement, with the same
 * round trips in the same order. Run as `node dist/bench/workers/pg-floor.js <plan.json>`; prints one
 * JSON line like the HTTP load process.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { PreparedSql, Sql } from '#libs/database';
import { AuditAction } from '#libs/audit';
// The services' own statements (not re-exported by the libraries' indexes).
import { MAKE_REFERRAL_AT_ONCE } from '../../libs/referrals/src/referral-writes.sql.js';
import { JOURNEY_READ, type JourneyEntryRow } from '../../libs/journeys/src/journey.sql.js';
import { cpuPerRequest, takeSnapshot } from '../lib/cpu.js';
import type { FloorPlan } from '../lib/floor-plan.js';
import type { LoadResult } from '../lib/load-plan.js';
import { summarise } from '../lib/stats.js';

type Op = (pool: pg.Pool, i: number) => Promise<void>;

/** One statement on the pool, as Db.query sends it: a PreparedSql by name, a string unnamed. */
async function send<T extends pg.QueryResultRow>(pool: pg.Pool, sql: Sql, values: unknown[]): Promise<T[]> {
  const res =
    typeof sql === 'string'
      ? await pool.query<T>(sql, values)
      : await pool.query<T>({ name: (sql as PreparedSql).name, text: sql.text, values });
  return res.rows;
}

/**
 * makeReferral as the bench sends it (bench/run.ts referralInput: STAFF route, two needs, a note,
 * no idempotency key, consent in place), as ReferralsService.make runs it: MAKE_REFERRAL_AT_ONCE,
 * which checks the caller (the token's claims against the staff row) and every rule and writes the
 * referral, its creation event and its audit event in one statement. One round trip; the statement
 * must report the referral it wrote.
 */
function makeReferral(plan: FloorPlan): Op {
  const makeActions = [AuditAction.REFERRAL_MAKE];
  const overrideActions = [AuditAction.REFERRAL_MAKE, AuditAction.REFERRAL_SAFEGUARDING_OVERRIDE];
  return async (pool, i) => {
    const personId = plan.personIds[i % plan.personIds.length];
    const [made] = await send<{ id: string }>(pool, MAKE_REFERRAL_AT_ONCE, [
      personId,
      plan.fromServiceId,
      plan.toServiceId,
      plan.organisationId,
      plan.staffId,
      'STAFF',
      ['ENGLISH_LANGUAGE', 'SOCIAL_ISOLATION'],
      'Bench referral',
      null,
      null,
      null,
      `floor-${i}`,
      makeActions,
      overrideActions,
      plan.role,
      plan.generation,
    ]);
    // No row: some rule did not pass (e.g. no consent), so nothing was written.
    if (!made) throw new Error('floor makeReferral wrote no referral (fixture not as expected)');
  };
}

/** A row of journeyReadSql: an entry, or (kind null) the viewer's facts and the relations. */
type JourneyReadRow = JourneyEntryRow & {
  visible: boolean;
  sharing: boolean;
  caller_ok: boolean;
  referrals: unknown[] | null;
};

/**
 * The journey query as the bench sends it (bench/lib/queries.ts JOURNEY: every entry relation), as
 * JourneyService runs it: the one read statement (the caller check, visibility, JOURNEY_SHARING
 * consent, every entry, the records of every relation asked for, and the journey.read audit event:
 * journeyReadSql with the audit clause of AuditService.inStatementParams, the five relation flags
 * and the caller's role and token generation). One round trip.
 */
function journey(plan: FloorPlan): Op {
  const personId = plan.personIds[0];
  return async (pool, i) => {
    const rows = await send<JourneyReadRow>(pool, JOURNEY_READ, [
      personId,
      plan.organisationId,
      plan.staffId,
      plan.organisationId,
      AuditAction.JOURNEY_READ,
      `floor-${i}`,
      true,
      true,
      true,
      true,
      true,
      plan.role,
      plan.generation,
    ]);
    const last = rows.find((r) => r.kind === null);
    if (!last?.caller_ok) throw new Error('floor staff member is missing, inactive or not as claimed');
    if (!last.visible) throw new Error('floor journey person is not visible');
    if (!last.sharing) throw new Error('floor journey person has no JOURNEY_SHARING consent');
    const entries = rows.filter((r) => r.kind !== null);
    if (plan.expectedEntries !== undefined && entries.length !== plan.expectedEntries)
      throw new Error(`floor journey has ${entries.length} entries, expected ${plan.expectedEntries}`);
    if (!last.referrals?.length) throw new Error('floor journey read no referrals');
  };
}

async function drive(pool: pg.Pool, op: Op, plan: FloorPlan, amount: number) {
  const latencies: number[] = [];
  let errors = 0;
  let sample: string | null = null;
  let next = 0;
  let stopped = false;
  const started = performance.now();
  const deadline = started + plan.maxSeconds * 1000;
  const worker = async () => {
    while (next < amount) {
      if (performance.now() > deadline) {
        stopped = true;
        return;
      }
      const i = next++;
      const t0 = performance.now();
      try {
        await op(pool, i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        sample ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return { latencies, errors, sample, seconds: (performance.now() - started) / 1000, stopped };
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FloorPlan;
  const pool = new pg.Pool({ connectionString: plan.url, max: plan.poolSize });
  const op = plan.operation === 'makeReferral' ? makeReferral(plan) : journey(plan);
  if (plan.warmup > 0) await drive(pool, op, plan, plan.warmup);
  const before = takeSnapshot(plan.cpu);
  const r = await drive(pool, op, plan, plan.amount);
  const after = takeSnapshot(plan.cpu);
  await pool.end();
  const result: LoadResult = {
    requests: r.latencies.length,
    errors: r.errors,
    errorSample: r.sample,
    seconds: r.seconds,
    reqPerSec: r.latencies.length / r.seconds,
    latency: summarise(r.latencies),
    stoppedEarly: r.stopped,
    cpu: cpuPerRequest(before, after, r.latencies.length),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
