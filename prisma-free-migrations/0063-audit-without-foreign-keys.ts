import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_events without foreign keys to staff and organisations. The server writes only the ids of
 * the caller it has just authenticated (an active staff member of an existing organisation), and
 * neither table is ever deleted from; the trail is append-only and must outlive anything it names.
 * Each key cost a check per row, which also locked the caller's staff and organisation rows
 * (FOR KEY SHARE): 100 checks for the 50 events of one referrals page, about a fifth of the
 * PostgreSQL time of an inbox read (5.1 against 6.2 ms per page, 1M referrals).
 */
export class AuditWithoutForeignKeys1764201600063 implements MigrationInterface {
  name = 'AuditWithoutForeignKeys1764201600063';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events
      DROP CONSTRAINT audit_events_staff_fk,
      DROP CONSTRAINT audit_events_organisation_fk`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events
      ADD CONSTRAINT audit_events_staff_fk FOREIGN KEY (staff_id) REFERENCES staff (id),
      ADD CONSTRAINT audit_events_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)`);
  }
}
