import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, referralConditions, SqlParams } from '../filter/sql-conditions.js';

export interface FlowCellCounts {
  to_category: string;
  from_category: string | null;
  referred: number;
  referred_people: number;
  accepted: number;
  accepted_people: number;
  completed: number;
  completed_people: number;
  /** Median of whole London calendar days from creation to acceptance (may end in .5). */
  median_days: number | null;
}

/**
 * Flows between categories: one scan grouping by (person, cell) gives each cell's counts and the
 * distinct people behind them; a second gives each cell's histogram of days to accept, from which
 * the median is read (no per-referral sort).
 */
export async function flowCells(db: Queryable, f: AnalyticsFilter, scope: AnalyticsScope) {
  const p = new SqlParams();
  const where = referralConditions(f, scope, p);
  const sql = `
    WITH per_person AS (
      SELECT r.person_id, r.to_category, r.from_category,
             count(*) AS referred, count(r.accepted_at) AS accepted, count(r.completed_at) AS completed
        FROM referrals r
       WHERE ${where}
       GROUP BY r.person_id, r.to_category, r.from_category
    ), cells AS (
      SELECT to_category, from_category,
             sum(referred)::int AS referred, count(*)::int AS referred_people,
             sum(accepted)::int AS accepted, (count(*) FILTER (WHERE accepted > 0))::int AS accepted_people,
             sum(completed)::int AS completed, (count(*) FILTER (WHERE completed > 0))::int AS completed_people
        FROM per_person
       GROUP BY to_category, from_category
    ), hist AS (
      SELECT r.to_category, r.from_category,
             (r.accepted_at AT TIME ZONE 'Europe/London')::date - (r.created_at AT TIME ZONE 'Europe/London')::date AS days,
             count(*) AS n
        FROM referrals r
       WHERE ${where} AND r.accepted_at IS NOT NULL
       GROUP BY 1, 2, 3
    ), cum AS (
      SELECT to_category, from_category, days,
             sum(n) OVER (PARTITION BY to_category, from_category ORDER BY days)::bigint AS upto,
             sum(n) OVER (PARTITION BY to_category, from_category)::bigint AS total
        FROM hist
    ), med AS (
      SELECT to_category, from_category,
             (min(days) FILTER (WHERE upto >= (total + 1) / 2) + min(days) FILTER (WHERE upto >= total / 2 + 1)) / 2.0 AS median_days
        FROM cum
       GROUP BY to_category, from_category
    )
    SELECT c.*, med.median_days::float8 AS median_days
      FROM cells c
      LEFT JOIN med ON med.to_category = c.to_category AND med.from_category IS NOT DISTINCT FROM c.from_category`;
  return db.query<FlowCellCounts>(sql, p.values);
}

/** Distinct people behind all matching referrals (only asked when the cells cannot settle it). */
export async function referredPeople(db: Queryable, f: AnalyticsFilter, scope: AnalyticsScope) {
  const p = new SqlParams();
  const row = await db.query<{ people: number }>(
    `SELECT count(DISTINCT r.person_id)::int AS people FROM referrals r WHERE ${referralConditions(f, scope, p)}`,
    p.values,
  );
  return row[0].people;
}
