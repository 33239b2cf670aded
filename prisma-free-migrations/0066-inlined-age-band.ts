import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The age band of every inserted referral, computed for a fraction of what it cost.
 *
 * analytics_age_band (0031) wrapped its CASE in a sub-select, and PostgreSQL only inlines an SQL
 * function whose body is a single expression. The row trigger of every referral insert
 * (referrals_set_person_groups, 0033) therefore ran it through the SQL-function executor: about
 * 21 µs a call on the bench machine, against 1.5 µs for the same answer as one expression (100,000
 * calls from PL/pgSQL: 2.1 s against 0.15 s). During the bench's bulk load this trigger and the
 * function took 10 s of PostgreSQL's time for 193,000 referrals, the largest share of the COPY's
 * server time.
 *
 * The same bands, with the same boundaries: the difference of the two dates as YYYYMMDD numbers
 * (the London date of `at`, as before), looked up with width_bucket — below 0 is bucket 0, which
 * the 1-based array answers with NULL, as before; NULL stays NULL. The trigger now reads only the
 * five columns it copies, in one SELECT … INTO the new row; a missing person (which the foreign key
 * refuses anyway) still leaves all five NULL.
 */
export class InlinedAgeBand1764201600066 implements MigrationInterface {
  name = 'InlinedAgeBand1764201600066';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_age_band(dob date, at timestamptz) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT (ARRAY['0-15', '16-24', '25-34', '35-44', '45-54', '55-64', '65+'])[
          width_bucket(to_char(at AT TIME ZONE 'Europe/London', 'YYYYMMDD')::int - to_char(dob, 'YYYYMMDD')::int,
                       ARRAY[0, 160000, 250000, 350000, 450000, 550000, 650000])]
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION referrals_set_person_groups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT analytics_age_band(p.date_of_birth, NEW.created_at), p.ward, p.gender, p.ethnicity, p.preferred_language
          INTO NEW.age_band, NEW.person_ward, NEW.person_gender, NEW.person_ethnicity, NEW.person_language
          FROM people p WHERE p.id = NEW.person_id;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION referrals_set_person_groups() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_age_band(dob date, at timestamptz) RETURNS text
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
  }
}
