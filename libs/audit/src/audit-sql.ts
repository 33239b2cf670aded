/** Where the values of an audit INSERT come from: SQL expressions (parameters or columns). */
export interface AuditEventsSqlParts {
  staffId: string;
  organisationId: string;
  requestId: string;
  /** A text[] expression: one SUCCESS event per action, recorded in this order. */
  actions: string;
  personId: string;
  /** The FROM item the events are made for (one set of events per row, none when it is empty). */
  from: string;
}

/**
 * An INSERT of SUCCESS audit events (the same rows AuditService.record writes), for a statement that
 * records a change and its audit at once, e.g. as a data-modifying CTE fed by the change's RETURNING.
 */
export function auditEventsInsertSql(p: AuditEventsSqlParts): string {
  return `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
    SELECT ${p.staffId}, ${p.organisationId}, ax.action, 'SUCCESS', ${p.personId}, ${p.requestId}
      FROM ${p.from} CROSS JOIN unnest(${p.actions}::text[]) WITH ORDINALITY AS ax (action, n)
     ORDER BY ax.n`;
}
