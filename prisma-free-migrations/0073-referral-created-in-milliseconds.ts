import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral's creation time is kept to the millisecond, as the API shows it (`createdAt`).
 *
 * `referrals` is ordered newest first by createdAt, then id (CONTRACT.md section 9). The list and its
 * cursors order by the stored value, which was kept to the microsecond: two referrals made in the
 * same millisecond showed the same createdAt yet came back in the order of the hidden microseconds,
 * whatever their ids, so a client could not tell the order from what it sees. Kept to the
 * millisecond, they tie in the store as they do on screen, and the id decides.
 *
 * Only referrals made from now on: rows already written keep their microseconds, as do the cursors
 * clients hold for them (rewriting the column would move every referral through the summary
 * triggers and shift rows under cursors in use).
 */
export class ReferralCreatedInMilliseconds1764201600073 implements MigrationInterface {
  name = 'ReferralCreatedInMilliseconds1764201600073';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE referrals ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', clock_timestamp())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ALTER COLUMN created_at SET DEFAULT clock_timestamp()`);
  }
}
