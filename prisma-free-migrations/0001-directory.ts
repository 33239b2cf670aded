import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, services ("threads"), staff with roles, and failed-login tracking. */
export class Directory1764201600001 implements MigrationInterface {
  name = 'Directory1764201600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT organisations_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
        kind text NOT NULL CONSTRAINT organisations_kind_valid CHECK (kind IN
          ('COMMUNITY_ANCHOR','CHARITY','SOCIAL_ENTERPRISE','LOCAL_AUTHORITY','NHS','EDUCATION','PRIVATE','OTHER')),
        locally_rooted boolean NOT NULL,
        ward text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX organisations_created_at_idx ON organisations (created_at, id)`);

    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL CONSTRAINT services_organisation_fk REFERENCES organisations (id),
        name text NOT NULL CONSTRAINT services_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
        category text NOT NULL CONSTRAINT services_category_valid CHECK (category IN
          ('CHILDRENS_CENTRE','FAMILY_SUPPORT','ESOL','DIGITAL_SKILLS','ADULT_LEARNING','SOCIAL_PRESCRIBING',
           'VOLUNTEERING','EMPLOYMENT_SUPPORT','HEALTH_AND_WELLBEING','SPORT_AND_ACTIVITY','EDUCATION','ADVICE',
           'HOUSING','OTHER')),
        capacity text NOT NULL DEFAULT 'OPEN' CONSTRAINT services_capacity_valid CHECK (capacity IN ('OPEN','WAITLIST','CLOSED')),
        sensitive boolean NOT NULL DEFAULT false,
        site text,
        ward text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX services_organisation_idx ON services (organisation_id, created_at)`);
    await q.query(`CREATE INDEX services_category_idx ON services (category)`);

    await q.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL CONSTRAINT staff_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
        role text NOT NULL CONSTRAINT staff_role_valid CHECK (role IN
          ('ADMIN','SERVICE_MANAGER','FAMILY_SUPPORT_WORKER','KEY_WORKER','LINK_WORKER','COMMISSIONER')),
        organisation_id uuid NOT NULL CONSTRAINT staff_organisation_fk REFERENCES organisations (id),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_email_lower_key ON staff (lower(email))`);
    await q.query(`CREATE INDEX staff_organisation_idx ON staff (organisation_id)`);

    await q.query(`
      CREATE TABLE staff_services (
        staff_id uuid NOT NULL CONSTRAINT staff_services_staff_fk REFERENCES staff (id) ON DELETE CASCADE,
        service_id uuid NOT NULL CONSTRAINT staff_services_service_fk REFERENCES services (id),
        CONSTRAINT staff_services_pkey PRIMARY KEY (staff_id, service_id)
      )`);
    await q.query(`CREATE INDEX staff_services_service_idx ON staff_services (service_id)`);

    // Failed sign-ins, for the per-email-per-IP lockout (kept in the database so it holds across
    // restarts and API replicas).
    await q.query(`
      CREATE TABLE login_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email_key text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX login_failures_lookup_idx ON login_failures (email_key, ip, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE staff_services`);
    await q.query(`DROP TABLE staff`);
    await q.query(`DROP TABLE services`);
    await q.query(`DROP TABLE organisations`);
  }
}
