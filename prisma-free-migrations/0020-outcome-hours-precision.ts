import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteering hours keep the precision they were given: any value in (0, 1000] is valid, so a
 * fixed two-decimal scale could turn 0.001 into 0 (and break the range check) or change 12.345.
 */
export class OutcomeHoursPrecision1764201600020 implements MigrationInterface {
  name = 'OutcomeHoursPrecision1764201600020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outcomes ALTER COLUMN hours TYPE numeric`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outcomes ALTER COLUMN hours TYPE numeric(8,2)`);
  }
}
