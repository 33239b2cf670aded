import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `('REQUESTED','ACCEPTED','REJECTED','CANCELLED','IN_PROGRESS','ON_HOLD','FAILED','COMPLETED','ENTERED_IN_ERROR')`;
const REASONS = `('CLIENT_DECLINED','NO_CAPACITY','UNABLE_TO_CONTACT','NOT_ELIGIBLE','NO_LONGER_NEEDED','REFERRED_ELSEWHERE','DUPLICATE','OTHER')`;

/** Referrals between threads, their append-only status history, and idempotency keys. */
export class Referrals1764201600003 implements MigrationInterface {
  name = 'Referrals1764201600003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL CONSTRAINT referrals_person_fk REFERENCES people (id),
        from_service_id uuid CONSTRAINT referrals_from_service_fk REFERENCES services (id),
        to_service_id uuid NOT NULL CONSTRAINT referrals_to_service_fk REFERENCES services (id),
        creator_organisation_id uuid NOT NULL CONSTRAINT referrals_creator_organisation_fk REFERENCES organisations (id),
        to_organisation_id uuid NOT NULL CONSTRAINT referrals_to_organisation_fk REFERENCES organisations (id),
        created_by_staff_id uuid NOT NULL CONSTRAINT referrals_created_by_staff_fk REFERENCES staff (id),
        route text NOT NULL CONSTRAINT referrals_route_valid CHECK (route IN
          ('STAFF','SELF','GP','HEALTH_VISITOR','SCHOOL','JOBCENTRE','COUNCIL','OTHER')),
        needs text[] NOT NULL CONSTRAINT referrals_needs_not_empty CHECK (cardinality(needs) > 0),
        note text,
        safeguarding_override boolean NOT NULL DEFAULT false,
        safeguarding_justification text,
        status text NOT NULL DEFAULT 'REQUESTED' CONSTRAINT referrals_status_valid CHECK (status IN ${STATUSES}),
        status_reason text CONSTRAINT referrals_status_reason_valid CHECK (status_reason IN ${REASONS}),
        version integer NOT NULL DEFAULT 1 CONSTRAINT referrals_version_positive CHECK (version >= 1),
        idempotency_key text,
        idempotency_fingerprint text,
        -- Denormalised for analytics (services never change organisation, category or ward),
        -- and the first time each stage was reached, kept in the same transaction as the history.
        from_category text,
        to_category text NOT NULL,
        to_ward text,
        accepted_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT referrals_route_matches_from_service CHECK ((route = 'STAFF') = (from_service_id IS NOT NULL)),
        CONSTRAINT referrals_idempotency_pair CHECK ((idempotency_key IS NULL) = (idempotency_fingerprint IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX referrals_idempotency_key ON referrals (created_by_staff_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX referrals_inbox_idx ON referrals (to_organisation_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX referrals_inbox_service_idx ON referrals (to_service_id, status, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX referrals_outbox_idx ON referrals (creator_organisation_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX referrals_from_service_idx ON referrals (from_service_id, created_at DESC, id DESC) WHERE from_service_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX referrals_person_idx ON referrals (person_id, created_at)`);

    await q.query(`
      CREATE TABLE referral_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT referral_events_seq_key UNIQUE,
        referral_id uuid NOT NULL CONSTRAINT referral_events_referral_fk REFERENCES referrals (id),
        from_status text CONSTRAINT referral_events_from_valid CHECK (from_status IN ${STATUSES}),
        to_status text NOT NULL CONSTRAINT referral_events_to_valid CHECK (to_status IN ${STATUSES}),
        reason text CONSTRAINT referral_events_reason_valid CHECK (reason IN ${REASONS}),
        note text,
        by_staff_id uuid NOT NULL CONSTRAINT referral_events_by_staff_fk REFERENCES staff (id),
        by_organisation_id uuid NOT NULL CONSTRAINT referral_events_by_organisation_fk REFERENCES organisations (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, seq)`);
    // History is never edited.
    await q.query(`
      CREATE FUNCTION referral_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'referral_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER referral_events_no_change BEFORE UPDATE OR DELETE ON referral_events
      FOR EACH ROW EXECUTE FUNCTION referral_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_events`);
    await q.query(`DROP FUNCTION referral_events_append_only()`);
    await q.query(`DROP TABLE referrals`);
  }
}
