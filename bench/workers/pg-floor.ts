/**
 * The database floor: the SQL an API operation has to run, sent directly with `pg` from a plain
 * Node process (prepared statements, one pool, no HTTP, no GraphQL, no framework). Run as
 * `node dist/bench/workers/pg-floor.js <plan.json>`; prints one JSON line like the HTTP load process.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { FloorPlan } from '../lib/floor-plan.js';
import type { LoadResult } from '../lib/load-plan.js';
import { summarise } from '../lib/stats.js';

type Op = (client: pg.PoolClient, i: number) => Promise<void>;

const REFERRAL_SQL = {
  services: `SELECT id, organisation_id, capacity, category, ward FROM services WHERE id = ANY($1::uuid[])`,
  person: `SELECT id FROM people WHERE id = $1 AND registered_by_organisation_id = $2`,
  consent: `SELECT 1 FROM consents WHERE person_id = $1 AND purpose = 'REFERRAL_SHARING' AND withdrawn_at IS NULL
              AND (expires_at IS NULL OR expires_at > now()) AND $2::uuid = ANY (organisation_ids) LIMIT 1`,
  referral: `INSERT INTO referrals (person_id, from_service_id, to_service_id, creator_organisation_id, to_organisation_id,
               created_by_staff_id, route, needs, note, from_category, to_category, to_ward)
             VALUES ($1, $2, $3, $4, $5, $6, 'STAFF', $7, $8, $9, $10, $11) RETURNING *`,
  event: `INSERT INTO referral_events (referral_id, from_status, to_status, by_staff_id, by_organisation_id)
          VALUES ($1, NULL, 'REQUESTED', $2, $3) RETURNING id, seq, at`,
  audit: `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
          VALUES ($1, $2, 'referral.make', 'SUCCESS', $3, $4)`,
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
        values: [plan.staffId, plan.organisationId, personId, `floor-${i}`],
      });
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
}

/** The statements of the journey resolver for one person, in one transaction with its audit event. */
function journey(plan: FloorPlan): Op {
  const personId = plan.personIds[0];
  return async (c, i) => {
    await c.query('BEGIN');
    try {
      await c.query({
        name: 'floor_j_person',
        text: `SELECT * FROM people WHERE id = $1`,
        values: [personId],
      });
      await c.query({
        name: 'floor_j_consents',
        text: `SELECT * FROM consents WHERE person_id = $1 ORDER BY given_at`,
        values: [personId],
      });
      const refs = await c.query({
        name: 'floor_j_referrals',
        text: `SELECT * FROM referrals WHERE person_id = $1 AND (status <> 'ENTERED_IN_ERROR' OR creator_organisation_id = $2)
               ORDER BY created_at`,
        values: [personId, plan.organisationId],
      });
      await c.query({
        name: 'floor_j_events',
        text: `SELECT * FROM referral_events WHERE referral_id = ANY($1::uuid[]) ORDER BY referral_id, seq`,
        values: [refs.rows.map((r) => r.id)],
      });
      await c.query({
        name: 'floor_j_assessments',
        text: `SELECT * FROM wellbeing_assessments WHERE person_id = $1 ORDER BY seq`,
        values: [personId],
      });
      await c.query({
        name: 'floor_j_outcomes',
        text: `SELECT * FROM outcomes WHERE person_id = $1 ORDER BY seq`,
        values: [personId],
      });
      await c.query({
        name: 'floor_j_services',
        text: `SELECT * FROM services WHERE id = ANY($1::uuid[])`,
        values: [
          [...new Set(refs.rows.flatMap((r) => [r.to_service_id, r.from_service_id]).filter(Boolean))],
        ],
      });
      await c.query({
        name: 'floor_j_audit',
        text: `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
               VALUES ($1, $2, 'journey.read', 'SUCCESS', $3, $4)`,
        values: [plan.staffId, plan.organisationId, personId, `floor-${i}`],
      });
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
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
