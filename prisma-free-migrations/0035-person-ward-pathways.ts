import type { MigrationInterface, QueryRunner } from 'typeorm';

const ORDERED = `ORDER BY t, c COLLATE "C"`;

/** Two (category, first instant) arrays `a` and `b` merged: the earliest instant of each category, in pathway order. */
const merged = (a: string, b: string) => `
  SELECT array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
    FROM (SELECT c, min(t) AS t
            FROM (SELECT * FROM unnest(${a}.steps, ${a}.first_at)
                  UNION ALL SELECT * FROM unnest(${b}.steps, ${b}.first_at)) AS pairs (c, t)
           GROUP BY c) AS m`;

/**
 * Each person's pathway within each receiving ward: the receiving categories of their referrals to
 * services in that ward, in order of first referral to each (repeats dropped; ENTERED_IN_ERROR
 * referrals never count), with the instant of each first referral. `pathways` filtered by one ward
 * and nothing else (the commonest filter) groups that ward's rows — about 80,000 for the largest ward
 * at the benchmark's size, read from one covering index — instead of the ward's referrals (about
 * 280,000, grouped by person and category, then by person, then by sequence). Referrals to a service
 * without a ward match no ward filter and have no row. Kept by the database in the same transaction
 * as every referral write, like person_pathways (0032):
 *
 * - insert (one row or a bulk load): the new (category, instant) pairs of each (person, ward) are
 *   merged into its row by one upsert (ON CONFLICT DO UPDATE reads the row as last committed), so
 *   concurrent writers for one person never lose each other's referrals;
 * - a change of status into or out of ENTERED_IN_ERROR, or of person, category, ward or creation
 *   instant (rare; the API only ever changes the status), and a delete: the people concerned are
 *   locked against each other's rebuilds (FOR NO KEY UPDATE, which referral inserts — FOR KEY SHARE
 *   — do not wait for), then their rows are rebuilt from their referrals;
 * - TRUNCATE of referrals empties the table (analytics_rebuild_all_ward_pathways, which also builds
 *   it from the existing referrals here and after the benchmark's bulk load).
 *
 * Pathways filtered any other way (several wards, dates, organisations, categories, a service
 * manager's scope) are still counted from the referrals themselves.
 */
