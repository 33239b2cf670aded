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

/** "Improved meaningfully" over a pair (b0 = the baseline's first item, f0 = the follow-up's). */
const IMPROVED: Record<WellbeingInstrument, string> = {
  [WellbeingInstrument.SWEMWBS]: `(f0 - b0) >= ${SWEMWBS_MEANINGFUL_CHANGE}`,
  [WellbeingInstrument.ONS4]: `${band('f0')} > ${band('b0')}`,
};

export interface WellbeingAggregate {
  paired: number;
  improved: number;
  /** Per item: exact means as decimal text (rounded once, by disclosure control). */
  items: { item: string; baseline: string | null; followUp: string | null; change: string | null }[];
}

/** The aggregate over pairs `pairs` with columns b0, f0, b1, f1, … (baseline and follow-up values). */
function aggregateSql(instrument: WellbeingInstrument, pairs: string): string {
  const means = WELLBEING_ITEMS[instrument]
    .map((_, i) => `avg(b${i})::text AS b${i}, avg(f${i})::text AS f${i}, avg(f${i} - b${i})::text AS c${i}`)
    .join(', ');
  return `SELECT count(*)::int AS paired, (count(*) FILTER (WHERE ${IMPROVED[instrument]}))::int AS improved, ${means}
            FROM (${pairs}) pairs`;
}

/**
 * Pairs each person's earliest matching assessment (baseline; on a tied date the first recorded)
 * with their latest (follow-up; on a tied date the last recorded) when it was taken on a later date;
 * unpaired people are left out. Means are exact numeric averages over the paired people.
 *
 * One pass in the order of wellbeing_assessments_analytics_idx (instrument, person_id, taken_on,
 * seq): each person's rows form one window, whose first row is the baseline and whose last row
 * (last_value over the whole window) is the follow-up; only the first row of each window is kept.
 *
 * Without any filter or scope every assessment counts, and the pairs are read from
 * analytics_wellbeing_pairs (migration 0065, kept in the same transaction as every assessment; its
 * primary key): one row per person instead of a window over all their assessments.
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
  let sql: string;
  if (where === 'true') {
    const values = items
      .map((_, i) => `x.baseline_values[${i + 1}] AS b${i}, x.follow_up_values[${i + 1}] AS f${i}`)
      .join(', ');
    sql = aggregateSql(
      instrument,
      `SELECT ${values} FROM analytics_wellbeing_pairs x
        WHERE x.instrument = ${inst} AND x.follow_up_on > x.baseline_on`,
    );
  } else {
    const ends = items
      .map((it, i) => `${it.sql}::numeric AS b${i}, last_value(${it.sql}::numeric) OVER w AS f${i}`)
      .join(', ');
    sql = aggregateSql(
      instrument,
      `SELECT * FROM (SELECT row_number() OVER w AS n, x.taken_on AS baseline_on,
                             last_value(x.taken_on) OVER w AS follow_up_on, ${ends}
                        FROM wellbeing_assessments x
                       WHERE x.instrument = ${inst} AND ${where}
                      WINDOW w AS (PARTITION BY x.person_id ORDER BY x.taken_on, x.seq
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) each_person
        WHERE n = 1 AND follow_up_on > baseline_on`,
    );
  }
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
