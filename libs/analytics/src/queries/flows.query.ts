import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import {
  type AnalyticsScope,
  referralConditions,
  SqlParams,
  summaryConditions,
} from '../filter/sql-conditions.js';
import { bitsSet, needsExactPeople, peopleFor } from './people-sketch.js';
import { summaryKeysSql } from './referral-summary.js';

export interface FlowCellCounts {
  to_category: string;
  from_category: string | null;
  referred: number;
  accepted: number;
  completed: number;
  /** People behind each count: exact, or a lower bound that already exceeds the threshold. */
  referred_people: number;
  accepted_people: number;
  completed_people: number;
  /** Median of the whole days (24-hour periods, rounded down) from creation to acceptance (may end in .5). */
  median_days: number | null;
}

export interface FlowCounts {
  cells: FlowCellCounts[];
  total: number;
  totalPeople: number;
}

interface CellRow {
  to_category: string;
  from_category: string | null;
  referred: number;
  accepted: number;
  completed: number;
  referred_bits: number;
  accepted_bits: number;
  completed_bits: number;
  total_bits: number;
  median_days: number | null;
}

const cellKey = (to: string, from: string | null) => `${to}|${from ?? ''}`;
const CELL_KEY_SQL = `(r.to_category || '|' || coalesce(r.from_category, ''))`;

/**
 * Flows between categories from the referral summary (migration 0060): the FLOW rows give each
 * cell's stage counts and people bits, the accept-days rows its histogram of days to accept (the
 * median is read from the histogram). The distinct people are counted exactly, from the referrals,
 * only for the few cells the bits cannot settle (see people-sketch.ts).
 */
export async function flowCounts(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  threshold: number,
): Promise<FlowCounts> {
  const p = new SqlParams();
  const where = summaryConditions(f, scope, p);
  const sql = `
    WITH keys AS (${summaryKeysSql(`'FLOW'`, where)}
    ), cells AS (
      SELECT to_category, nullif(grp, '') AS from_category,
             sum(referred)::int AS referred, sum(accepted)::int AS accepted, sum(completed)::int AS completed,
             bit_or(referred_bits) AS referred_bits, bit_or(accepted_bits) AS accepted_bits,
             bit_or(completed_bits) AS completed_bits
        FROM keys
       GROUP BY 1, 2
      HAVING sum(referred) > 0
    ), days AS (
      SELECT s.category AS to_category, nullif(g.from_category, '') AS from_category, g.days,
             sum(g.accepted) AS accepted
        FROM analytics_flow_accept_days g JOIN services s ON s.id = g.to_service_id
       WHERE ${where}
       GROUP BY 1, 2, 3
      HAVING sum(g.accepted) > 0
    ), cum AS (
      SELECT to_category, from_category, days,
             sum(accepted) OVER (PARTITION BY to_category, from_category ORDER BY days)::bigint AS upto,
             sum(accepted) OVER (PARTITION BY to_category, from_category)::bigint AS total
        FROM days
    ), med AS (
      SELECT to_category, from_category,
             (min(days) FILTER (WHERE upto >= (total + 1) / 2) + min(days) FILTER (WHERE upto >= total / 2 + 1)) / 2.0 AS median_days
        FROM cum
       GROUP BY to_category, from_category
    )
    SELECT c.to_category, c.from_category, c.referred, c.accepted, c.completed,
           ${bitsSet('c.referred_bits')} AS referred_bits, ${bitsSet('c.accepted_bits')} AS accepted_bits,
           ${bitsSet('c.completed_bits')} AS completed_bits,
           ${bitsSet('bit_or(c.referred_bits) OVER ()')} AS total_bits,
           med.median_days::float8 AS median_days
      FROM cells c
      LEFT JOIN med ON med.to_category = c.to_category AND med.from_category IS NOT DISTINCT FROM c.from_category`;
  const rows = await db.query<CellRow>(sql, p.values);

  const unsettled = rows.filter(
    (r) =>
      needsExactPeople(r.referred, r.referred_bits, threshold) ||
      needsExactPeople(r.accepted, r.accepted_bits, threshold) ||
      needsExactPeople(r.completed, r.completed_bits, threshold),
  );
  const exact = new Map<string, { referred: number; accepted: number; completed: number }>();
  if (unsettled.length > 0) {
    const q = new SqlParams();
    const exactRows = await db.query<{
      to_category: string;
      from_category: string | null;
      referred: number;
      accepted: number;
      completed: number;
    }>(
      `SELECT r.to_category, r.from_category,
              count(DISTINCT r.person_id)::int AS referred,
              (count(DISTINCT r.person_id) FILTER (WHERE r.accepted_at IS NOT NULL))::int AS accepted,
              (count(DISTINCT r.person_id) FILTER (WHERE r.completed_at IS NOT NULL))::int AS completed
         FROM referrals r
        WHERE ${referralConditions(f, scope, q)}
          AND ${CELL_KEY_SQL} = ANY(${q.add(unsettled.map((r) => cellKey(r.to_category, r.from_category)))}::text[])
        GROUP BY 1, 2`,
      q.values,
    );
    for (const e of exactRows) exact.set(cellKey(e.to_category, e.from_category), e);
  }

  const total = rows.reduce((s, r) => s + r.referred, 0);
  const totalBits = rows[0]?.total_bits ?? 0;
  const totalPeople = needsExactPeople(total, totalBits, threshold)
    ? await referredPeople(db, f, scope)
    : totalBits;

  return {
    total,
    totalPeople,
    cells: rows.map((r) => {
      const e = exact.get(cellKey(r.to_category, r.from_category));
      return {
        to_category: r.to_category,
        from_category: r.from_category,
        referred: r.referred,
        accepted: r.accepted,
        completed: r.completed,
        referred_people: peopleFor(r.referred_bits, e?.referred),
        accepted_people: peopleFor(r.accepted_bits, e?.accepted),
        completed_people: peopleFor(r.completed_bits, e?.completed),
        median_days: r.median_days,
      };
    }),
  };
}

/** Distinct people behind all matching referrals (only asked when the bits cannot settle it). */
export async function referredPeople(db: Queryable, f: AnalyticsFilter, scope: AnalyticsScope) {
  const p = new SqlParams();
  const row = await db.query<{ people: number }>(
    `SELECT count(DISTINCT r.person_id)::int AS people FROM referrals r WHERE ${referralConditions(f, scope, p)}`,
    p.values,
  );
  return row[0].people;
}