export class PersonWardPathways1764201600035 implements MigrationInterface {
  name = 'PersonWardPathways1764201600035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_ward_pathways (
        person_id uuid NOT NULL CONSTRAINT person_ward_pathways_person_fk REFERENCES people (id),
        ward text NOT NULL,
        steps text[] NOT NULL,
        first_at timestamptz[] NOT NULL,
        CONSTRAINT person_ward_pathways_pkey PRIMARY KEY (person_id, ward)
      )`);
    await q.query(`
      CREATE FUNCTION referrals_ward_pathways_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_ward_pathways AS pw (person_id, ward, steps, first_at)
        SELECT person_id, ward, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT person_id, to_ward AS ward, to_category AS c, min(created_at) AS t FROM inserted
                 WHERE status <> 'ENTERED_IN_ERROR' AND to_ward IS NOT NULL
                 GROUP BY person_id, to_ward, to_category) AS firsts
         GROUP BY person_id, ward
        ON CONFLICT (person_id, ward) DO UPDATE
          SET (steps, first_at) = (${merged('pw', 'EXCLUDED')});
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_ward_pathways_insert AFTER INSERT ON referrals
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_ward_pathways_after_insert()`);
    // A row that appears between the DELETE and the INSERT can only come from a concurrent insert of
    // new referrals (rebuilds of one person wait for each other): it is merged, never overwritten.
    await q.query(`
      CREATE FUNCTION analytics_rebuild_ward_pathways(pids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM people WHERE id = ANY(pids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM person_ward_pathways WHERE person_id = ANY(pids);
        INSERT INTO person_ward_pathways AS pw (person_id, ward, steps, first_at)
        SELECT person_id, ward, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT person_id, to_ward AS ward, to_category AS c, min(created_at) AS t FROM referrals
                 WHERE person_id = ANY(pids) AND status <> 'ENTERED_IN_ERROR' AND to_ward IS NOT NULL
                 GROUP BY person_id, to_ward, to_category) AS firsts
         GROUP BY person_id, ward
        ON CONFLICT (person_id, ward) DO UPDATE
          SET (steps, first_at) = (${merged('pw', 'EXCLUDED')});
      END $$`);
    // Everyone at once: the existing referrals below, and after a bulk load made with the insert
    // trigger off (the benchmark's loader), which is cheaper than merging batch by batch.
    await q.query(`
      CREATE FUNCTION analytics_rebuild_all_ward_pathways() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM person_ward_pathways;
        INSERT INTO person_ward_pathways (person_id, ward, steps, first_at)
        SELECT person_id, ward, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT person_id, to_ward AS ward, to_category AS c, min(created_at) AS t FROM referrals
                 WHERE status <> 'ENTERED_IN_ERROR' AND to_ward IS NOT NULL
                 GROUP BY person_id, to_ward, to_category) AS firsts
         GROUP BY person_id, ward;
      END $$`);
    await q.query(`
      CREATE FUNCTION referrals_ward_pathways_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_ward_pathways(ARRAY[OLD.person_id, NEW.person_id]);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_ward_pathways_update
        AFTER UPDATE OF status, person_id, to_category, to_ward, created_at ON referrals
        FOR EACH ROW
        WHEN ((OLD.status = 'ENTERED_IN_ERROR') IS DISTINCT FROM (NEW.status = 'ENTERED_IN_ERROR')
              OR OLD.person_id IS DISTINCT FROM NEW.person_id
              OR OLD.to_category IS DISTINCT FROM NEW.to_category
              OR OLD.to_ward IS DISTINCT FROM NEW.to_ward
              OR OLD.created_at IS DISTINCT FROM NEW.created_at)
        EXECUTE FUNCTION referrals_ward_pathways_after_update()`);
    await q.query(`
      CREATE FUNCTION referrals_ward_pathways_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_ward_pathways(ARRAY(SELECT DISTINCT person_id FROM deleted));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_ward_pathways_delete AFTER DELETE ON referrals
        REFERENCING OLD TABLE AS deleted
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_ward_pathways_after_delete()`);
    await q.query(`
      CREATE FUNCTION referrals_ward_pathways_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_all_ward_pathways();
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_ward_pathways_truncate AFTER TRUNCATE ON referrals
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_ward_pathways_after_truncate()`);
    await q.query(`SELECT analytics_rebuild_all_ward_pathways()`);
    // pathways reads one ward's sequences from this index alone.
    await q.query(
      `CREATE INDEX person_ward_pathways_ward_idx ON person_ward_pathways (ward) INCLUDE (steps)`,
    );
    await q.query(`ANALYZE person_ward_pathways`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referrals_ward_pathways_truncate ON referrals`);
    await q.query(`DROP TRIGGER referrals_ward_pathways_delete ON referrals`);
    await q.query(`DROP TRIGGER referrals_ward_pathways_update ON referrals`);
    await q.query(`DROP TRIGGER referrals_ward_pathways_insert ON referrals`);
    await q.query(`DROP FUNCTION referrals_ward_pathways_after_truncate()`);
    await q.query(`DROP FUNCTION referrals_ward_pathways_after_delete()`);
    await q.query(`DROP FUNCTION referrals_ward_pathways_after_update()`);
    await q.query(`DROP FUNCTION analytics_rebuild_all_ward_pathways()`);
    await q.query(`DROP FUNCTION analytics_rebuild_ward_pathways(uuid[])`);
    await q.query(`DROP FUNCTION referrals_ward_pathways_after_insert()`);
    await q.query(`DROP TABLE person_ward_pathways`);
  }
}
