import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, recordedConditions, SqlParams } from '../filter/sql-conditions.js';

export interface OutcomeCounts {
  type: string;
  contracted: boolean;
  outcomes: number;
  people: number;
}

/**
 * Outcomes (and the distinct people behind them) per type, contracted and added value apart. One
 * pass in the order of outcomes_analytics_idx (type, contracted, person_id): each group's rows
 * arrive sorted by person, so the distinct people are counted without a second grouping.
 */
export async function outcomeCounts(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
): Promise<OutcomeCounts[]> {
  const p = new SqlParams();
  const where = recordedConditions(f, scope, p, 'achieved_on');
  const sql = `
    SELECT x.type, x.contracted, count(*)::int AS outcomes, count(DISTINCT x.person_id)::int AS people
      FROM outcomes x
     WHERE ${where}
     GROUP BY x.type, x.contracted`;
  return db.query<OutcomeCounts>(sql, p.values);
}
