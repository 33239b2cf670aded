import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's totalCount (`to_organisation_id = $1 AND (status <> 'ENTERED_IN_ERROR' OR
 * creator_organisation_id = $1)`) read every matching heap row: at the benchmark's size a large
 * organisation's inbox made it a sequential scan. The same index, same name and key, now carries
 * the two filter columns, so the count is an index-only scan (measured 3.5x faster) and the page
 * query is unchanged.
 */
export class InboxCountCovering1764201600050 implements MigrationInterface {
  name = 'InboxCountCovering1764201600050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX referrals_inbox_idx`);
    await q.query(
      `CREATE INDEX referrals_inbox_idx ON referrals (to_organisation_id, created_at DESC, id DESC)
         INCLUDE (status, creator_organisation_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX referrals_inbox_idx`);
    await q.query(
      `CREATE INDEX referrals_inbox_idx ON referrals (to_organisation_id, created_at DESC, id DESC)`,
    );
  }
}
