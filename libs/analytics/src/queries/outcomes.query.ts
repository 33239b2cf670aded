import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, recordedConditions, SqlParams } from '../filter/sql-conditions.js';

export interface OutcomeCounts {
  type: string;
  contracted: boolean;
  outcomes: number;
  people: number;
}

/** Outcomes (and the distinct people behind them) per type, contracted and added value apart. */
export async function outcomeCounts(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
): Promise<OutcomeCounts[]> {
  const p = new SqlParams();
  const where = recordedConditions(f, scope, p, 'achieved_on');
  const sql = `
    WITH per_person AS (
      SELECT x.type, x.contracted, x.person_id, count(*) AS n
        FROM outcomes x JOIN services s ON s.id = x.service_id
       WHERE ${where}
       GROUP BY x.type, x.contracted, x.person_id
    )
    SELECT type, contracted, sum(n)::int AS outcomes, count(*)::int AS people
      FROM per_person
     GROUP BY type, contracted`;
  return db.query<OutcomeCounts>(sql, p.values);
}
