import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deactivating a staff member bumps their token generation, so tokens issued before it stay dead
 * even if the member is reactivated later (they sign in again).
 */
export class StaffTokenGeneration1764201600007 implements MigrationInterface {
  name = 'StaffTokenGeneration1764201600007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE staff ADD COLUMN token_generation integer NOT NULL DEFAULT 0
         CONSTRAINT staff_token_generation_non_negative CHECK (token_generation >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP COLUMN token_generation`);
  }
}
