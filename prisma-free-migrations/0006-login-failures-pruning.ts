import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets sign-in prune failed attempts older than the lockout window without scanning the table. */
export class LoginFailuresPruning1764201600006 implements MigrationInterface {
  name = 'LoginFailuresPruning1764201600006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX login_failures_at_idx ON login_failures (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX login_failures_at_idx`);
  }
}
