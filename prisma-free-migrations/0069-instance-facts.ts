import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts about this installation that a later start must know, each decided once. The first:
 * `demo`, whether the first start seeded the demo partnership (CONTRACT.md section 1: the demo is
 * seeded on the *first* start of the embedded database unless SEED_DEMO=false). Without it, a first
 * start with SEED_DEMO=false followed by a plain restart would seed the demo, with its published
 * password, into what the operator meant to be an empty installation.
 */
export class InstanceFacts1764201600069 implements MigrationInterface {
  name = 'InstanceFacts1764201600069';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instance_facts (
        fact text PRIMARY KEY,
        value text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instance_facts`);
  }
}
