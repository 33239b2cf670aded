import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows of one counter key: concurrent writers on different connections update different rows. */
const SLOTS = 16;
const KEY = `to_organisation_id, creator_organisation_id, status, slot`;
const UPSERT = `ON CONFLICT (${KEY}) DO UPDATE SET n = c.n + EXCLUDED.n`;

/**
 * `referrals`' totalCount without reading the referrals: how many referrals each (receiving
 * organisation, creating organisation, status) has, kept exact by the database in the same
 * transaction as every write to referrals, so a count is never stale. The inbox, outbox and
 * ALL predicates (and the status filter) read the same columns here as on referrals, so the count
 * of a 400,000-referral inbox sums a few hundred rows instead of scanning its index.
 *
 * A key is split over SLOTS rows (the writer's backend pid modulo SLOTS) so that many connections
 * making referrals between the same two organisations do not queue on one row's lock; a reader
 * sums the slots. An update that changes the key takes its two rows in key order, so two
 * transitions never wait on each other in opposite orders.
 */
export class ReferralCounts1764201600052 implements MigrationInterface {
  name = 'ReferralCounts1764201600052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_counts (
        to_organisation_id uuid NOT NULL,
        creator_organisation_id uuid NOT NULL,
        status text NOT NULL,
        slot smallint NOT NULL,
        n bigint NOT NULL,
        CONSTRAINT referral_counts_pkey PRIMARY KEY (${KEY})
      ) WITH (fillfactor = 50)`);
    await q.query(`CREATE INDEX referral_counts_outbox_idx ON referral_counts (creator_organisation_id)`);
    await q.query(`
      CREATE FUNCTION referral_counts_slot() RETURNS smallint LANGUAGE sql STABLE AS
        $$ SELECT (pg_backend_pid() % ${SLOTS})::smallint $$`);
    await q.query(`
      CREATE FUNCTION referral_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO referral_counts AS c (${KEY}, n)
        SELECT to_organisation_id, creator_organisation_id, status, referral_counts_slot(), count(*)
          FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ${UPSERT};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION referral_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO referral_counts AS c (${KEY}, n)
        SELECT to_organisation_id, creator_organisation_id, status, referral_counts_slot(), -count(*)
          FROM deleted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ${UPSERT};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION referral_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO referral_counts AS c (${KEY}, n)
        SELECT * FROM (VALUES
            (OLD.to_organisation_id, OLD.creator_organisation_id, OLD.status, referral_counts_slot(), -1::bigint),
            (NEW.to_organisation_id, NEW.creator_organisation_id, NEW.status, referral_counts_slot(), 1::bigint)
          ) AS change (${KEY}, n)
         ORDER BY 1, 2, 3
        ${UPSERT};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION referral_counts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM referral_counts;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referral_counts_insert AFTER INSERT ON referrals
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_after_insert()`);
    await q.query(`
      CREATE TRIGGER referral_counts_delete AFTER DELETE ON referrals
        REFERENCING OLD TABLE AS deleted
        FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_after_delete()`);
    await q.query(`
      CREATE TRIGGER referral_counts_update
        AFTER UPDATE OF to_organisation_id, creator_organisation_id, status ON referrals
        FOR EACH ROW
        WHEN (OLD.to_organisation_id IS DISTINCT FROM NEW.to_organisation_id
              OR OLD.creator_organisation_id IS DISTINCT FROM NEW.creator_organisation_id
              OR OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION referral_counts_after_update()`);
    await q.query(`
      CREATE TRIGGER referral_counts_truncate AFTER TRUNCATE ON referrals
        FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_after_truncate()`);
    // Existing referrals. The triggers above already hold a lock that keeps writers out until commit.
    await q.query(`
      INSERT INTO referral_counts (${KEY}, n)
      SELECT to_organisation_id, creator_organisation_id, status, 0, count(*)
        FROM referrals GROUP BY 1, 2, 3`);
    await q.query(`ANALYZE referral_counts`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referral_counts_truncate ON referrals`);
    await q.query(`DROP TRIGGER referral_counts_update ON referrals`);
    await q.query(`DROP TRIGGER referral_counts_delete ON referrals`);
    await q.query(`DROP TRIGGER referral_counts_insert ON referrals`);
    await q.query(`DROP FUNCTION referral_counts_after_truncate()`);
    await q.query(`DROP FUNCTION referral_counts_after_update()`);
    await q.query(`DROP FUNCTION referral_counts_after_delete()`);
    await q.query(`DROP FUNCTION referral_counts_after_insert()`);
    await q.query(`DROP FUNCTION referral_counts_slot()`);
    await q.query(`DROP TABLE referral_counts`);
  }
}
