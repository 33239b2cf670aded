import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  GROUP_KEY,
  keyMatches,
  REPAIR_KEY_SQL,
  repairBitsFunctionSql,
} from './0060-analytics-referral-groups.js';

/**
 * The referral summary's repair (analytics_repair_referral_group_bits, 0060) never waits for a
 * writer. It locked each untrusted key's stripe rows and waited for any a writer held, while
 * holding the keys it had already repaired: a writer correcting a person (whose referrals touch
 * many keys, in no order the repair knows) could then wait for the repair while the repair waited
 * for it, and PostgreSQL ended one of them as a deadlock. Under a hot burst of corrections a valid
 * updatePerson failed that way even after its retries.
 *
 * Now a key whose rows are held (FOR UPDATE NOWAIT, or any lock not granted within 200 ms) is left
 * untrusted for the next run: that key's part is rolled back (its own block), the repair goes on
 * with the next key. Readers are never wrong meanwhile: an untrusted key's people are counted from
 * the referrals.
 */
export class RepairNeverWaits1764201600072 implements MigrationInterface {
  name = 'RepairNeverWaits1764201600072';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_repair_referral_group_bits(max_keys integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE k record; b record; n integer := 0;
      BEGIN
        -- A backstop for locks NOWAIT does not cover (a stripe row a writer added meanwhile).
        PERFORM set_config('lock_timeout', '200ms', true);
        FOR k IN SELECT DISTINCT ${GROUP_KEY} FROM analytics_referral_groups WHERE NOT bits_valid
                  ORDER BY ${GROUP_KEY} LIMIT max_keys LOOP
          BEGIN
            PERFORM 1 FROM analytics_referral_groups g WHERE ${keyMatches('g')}
              ORDER BY g.stripe FOR UPDATE NOWAIT;
            ${REPAIR_KEY_SQL}
            n := n + 1;
          EXCEPTION WHEN lock_not_available THEN
            -- A writer holds this key: it stays untrusted until a later run.
            NULL;
          END;
        END LOOP;
        RETURN n;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(repairBitsFunctionSql().replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
