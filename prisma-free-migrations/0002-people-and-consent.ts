import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People (with equality monitoring) and their purpose- and organisation-scoped consents. */
export class PeopleAndConsent1764201600002 implements MigrationInterface {
  name = 'PeopleAndConsent1764201600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        given_name text NOT NULL CONSTRAINT people_given_name_length CHECK (char_length(given_name) BETWEEN 1 AND 100),
        family_name text NOT NULL CONSTRAINT people_family_name_length CHECK (char_length(family_name) BETWEEN 1 AND 100),
        date_of_birth date,
        preferred_language text CONSTRAINT people_preferred_language_valid CHECK (preferred_language ~ '^[a-z]{2}$'),
        interpreter_needed boolean NOT NULL DEFAULT false,
        postcode text,
        ward text,
        phone text,
        phone_digits text GENERATED ALWAYS AS (nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')) STORED,
        email text,
        nhs_number text CONSTRAINT people_nhs_number_valid CHECK (nhs_number ~ '^[0-9]{10}$'),
        gender text,
        ethnicity text CONSTRAINT people_ethnicity_valid CHECK (ethnicity ~ '^[A-HJ-NPRSZ]$'),
        disability boolean,
        equality_recorded boolean NOT NULL DEFAULT false,
        registered_by_organisation_id uuid NOT NULL CONSTRAINT people_registered_by_organisation_fk REFERENCES organisations (id),
        registered_by_staff_id uuid NOT NULL CONSTRAINT people_registered_by_staff_fk REFERENCES staff (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX people_registered_by_organisation_idx ON people (registered_by_organisation_id)`,
    );
    // searchPeople: case-insensitive substring match, served by trigram indexes.
    await q.query(
      `CREATE INDEX people_given_name_trgm_idx ON people USING gin (lower(given_name) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX people_family_name_trgm_idx ON people USING gin (lower(family_name) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX people_email_trgm_idx ON people USING gin (lower(email) gin_trgm_ops)`);
    await q.query(`CREATE INDEX people_nhs_number_trgm_idx ON people USING gin (nhs_number gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX people_phone_digits_trgm_idx ON people USING gin (phone_digits gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL CONSTRAINT consents_person_fk REFERENCES people (id),
        purpose text NOT NULL CONSTRAINT consents_purpose_valid CHECK (purpose IN ('REFERRAL_SHARING','JOURNEY_SHARING')),
        organisation_ids uuid[] NOT NULL CONSTRAINT consents_organisations_not_empty CHECK (cardinality(organisation_ids) > 0),
        given_by text NOT NULL CONSTRAINT consents_given_by_valid CHECK (given_by IN ('PERSON','PARENT_OR_GUARDIAN','REPRESENTATIVE')),
        given_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz,
        withdrawn_at timestamptz,
        recorded_by_staff_id uuid NOT NULL CONSTRAINT consents_recorded_by_staff_fk REFERENCES staff (id),
        recorded_by_organisation_id uuid NOT NULL CONSTRAINT consents_recorded_by_organisation_fk REFERENCES organisations (id),
        withdrawn_by_staff_id uuid CONSTRAINT consents_withdrawn_by_staff_fk REFERENCES staff (id),
        withdrawn_by_organisation_id uuid CONSTRAINT consents_withdrawn_by_organisation_fk REFERENCES organisations (id)
      )`);
    await q.query(`CREATE INDEX consents_person_idx ON consents (person_id, purpose, given_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE people`);
  }
}
