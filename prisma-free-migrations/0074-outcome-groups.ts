import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * outcomeSummary counted, at every read, all the outcomes its filter selects and the distinct people
 * behind each type (285,000 outcomes at bench size: 90–125 ms of PostgreSQL a read on a slow day,
 * p95 up to 195 ms against the 150 ms target). This summary, kept by the database in the same
 * transaction as every outcome, holds per type, contracted or not, month achieved, recording
 * service and organisation: the number of outcomes and a people bitmap (the sketch of
 * libs/analytics/src/queries/people-sketch.ts, bit `1 << (uuid_hash(person_id) & 63)`), so the
 * report reads a few thousand rows and counts people exactly only where the bitmap cannot decide
 * disclosure control.
 *
 * Outcomes are never changed or deleted (the API only records them), so an insert only adds: the
 * statement-level trigger adds each statement's outcomes in key order (concurrent writers cannot
 * deadlock), on its own `stripe` (by server process) so that writers do not queue on one row.
 * analytics_rebuild_outcome_groups() recomputes the table from the outcomes (after a bulk load with
 * the trigger off, and in the tests that compare the two).
 */
const GROUP = `type, contracted, date_trunc('month', achieved_on)::date, service_id, organisation_id`;
const SUMS = `count(*)::int, bit_or(1::bigint << (uuid_hash(person_id) & 63))`;

export class OutcomeGroups1764201600074 implements MigrationInterface {
  name = 'OutcomeGroups1764201600074';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_outcome_groups (
        type text NOT NULL,
        contracted boolean NOT NULL,
        month date NOT NULL,
        service_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        stripe smallint NOT NULL,
        outcomes integer NOT NULL,
        people_bits bigint NOT NULL,
        CONSTRAINT analytics_outcome_groups_pkey
          PRIMARY KEY (type, contracted, month, service_id, organisation_id, stripe)
      )`);
    await q.query(`
      CREATE FUNCTION analytics_outcome_groups_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_outcome_groups AS g
               (type, contracted, month, service_id, organisation_id, stripe, outcomes, people_bits)
        SELECT ${GROUP}, (pg_backend_pid() % 32)::smallint, ${SUMS}
          FROM new_outcomes
         GROUP BY ${GROUP}
         ORDER BY ${GROUP}
        ON CONFLICT (type, contracted, month, service_id, organisation_id, stripe) DO UPDATE SET
          outcomes = g.outcomes + EXCLUDED.outcomes, people_bits = g.people_bits | EXCLUDED.people_bits;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER analytics_outcome_groups_insert AFTER INSERT ON outcomes
        REFERENCING NEW TABLE AS new_outcomes FOR EACH STATEMENT
        EXECUTE FUNCTION analytics_outcome_groups_insert()`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_outcome_groups() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE outcomes IN SHARE MODE;
        DELETE FROM analytics_outcome_groups;
        INSERT INTO analytics_outcome_groups
               (type, contracted, month, service_id, organisation_id, stripe, outcomes, people_bits)
        SELECT ${GROUP}, 0, ${SUMS} FROM outcomes GROUP BY ${GROUP};
      END $$`);
    await q.query(`SELECT analytics_rebuild_outcome_groups()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER analytics_outcome_groups_insert ON outcomes`);
    await q.query(`DROP FUNCTION analytics_outcome_groups_insert()`);
    await q.query(`DROP FUNCTION analytics_rebuild_outcome_groups()`);
    await q.query(`DROP TABLE analytics_outcome_groups`);
  }
}
