import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person's age band on the London date a referral was created, kept on the referral for the
 * AGE_BAND funnel (so it is one pass over referrals, without a join to people and date arithmetic
 * per row). Maintained by the database itself in the same transaction as every write: set when a
 * referral is inserted, recomputed for all of a person's referrals when their date of birth is
 * corrected. NULL = no date of birth ("not recorded"). Someone born on 29 February turns a year
 * older on 1 March in other years.
 */
export class ReferralAgeBand1764201600031 implements MigrationInterface {
  name = 'ReferralAgeBand1764201600031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION analytics_age_band(dob date, at timestamptz) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN d IS NULL OR d < 0 THEN NULL
          WHEN d < 160000 THEN '0-15'
          WHEN d < 250000 THEN '16-24'
          WHEN d < 350000 THEN '25-34'
          WHEN d < 450000 THEN '35-44'
          WHEN d < 550000 THEN '45-54'
          WHEN d < 650000 THEN '55-64'
          ELSE '65+' END
        FROM (SELECT to_char(at AT TIME ZONE 'Europe/London', 'YYYYMMDD')::int - to_char(dob, 'YYYYMMDD')::int AS d) age
      $$`);
    await q.query(`ALTER TABLE referrals ADD COLUMN age_band text`);
    await q.query(`
      UPDATE referrals r SET age_band = analytics_age_band(p.date_of_birth, r.created_at)
        FROM people p WHERE p.id = r.person_id AND p.date_of_birth IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION referrals_set_age_band() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.age_band := analytics_age_band((SELECT date_of_birth FROM people WHERE id = NEW.person_id), NEW.created_at);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER referrals_age_band BEFORE INSERT OR UPDATE OF person_id, created_at ON referrals
        FOR EACH ROW EXECUTE FUNCTION referrals_set_age_band()`);
    await q.query(`
      CREATE FUNCTION people_refresh_referral_age_bands() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE referrals SET age_band = analytics_age_band(NEW.date_of_birth, created_at)
         WHERE person_id = NEW.id AND age_band IS DISTINCT FROM analytics_age_band(NEW.date_of_birth, created_at);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER people_referral_age_bands AFTER UPDATE OF date_of_birth ON people
        FOR EACH ROW WHEN (OLD.date_of_birth IS DISTINCT FROM NEW.date_of_birth)
        EXECUTE FUNCTION people_refresh_referral_age_bands()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER people_referral_age_bands ON people`);
    await q.query(`DROP FUNCTION people_refresh_referral_age_bands()`);
    await q.query(`DROP TRIGGER referrals_age_band ON referrals`);
    await q.query(`DROP FUNCTION referrals_set_age_band()`);
    await q.query(`ALTER TABLE referrals DROP COLUMN age_band`);
    await q.query(`DROP FUNCTION analytics_age_band(date, timestamptz)`);
  }
}
