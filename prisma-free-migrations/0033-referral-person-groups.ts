import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person's current ward, gender, ethnicity and preferred language, kept on each of their
 * referrals for the WARD / GENDER / ETHNICITY / LANGUAGE funnels, so those are one pass over
 * referrals like ROUTE and AGE_BAND (no per-person aggregation and join to people). Maintained by
 * the database in the same transaction as every write: set (with the age band, in one look-up)
 * when a referral is inserted, and rewritten for all of a person's referrals when one of those
 * values is corrected. The funnel still groups by the values trimmed, "not recorded" when missing.
 */
export class ReferralPersonGroups1764201600033 implements MigrationInterface {
  name = 'ReferralPersonGroups1764201600033';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals
      ADD COLUMN person_ward text, ADD COLUMN person_gender text,
      ADD COLUMN person_ethnicity text, ADD COLUMN person_language text`);
    await q.query(`
      UPDATE referrals r SET person_ward = p.ward, person_gender = p.gender,
             person_ethnicity = p.ethnicity, person_language = p.preferred_language
        FROM people p
       WHERE p.id = r.person_id
         AND (p.ward IS NOT NULL OR p.gender IS NOT NULL OR p.ethnicity IS NOT NULL OR p.preferred_language IS NOT NULL)`);
    await q.query(`
      CREATE FUNCTION referrals_set_person_groups() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p people%ROWTYPE;
      BEGIN
        SELECT * INTO p FROM people WHERE id = NEW.person_id;
        NEW.age_band := analytics_age_band(p.date_of_birth, NEW.created_at);
        NEW.person_ward := p.ward;
        NEW.person_gender := p.gender;
        NEW.person_ethnicity := p.ethnicity;
        NEW.person_language := p.preferred_language;
        RETURN NEW;
      END $$`);
    // One look-up per inserted referral, replacing the age-band-only trigger of 0031.
    await q.query(`DROP TRIGGER referrals_age_band ON referrals`);
    await q.query(`
      CREATE TRIGGER referrals_person_groups BEFORE INSERT OR UPDATE OF person_id, created_at ON referrals
        FOR EACH ROW EXECUTE FUNCTION referrals_set_person_groups()`);
    await q.query(`
      CREATE FUNCTION people_refresh_referral_groups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE referrals SET person_ward = NEW.ward, person_gender = NEW.gender,
               person_ethnicity = NEW.ethnicity, person_language = NEW.preferred_language
         WHERE person_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER people_referral_groups AFTER UPDATE OF ward, gender, ethnicity, preferred_language ON people
        FOR EACH ROW WHEN (OLD.ward IS DISTINCT FROM NEW.ward OR OLD.gender IS DISTINCT FROM NEW.gender
          OR OLD.ethnicity IS DISTINCT FROM NEW.ethnicity OR OLD.preferred_language IS DISTINCT FROM NEW.preferred_language)
        EXECUTE FUNCTION people_refresh_referral_groups()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER people_referral_groups ON people`);
    await q.query(`DROP FUNCTION people_refresh_referral_groups()`);
    await q.query(`DROP TRIGGER referrals_person_groups ON referrals`);
    await q.query(`DROP FUNCTION referrals_set_person_groups()`);
    await q.query(`
      CREATE TRIGGER referrals_age_band BEFORE INSERT OR UPDATE OF person_id, created_at ON referrals
        FOR EACH ROW EXECUTE FUNCTION referrals_set_age_band()`);
    await q.query(`ALTER TABLE referrals DROP COLUMN person_ward, DROP COLUMN person_gender,
      DROP COLUMN person_ethnicity, DROP COLUMN person_language`);
  }
}
