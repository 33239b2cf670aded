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

/**
 * The INSERT of AuditService.recordInStatement: one SUCCESS event per distinct person of `personIds`
 * (a SELECT of (person id, position)), in order of first position. `first` is the number of the
 * first of four consecutive parameters: staff, organisation, action, request id.
 */
export function auditInStatementSql(personIds: string, first: number): string {
  const [staff, org, act, request] = [first, first + 1, first + 2, first + 3];
  return `INSERT INTO audit_events (staff_id, organisation_id, action, outcome, person_id, request_id)
      SELECT $${staff}, $${org}, $${act}, 'SUCCESS', p, $${request}
        FROM (SELECT p, min(pos) AS pos FROM (${personIds}) AS read (p, pos) GROUP BY p ORDER BY 2) AS audited`;
}
