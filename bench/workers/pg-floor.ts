/**
 * The database floor: the SQL an API operation has to run, sent directly with `pg` from a plain
 * Node process (prepared statements, one pool, no HTTP, no GraphQL, no framework). Run as
 * `node dist/bench/workers/pg-floor.js <plan.json>`; prints one JSON line like the HTTP load process.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import pg from 'pg';
// The journey resolver's own statement (not re-exported by the library's index).
import { JOURNEY_ENTRIES_SQL, type JourneyEntryRow } from '../../libs/journeys/src/journey.sql.js';
import { personVisibleSql } from '#libs/people';
import type { FloorPlan } from '../lib/floor-plan.js';
import type { LoadResult } from '../lib/load-plan.js';
import { summarise } from '../lib/stats.js';

type Op = (client: pg.PoolClient, i: number) => Promise<void>;

const REFERRAL_SQL = {
  services: `SELECT id, organisation_id, capacity, category, ward FROM services WHERE id = ANY($1::uuid[])`,
  // The API's own visibility predicate and consent check.
  person: `SELECT 1 FROM people p WHERE p.id = $1 AND ${personVisibleSql('p.id', '$2', 'p')}`,
  consent: `SELECT 1 FROM consents WHERE person_id = $1 AND purpose = 'REFERRAL_SHARING' AND withdrawn_at IS NULL
              AND (expires_at IS NULL OR expires_at > clock_timestamp()) AND $2::uuid = ANY (organisation_ids) LIMIT 1`,
  referral: `INSERT INTO referrals (person_id, from_service_id, to_service_id, creator_organisation_id, to_organisation_id,
               created_by_staff_id, route, needs, note, from_category, to_category, to_ward)
             VALUES ($1, $2, $3, $4, $5, $6, 'STAFF', $7, $8, $9, $10, $11) RETURNING *`,
  event: `INSERT INTO referral_events (referral_id, from_status, to_status, by_staff_id, by_organisation_id)
          VALUES ($1, NULL, 'REQUESTED', $2, $3) RETURNING id, seq, at`,
  audit: `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
          SELECT $1, $2, 'referral.make', 'SUCCESS', p, $4 FROM unnest($3::uuid[]) AS p`,
};

function makeReferral(plan: FloorPlan): Op {
  return async (c, i) => {
    const personId = plan.personIds[i % plan.personIds.length];
    await c.query('BEGIN');
    try {
      const services = await c.query({
        name: 'floor_services',
        text: REFERRAL_SQL.services,
        values: [[plan.fromServiceId, plan.toServiceId]],
      });
      const to = services.rows.find((s) => s.id === plan.toServiceId);
      const from = services.rows.find((s) => s.id === plan.fromServiceId);
      const person = await c.query({
        name: 'floor_person',
        text: REFERRAL_SQL.person,
        values: [personId, plan.organisationId],
      });
      if (!to || !from || person.rowCount !== 1) throw new Error('floor fixture is not as expected');
      const consent = await c.query({
        name: 'floor_consent',
        text: REFERRAL_SQL.consent,
        values: [personId, to.organisation_id],
      });
      if (consent.rowCount !== 1) throw new Error('floor fixture has no consent');
      const ref = await c.query({
        name: 'floor_referral',
        text: REFERRAL_SQL.referral,
        values: [
          personId,
          from.id,
          to.id,
          plan.organisationId,
          to.organisation_id,
          plan.staffId,
          ['ENGLISH_LANGUAGE', 'SOCIAL_ISOLATION'],
          'Bench referral',
          from.category,
          to.category,
          to.ward,
        ],
      });
      await c.query({
        name: 'floor_event',
        text: REFERRAL_SQL.event,
        values: [ref.rows[0].id, plan.staffId, plan.organisationId],
      });
      await c.query({
        name: 'floor_audit',
        text: REFERRAL_SQL.audit,
        values: [plan.staffId, plan.organisationId, [personId], `floor-${i}`],
      });
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
}

/**
 * The statements of the journey resolver (libs/journeys) for one person: in one transaction the
 * visibility check, the JOURNEY_SHARING consent check, the one UNION query of every entry (the
 * resolver's own SQL) and the journey.read audit event; then, as its DataLoaders do, one statement
 * each for the entries' referrals, outcomes, assessments, services and organisations.
 */
function journey(plan: FloorPlan): Op {
  const personId = plan.personIds[0];
  const byIds = (table: string) => `SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`;
  return async (c, i) => {
    let rows: JourneyEntryRow[];
    await c.query('BEGIN');
    try {
      const visible = await c.query({
        name: 'floor_j_person',
        text: REFERRAL_SQL.person,
        values: [personId, plan.organisationId],
      });
      if (visible.rowCount !== 1) throw new Error('floor journey person is not visible');
      await c.query({
        name: 'floor_j_consent',
        text: `SELECT 1 FROM consents WHERE person_id = $1 AND purpose = 'JOURNEY_SHARING' AND withdrawn_at IS NULL
                 AND (expires_at IS NULL OR expires_at > clock_timestamp()) AND $2::uuid = ANY (organisation_ids) LIMIT 1`,
        values: [personId, plan.organisationId],
      });
      rows = (
        await c.query<JourneyEntryRow>({
          name: 'floor_j_entries',
          text: JOURNEY_ENTRIES_SQL,
          values: [personId],
        })
      ).rows;
      await c.query({
        name: 'floor_j_audit',
        text: `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
               SELECT $1, $2, 'journey.read', 'SUCCESS', p, $4 FROM unnest($3::uuid[]) AS p`,
        values: [plan.staffId, plan.organisationId, [personId], `floor-${i}`],
      });
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
    const ids = (pick: (r: JourneyEntryRow) => string | null) => [
      ...new Set(rows.map(pick).filter((x): x is string => x !== null)),
    ];
    await Promise.all([
      c.query({ name: 'floor_j_referrals', text: byIds('referrals'), values: [ids((r) => r.referral_id)] }),
      c.query({ name: 'floor_j_outcomes', text: byIds('outcomes'), values: [ids((r) => r.outcome_id)] }),
      c.query({
        name: 'floor_j_assessments',
        text: byIds('wellbeing_assessments'),
        values: [ids((r) => r.assessment_id)],
      }),
      c.query({ name: 'floor_j_services', text: byIds('services'), values: [ids((r) => r.service_id)] }),
      c.query({
        name: 'floor_j_organisations',
        text: byIds('organisations'),
        values: [ids((r) => r.organisation_id)],
      }),
    ]);
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
      const c = await pool.connect();
      try {
        await op(c, i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        sample ??= (e as Error).message;
      } finally {
        c.release();
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
  const r = await drive(pool, op, plan, plan.amount);
  await pool.end();
  const result: LoadResult = {
    requests: r.latencies.length,
    errors: r.errors,
    errorSample: r.sample,
    seconds: r.seconds,
    reqPerSec: r.latencies.length / r.seconds,
    latency: summarise(r.latencies),
    stoppedEarly: r.stopped,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
