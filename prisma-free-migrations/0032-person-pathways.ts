import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's pathway over ALL their referrals (receiving categories in order of first referral
 * to each, repeats dropped; ENTERED_IN_ERROR referrals never count), so the unfiltered `pathways`
 * query groups ~100,000 short rows instead of a million referrals. Kept fresh by the database in
 * the same transaction as every referral write: statement-level triggers (with transition tables,
 * so bulk loads recompute each person once) on insert, and on status changes into or out of
 * ENTERED_IN_ERROR. A per-person advisory lock makes concurrent writers for one person recompute
 * one after the other, each seeing the other's committed referral. Filtered pathways are still
 * computed from the referrals themselves.
 */
export class PersonPathways1764201600032 implements MigrationInterface {
  name = 'PersonPathways1764201600032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_pathways (
        person_id uuid PRIMARY KEY CONSTRAINT person_pathways_person_fk REFERENCES people (id),
        steps text[] NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION analytics_refresh_pathways(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        pid uuid;
      BEGIN
        FOR pid IN SELECT DISTINCT x FROM unnest(ids) AS x ORDER BY x LOOP
          PERFORM pg_advisory_xact_lock(7270330, hashtext(pid::text));
        END LOOP;
        DELETE FROM person_pathways p
         WHERE p.person_id = ANY(ids)
           AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.person_id AND r.status <> 'ENTERED_IN_ERROR');
        INSERT INTO person_pathways (person_id, steps)
        SELECT person_id, array_agg(to_category ORDER BY first_at, to_category COLLATE "C")
          FROM (SELECT r.person_id, r.to_category, min(r.created_at) AS first_at
                  FROM referrals r
                 WHERE r.person_id = ANY(ids) AND r.status <> 'ENTERED_IN_ERROR'
                 GROUP BY r.person_id, r.to_category) firsts
         GROUP BY person_id
        ON CONFLICT (person_id) DO UPDATE SET steps = EXCLUDED.steps
          WHERE person_pathways.steps IS DISTINCT FROM EXCLUDED.steps;
      END $$`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_refresh_pathways(ARRAY(SELECT DISTINCT person_id FROM inserted WHERE status <> 'ENTERED_IN_ERROR'));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_insert AFTER INSERT ON referrals
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_pathways_after_insert()`);
    await q.query(`
      CREATE FUNCTION referrals_pathways_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_refresh_pathways(ARRAY(
          SELECT DISTINCT n.person_id FROM updated n JOIN previous o ON o.id = n.id
           WHERE (o.status = 'ENTERED_IN_ERROR') IS DISTINCT FROM (n.status = 'ENTERED_IN_ERROR')
              OR o.person_id <> n.person_id OR o.to_category <> n.to_category OR o.created_at <> n.created_at
          UNION
          SELECT o.person_id FROM updated n JOIN previous o ON o.id = n.id WHERE o.person_id <> n.person_id));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_pathways_update AFTER UPDATE ON referrals
        REFERENCING OLD TABLE AS previous NEW TABLE AS updated
        FOR EACH STATEMENT EXECUTE FUNCTION referrals_pathways_after_update()`);
    // Existing referrals.
    await q.query(`
      INSERT INTO person_pathways (person_id, steps)
      SELECT person_id, array_agg(to_category ORDER BY first_at, to_category COLLATE "C")
        FROM (SELECT person_id, to_category, min(created_at) AS first_at FROM referrals
               WHERE status <> 'ENTERED_IN_ERROR' GROUP BY person_id, to_category) firsts
       GROUP BY person_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER referrals_pathways_update ON referrals`);
    await q.query(`DROP TRIGGER referrals_pathways_insert ON referrals`);
    await q.query(`DROP FUNCTION referrals_pathways_after_update()`);
    await q.query(`DROP FUNCTION referrals_pathways_after_insert()`);
    await q.query(`DROP FUNCTION analytics_refresh_pathways(uuid[])`);
    await q.query(`DROP TABLE person_pathways`);
  }
}
