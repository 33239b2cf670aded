import type { MigrationInterface, QueryRunner } from 'typeorm';

const ORDERED = `ORDER BY t, c COLLATE "C"`;

/**
 * person_pathways (migration 0032) made safe under concurrency and complete:
 * - a rebuild (a referral into or out of ENTERED_IN_ERROR) no longer fails with a duplicate key when
 *   the person's first counting referral is inserted at the same moment: rebuilds of one person wait
 *   for each other (the person's row locked FOR NO KEY UPDATE, which referral inserts do not wait
 *   for), and the rebuilt row is merged with whatever a concurrent insert put there, never lost;
 * - a deleted referral rebuilds its person's pathway, and TRUNCATE of referrals empties the table.
 */
export class PersonPathwaysRaces1764201600061 implements MigrationInterface {
  name = 'PersonPathwaysRaces1764201600061';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_rebuild_pathway(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM people WHERE id = pid FOR NO KEY UPDATE;
        DELETE FROM person_pathways WHERE person_id = pid;
        INSERT INTO person_pathways AS pp (person_id, steps, first_at)
        SELECT pid, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT to_category AS c, min(created_at) AS t FROM referrals
                 WHERE person_id = pid AND status <> 'ENTERED_IN_ERROR' GROUP BY to_category) AS firsts
        HAVING count(*) > 0
        ON CONFLICT (person_id) DO UPDATE
          SET (steps, first_at) = (
            SELECT array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
              FROM (SELECT c, min(t) AS t
                      FROM (SELECT * FROM unnest(pp.steps, pp.first_at)
                            UNION ALL SELECT * FROM unnest(EXCLUDED.steps, EXCLUDED.first_at)) AS pairs (c, t)
                     GROUP BY c) AS merged);
      END $$`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_pathway(OLD.person_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_delete AFTER DELETE ON referrals
        FOR EACH ROW EXECUTE FUNCTION referrals_pathways_after_delete()`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM person_pathways;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_truncate AFTER TRUNCATE ON referrals
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_pathways_after_truncate()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referrals_pathways_truncate ON referrals`);
    await q.query(`DROP FUNCTION referrals_pathways_after_truncate()`);
    await q.query(`DROP TRIGGER referrals_pathways_delete ON referrals`);
    await q.query(`DROP FUNCTION referrals_pathways_after_delete()`);
    // The function as migration 0032 left it.
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_rebuild_pathway(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM person_pathways WHERE person_id = pid FOR UPDATE;
        DELETE FROM person_pathways WHERE person_id = pid;
        INSERT INTO person_pathways (person_id, steps, first_at)
        SELECT pid, array_agg(c ${ORDERED}), array_agg(t ${ORDERED})
          FROM (SELECT to_category AS c, min(created_at) AS t FROM referrals
                 WHERE person_id = pid AND status <> 'ENTERED_IN_ERROR' GROUP BY to_category) AS firsts
        HAVING count(*) > 0;
      END $$`);
  }
}
