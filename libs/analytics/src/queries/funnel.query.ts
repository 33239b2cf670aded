import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, referralConditions, SqlParams } from '../filter/sql-conditions.js';
import { FunnelDimension } from '../models/enums.js';

export interface FunnelCounts {
  grp: string;
  referred: number;
  referred_people: number;
  accepted: number;
  accepted_people: number;
  started: number;
  started_people: number;
  completed: number;
  completed_people: number;
}

export const NOT_RECORDED = 'not recorded';

/** A person's current value, trimmed, "not recorded" when missing. */
const personValue = (column: string) => `coalesce(nullif(btrim(p.${column}), ''), '${NOT_RECORDED}')`;

const PERSON_COLUMN: Partial<Record<FunnelDimension, string>> = {
  [FunnelDimension.WARD]: 'ward',
  [FunnelDimension.GENDER]: 'gender',
  [FunnelDimension.ETHNICITY]: 'ethnicity',
  [FunnelDimension.LANGUAGE]: 'preferred_language',
};

/** yyyymmdd as a number: whole years between two dates = floor(difference / 10000). */
const ymd = (d: string) =>
  `(date_part('year', ${d}) * 10000 + date_part('month', ${d}) * 100 + date_part('day', ${d}))`;

const AGE_DIFF = `(${ymd("(r.created_at AT TIME ZONE 'Europe/London')::date")} - ${ymd('p.date_of_birth')})`;

/** The person's age band on the London date the referral was created (a birthday on 29 February counts from 1 March). */
export const AGE_BAND_SQL = `CASE
  WHEN p.date_of_birth IS NULL OR ${AGE_DIFF} < 0 THEN '${NOT_RECORDED}'
  WHEN ${AGE_DIFF} < 160000 THEN '0-15'
  WHEN ${AGE_DIFF} < 250000 THEN '16-24'
  WHEN ${AGE_DIFF} < 350000 THEN '25-34'
  WHEN ${AGE_DIFF} < 450000 THEN '35-44'
  WHEN ${AGE_DIFF} < 550000 THEN '45-54'
  WHEN ${AGE_DIFF} < 650000 THEN '55-64'
  ELSE '65+' END`;

const COUNTS = `count(*) AS referred, count(r.accepted_at) AS accepted,
                count(r.started_at) AS started, count(r.completed_at) AS completed`;

const SUMS = `sum(referred)::int AS referred, count(*)::int AS referred_people,
  sum(accepted)::int AS accepted, (count(*) FILTER (WHERE accepted > 0))::int AS accepted_people,
  sum(started)::int AS started, (count(*) FILTER (WHERE started > 0))::int AS started_people,
  sum(completed)::int AS completed, (count(*) FILTER (WHERE completed > 0))::int AS completed_people`;

/**
 * Funnel stages by group. Each referral's counts are first summed per (person, group), so the
 * distinct people behind every count come from the same scan. Person attributes (ward, gender,
 * ethnicity, language) are the person's current values, joined after the per-person step.
 */
export async function funnelRows(
  db: Queryable,
  by: FunnelDimension,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
): Promise<FunnelCounts[]> {
  const p = new SqlParams();
  const where = referralConditions(f, scope, p);
  const personColumn = PERSON_COLUMN[by];
  let sql: string;
  if (personColumn) {
    sql = `
      WITH per_person AS (
        SELECT r.person_id, ${COUNTS} FROM referrals r WHERE ${where} GROUP BY r.person_id
      )
      SELECT ${personValue(personColumn)} AS grp, ${SUMS}
        FROM per_person pp JOIN people p ON p.id = pp.person_id
       GROUP BY 1`;
  } else {
    const group =
      by === FunnelDimension.ROUTE
        ? 'r.route'
        : by === FunnelDimension.CATEGORY
          ? 'r.to_category'
          : AGE_BAND_SQL;
    const join = by === FunnelDimension.AGE_BAND ? 'JOIN people p ON p.id = r.person_id' : '';
    sql = `
      WITH per_person AS (
        SELECT r.person_id, ${group} AS grp, ${COUNTS}
          FROM referrals r ${join}
         WHERE ${where}
         GROUP BY r.person_id, 2
      )
      SELECT grp, ${SUMS} FROM per_person GROUP BY grp`;
  }
  return db.query<FunnelCounts>(sql, p.values);
}
