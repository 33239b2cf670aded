import type { AnalyticsFilter } from './analytics-filter.js';

/** Collects positional parameters for one statement. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Whose data the caller may count: the whole partnership, or one organisation's (SERVICE_MANAGER). */
export interface AnalyticsScope {
  organisationId: string | null;
}

/** Midnight at the start of a London calendar date, as an instant. */
const londonMidnight = (param: string) => `(${param}::date::timestamp AT TIME ZONE 'Europe/London')`;

/**
 * WHERE conditions for referrals (alias `r`): never ENTERED_IN_ERROR; created in the filter's months
 * (London dates); the RECEIVING service's category, organisation and ward; and the caller's scope
 * (a SERVICE_MANAGER sees referrals its organisation made or received). The first condition
 * matches the predicate of the analytics indexes (migration 0030).
 */
export function referralConditions(f: AnalyticsFilter, scope: AnalyticsScope, p: SqlParams): string {
  const c = [`r.status <> 'ENTERED_IN_ERROR'`];
  if (f.fromDate) c.push(`r.created_at >= ${londonMidnight(p.add(f.fromDate))}`);
  if (f.toExclusive) c.push(`r.created_at < ${londonMidnight(p.add(f.toExclusive))}`);
  if (f.organisationIds) c.push(`r.to_organisation_id = ANY(${p.add(f.organisationIds)}::uuid[])`);
  if (f.categories) c.push(`r.to_category = ANY(${p.add(f.categories)}::text[])`);
  if (f.wards) c.push(`r.to_ward = ANY(${p.add(f.wards)}::text[])`);
  if (scope.organisationId) {
    const org = p.add(scope.organisationId);
    c.push(`(r.creator_organisation_id = ${org}::uuid OR r.to_organisation_id = ${org}::uuid)`);
  }
  return c.join(' AND ');
}

/**
 * WHERE conditions for assessments and outcomes (alias `x`): the recording service's category,
 * organisation and ward; `dateColumn` (takenOn / achievedOn) in the filter's months; and the caller's
 * scope (a SERVICE_MANAGER sees what its services recorded). The service's category and ward are
 * matched through the ids of the services that have them (one look-up of the small services table,
 * run once), so the rows are never joined to services and keep the order of the covering index
 * they are read from; no look-up at all when neither is filtered.
 */
export function recordedConditions(
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  p: SqlParams,
  dateColumn: string,
): string {
  const c = ['true'];
  if (f.fromDate) c.push(`x.${dateColumn} >= ${p.add(f.fromDate)}::date`);
  if (f.toExclusive) c.push(`x.${dateColumn} < ${p.add(f.toExclusive)}::date`);
  if (f.organisationIds) c.push(`x.organisation_id = ANY(${p.add(f.organisationIds)}::uuid[])`);
  const service: string[] = [];
  if (f.categories) service.push(`s.category = ANY(${p.add(f.categories)}::text[])`);
  if (f.wards) service.push(`s.ward = ANY(${p.add(f.wards)}::text[])`);
  if (service.length > 0) {
    c.push(`x.service_id = ANY(ARRAY(SELECT s.id FROM services s WHERE ${service.join(' AND ')}))`);
  }
  if (scope.organisationId) c.push(`x.organisation_id = ${p.add(scope.organisationId)}::uuid`);
  return c.join(' AND ');
}

/**
 * WHERE conditions for the referral summary rows (alias `g`: analytics_referral_groups or
 * analytics_flow_accept_days, migration 0060) joined to their receiving service `s`: the same
 * filter and scope as referralConditions. The summary keeps the London month of creation, and the
 * receiving service fixes the organisation, category and ward a referral carries.
 */
export function summaryConditions(f: AnalyticsFilter, scope: AnalyticsScope, p: SqlParams): string {
  const c = ['true'];
  if (f.fromDate) c.push(`g.month >= ${p.add(f.fromDate)}::date`);
  if (f.toExclusive) c.push(`g.month < ${p.add(f.toExclusive)}::date`);
  if (f.organisationIds) c.push(`s.organisation_id = ANY(${p.add(f.organisationIds)}::uuid[])`);
  if (f.categories) c.push(`s.category = ANY(${p.add(f.categories)}::text[])`);
  if (f.wards) c.push(`s.ward = ANY(${p.add(f.wards)}::text[])`);
  if (scope.organisationId) {
    const org = p.add(scope.organisationId);
    c.push(`(g.creator_organisation_id = ${org}::uuid OR s.organisation_id = ${org}::uuid)`);
  }
  return c.join(' AND ');
}
