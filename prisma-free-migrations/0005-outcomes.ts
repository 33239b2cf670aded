import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wellbeing assessments (SWEMWBS, ONS4) and progression outcomes, each recorded by a service. */
export class Outcomes1764201600005 implements MigrationInterface {
  name = 'Outcomes1764201600005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wellbeing_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT wellbeing_assessments_seq_key UNIQUE,
        person_id uuid NOT NULL CONSTRAINT wellbeing_assessments_person_fk REFERENCES people (id),
        service_id uuid NOT NULL CONSTRAINT wellbeing_assessments_service_fk REFERENCES services (id),
        organisation_id uuid NOT NULL CONSTRAINT wellbeing_assessments_organisation_fk REFERENCES organisations (id),
        instrument text NOT NULL CONSTRAINT wellbeing_assessments_instrument_valid CHECK (instrument IN ('SWEMWBS','ONS4')),
        responses smallint[] NOT NULL,
        raw_score smallint,
        metric_score numeric(5,2),
        taken_on date NOT NULL,
        recorded_by_staff_id uuid NOT NULL CONSTRAINT wellbeing_assessments_recorded_by_fk REFERENCES staff (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT wellbeing_assessments_shape CHECK (
          (instrument = 'SWEMWBS' AND cardinality(responses) = 7 AND raw_score BETWEEN 7 AND 35 AND metric_score IS NOT NULL)
          OR (instrument = 'ONS4' AND cardinality(responses) = 4 AND raw_score IS NULL AND metric_score IS NULL))
      )`);
    await q.query(`CREATE INDEX wellbeing_assessments_person_idx ON wellbeing_assessments (person_id, seq)`);
    await q.query(
      `CREATE INDEX wellbeing_assessments_pairing_idx ON wellbeing_assessments (instrument, person_id, taken_on, seq)`,
    );
    await q.query(
      `CREATE INDEX wellbeing_assessments_organisation_idx ON wellbeing_assessments (organisation_id)`,
    );

    await q.query(`
      CREATE TABLE outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT outcomes_seq_key UNIQUE,
        person_id uuid NOT NULL CONSTRAINT outcomes_person_fk REFERENCES people (id),
        service_id uuid NOT NULL CONSTRAINT outcomes_service_fk REFERENCES services (id),
        organisation_id uuid NOT NULL CONSTRAINT outcomes_organisation_fk REFERENCES organisations (id),
        referral_id uuid CONSTRAINT outcomes_referral_fk REFERENCES referrals (id),
        type text NOT NULL CONSTRAINT outcomes_type_valid CHECK (type IN
          ('STARTED_VOLUNTEERING','VOLUNTEERING_HOURS','ESOL_LEVEL_ACHIEVED','QUALIFICATION_GAINED',
           'ENTERED_EDUCATION_OR_TRAINING','ENTERED_EMPLOYMENT','SUSTAINED_EMPLOYMENT','CHILD_SCHOOL_PLACE',
           'IMPROVED_HOUSING','REDUCED_ISOLATION','HEALTHIER_LIFESTYLE','OTHER')),
        achieved_on date NOT NULL,
        esol_level text CONSTRAINT outcomes_esol_level_valid CHECK (esol_level IN
          ('PRE_ENTRY','ENTRY_1','ENTRY_2','ENTRY_3','LEVEL_1','LEVEL_2')),
        hours numeric(8,2),
        contracted boolean NOT NULL,
        note text,
        recorded_by_staff_id uuid NOT NULL CONSTRAINT outcomes_recorded_by_fk REFERENCES staff (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT outcomes_esol_level_rule CHECK ((type = 'ESOL_LEVEL_ACHIEVED') = (esol_level IS NOT NULL)),
        CONSTRAINT outcomes_hours_rule CHECK ((type = 'VOLUNTEERING_HOURS') = (hours IS NOT NULL)),
        CONSTRAINT outcomes_hours_range CHECK (hours IS NULL OR (hours > 0 AND hours <= 1000))
      )`);
    await q.query(`CREATE INDEX outcomes_person_idx ON outcomes (person_id, seq)`);
    await q.query(`CREATE INDEX outcomes_organisation_idx ON outcomes (organisation_id)`);
    await q.query(
      `CREATE INDEX outcomes_referral_idx ON outcomes (referral_id) WHERE referral_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outcomes`);
    await q.query(`DROP TABLE wellbeing_assessments`);
  }
}
