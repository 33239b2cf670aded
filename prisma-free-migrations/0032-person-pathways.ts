import type { MigrationInterface, QueryRunner } from 'typeorm';

const ORDERED = `ORDER BY t, c COLLATE "C"`;

/**
 * Each person's pathway over ALL their referrals (receiving categories in order of first referral
 * to each, repeats dropped; ENTERED_IN_ERROR referrals never count), with the instant of each first
 * referral, so the unfiltered `pathways` query groups ~100,000 short rows instead of a million
 * referrals. Kept fresh by the database in the same transaction as every referral write:
 *
 * - insert (one row or a bulk load): the new (category, instant) pairs are MERGED into the person's
 *   row by one upsert whose update reads the row as last committed (ON CONFLICT DO UPDATE), so
 *   concurrent writers for one person never lose each other's referrals, in any order of arrival;
 * - a status change into or out of ENTERED_IN_ERROR (rare): the person's row is locked, then
 *   rebuilt from their referrals.
 *
 * Filtered pathways are still computed from the referrals themselves.
 */
export class PersonPathways1764201600032 implements MigrationInterface {
  name = 'PersonPathways1764201600032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_pathways (
        person_id uuid PRIMARY KEY CONSTRAINT person_pathways_person_fk REFERENCES people (id),
        steps text[] NOT NULL,
        first_at timestamptz[] NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_pathways AS pp (person_id, steps, first_at)
        SELECT person_id, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT person_id, to_category AS c, min(created_at) AS t FROM inserted
                 WHERE status <> 'ENTERED_IN_ERROR' GROUP BY person_id, to_category) AS firsts
         GROUP BY person_id
        ON CONFLICT (person_id) DO UPDATE
          SET (steps, first_at) = (
            SELECT array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
              FROM (SELECT c, min(t) AS t
                      FROM (SELECT * FROM unnest(pp.steps, pp.first_at)
                            UNION ALL SELECT * FROM unnest(EXCLUDED.steps, EXCLUDED.first_at)) AS pairs (c, t)
                     GROUP BY c) AS merged);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_insert AFTER INSERT ON referrals
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_pathways_after_insert()`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_pathway(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM person_pathways WHERE person_id = pid FOR UPDATE;
        DELETE FROM person_pathways WHERE person_id = pid;
        INSERT INTO person_pathways (person_id, steps, first_at)
        SELECT pid, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT to_category AS c, min(created_at) AS t FROM referrals
                 WHERE person_id = pid AND status <> 'ENTERED_IN_ERROR' GROUP BY to_category) AS firsts
        HAVING count(*) > 0;
      END $$`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_pathway(NEW.person_id);
        IF OLD.person_id <> NEW.person_id THEN
          PERFORM analytics_rebuild_pathway(OLD.person_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_update AFTER UPDATE OF status, person_id, to_category, created_at ON referrals
        FOR EACH ROW
        WHEN ((OLD.status = 'ENTERED_IN_ERROR') IS DISTINCT FROM (NEW.status = 'ENTERED_IN_ERROR')
              OR OLD.person_id IS DISTINCT FROM NEW.person_id
              OR OLD.to_category IS DISTINCT FROM NEW.to_category
              OR OLD.created_at IS DISTINCT FROM NEW.created_at)
        EXECUTE FUNCTION referrals_pathways_after_update()`);
    // Existing referrals.
    await q.query(`
      INSERT INTO person_pathways (person_id, steps, first_at)
      SELECT person_id, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
        FROM (SELECT person_id, to_category AS c, min(created_at) AS t FROM referrals
               WHERE status <> 'ENTERED_IN_ERROR' GROUP BY person_id, to_category) AS firsts
       GROUP BY person_id`);
    await q.query(`ANALYZE person_pathways`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referrals_pathways_update ON referrals`);
    await q.query(`DROP TRIGGER referrals_pathways_insert ON referrals`);
    await q.query(`DROP FUNCTION referrals_pathways_after_update()`);
    await q.query(`DROP FUNCTION analytics_rebuild_pathway(uuid)`);
    await q.query(`DROP FUNCTION referrals_pathways_after_insert()`);
    await q.query(`DROP TABLE person_pathways`);
  }
}
