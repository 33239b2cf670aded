import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, recordedConditions, SqlParams } from '../filter/sql-conditions.js';
import { WellbeingInstrument } from '../models/outcome-enums.js';

/** The items reported per instrument, and the SQL value of each in an assessment row `x`. */
export const WELLBEING_ITEMS: Record<WellbeingInstrument, readonly { item: string; sql: string }[]> = {
  [WellbeingInstrument.SWEMWBS]: [{ item: 'metric', sql: 'x.metric_score' }],
  [WellbeingInstrument.ONS4]: [
    { item: 'lifeSatisfaction', sql: 'x.responses[1]' },
    { item: 'worthwhile', sql: 'x.responses[2]' },
    { item: 'happiness', sql: 'x.responses[3]' },
    { item: 'anxiety', sql: 'x.responses[4]' },
  ],
};

/** ONS4 life satisfaction band: 0 low (0-4), 1 medium (5-6), 2 high (7-8), 3 very high (9-10). */
const band = (v: string) =>
  `(CASE WHEN ${v} >= 9 THEN 3 WHEN ${v} >= 7 THEN 2 WHEN ${v} >= 5 THEN 1 ELSE 0 END)`;

/** "Improved meaningfully" over a pair (b = baseline values, f = follow-up values). */
const IMPROVED: Record<WellbeingInstrument, string> = {
  [WellbeingInstrument.SWEMWBS]: '(f.v0 - b.v0) >= 3',
  [WellbeingInstrument.ONS4]: `${band('f.v0')} > ${band('b.v0')}`,
};

export interface WellbeingAggregate {
  paired: number;
  improved: number;
  /** Per item: exact means as decimal text (rounded once, by disclosure control). */
  items: { item: string; baseline: string | null; followUp: string | null; change: string | null }[];
}

/**
 * Pairs each person's earliest matching assessment (baseline; on a tied date the first recorded)
 * with their latest (follow-up; on a tied date the last recorded) when it was taken on a later date;
 * unpaired people are left out. Means are exact numeric averages over the paired people.
 */
export async function wellbeingAggregate(
  db: Queryable,
  instrument: WellbeingInstrument,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
): Promise<WellbeingAggregate> {
  const p = new SqlParams();
  const inst = p.add(instrument);
  const where = recordedConditions(f, scope, p, 'taken_on');
  const items = WELLBEING_ITEMS[instrument];
  const values = items.map((it, i) => `${it.sql}::numeric AS v${i}`).join(', ');
  const ends = (order: string) => `
      SELECT DISTINCT ON (x.person_id) x.person_id, x.taken_on, ${values}
        FROM wellbeing_assessments x JOIN services s ON s.id = x.service_id
       WHERE x.instrument = ${inst} AND ${where}
       ORDER BY x.person_id, ${order}`;
  const means = items
    .map(
      (_, i) =>
        `avg(b.v${i})::text AS b${i}, avg(f.v${i})::text AS f${i}, avg(f.v${i} - b.v${i})::text AS c${i}`,
    )
    .join(', ');
  const sql = `
    WITH baseline AS (${ends('x.taken_on, x.seq')}),
         follow_up AS (${ends('x.taken_on DESC, x.seq DESC')})
    SELECT count(*)::int AS paired, (count(*) FILTER (WHERE ${IMPROVED[instrument]}))::int AS improved, ${means}
      FROM baseline b JOIN follow_up f ON f.person_id = b.person_id AND f.taken_on > b.taken_on`;
  const [row] = await db.query<Record<string, any>>(sql, p.values);
  return {
    paired: row.paired,
    improved: row.improved,
    items: items.map((it, i) => ({
      item: it.item,
      baseline: row[`b${i}`],
      followUp: row[`f${i}`],
      change: row[`c${i}`],
    })),
  };
}
