import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail: every read of and change to person-level data, and every refused attempt. Append-only. */
export class Audit1764201600004 implements MigrationInterface {
  name = 'Audit1764201600004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_events_seq_key UNIQUE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        staff_id uuid NOT NULL CONSTRAINT audit_events_staff_fk REFERENCES staff (id),
        organisation_id uuid NOT NULL CONSTRAINT audit_events_organisation_fk REFERENCES organisations (id),
        action text NOT NULL,
        outcome text NOT NULL CONSTRAINT audit_events_outcome_valid CHECK (outcome IN ('SUCCESS','DENIED')),
        person_id uuid,
        request_id text
      )`);
    await q.query(
      `CREATE INDEX audit_events_person_idx ON audit_events (person_id, seq DESC) WHERE person_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_events_staff_idx ON audit_events (staff_id, seq DESC)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
