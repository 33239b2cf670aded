import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, recordedConditions, SqlParams } from '../filter/sql-conditions.js';
import { LIFE_SATISFACTION_BANDS, SWEMWBS_MEANINGFUL_CHANGE, WellbeingInstrument } from '#libs/outcomes';

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

/**
 * ONS4 life satisfaction band index (0 low … 3 very high), from the shared rule table of
 * libs/outcomes (CONTRACT.md section 7), written as SQL.
 */
const band = (v: string) =>
  `(CASE ${[...LIFE_SATISFACTION_BANDS.entries()]
    .reverse()
    .map(([i, b]) => `WHEN ${v} >= ${b.from} THEN ${i}`)
    .join(' ')} END)`;

/** "Improved meaningfully" over a pair (b = baseline values, f = follow-up values). */
const IMPROVED: Record<WellbeingInstrument, string> = {
  [WellbeingInstrument.SWEMWBS]: `(f.v0 - b.v0) >= ${SWEMWBS_MEANINGFUL_CHANGE}`,
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
