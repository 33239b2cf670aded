import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, recordedConditions, SqlParams } from '../filter/sql-conditions.js';
import { bitsSet, needsExactPeople, peopleFor } from './people-sketch.js';

export interface OutcomeCounts {
  type: string;
  contracted: boolean;
  outcomes: number;
  /** People behind the count: exact, or a lower bound that already exceeds the threshold. */
  people: number;
}

interface GroupRow {
  type: string;
  contracted: boolean;
  outcomes: number;
  bits: number;
}

const key = (r: { type: string; contracted: boolean }) => `${r.type}|${r.contracted}`;

/**
 * Outcomes (and the people behind them) per type, contracted and added value apart, from the
 * outcome summary (migration 0074) — named `x` so that the filter's conditions on the recording
 * service and organisation and the month achieved apply to it as to the outcomes themselves. Where
 * a count is above the threshold but its people bitmap cannot show more people than the threshold,
 * those types alone are counted exactly from the outcomes.
 */
export async function outcomeCounts(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  threshold: number,
): Promise<OutcomeCounts[]> {
  const p = new SqlParams();
  const rows = await db.query<GroupRow>(
    `SELECT x.type, x.contracted, sum(x.outcomes)::int AS outcomes, ${bitsSet('bit_or(x.people_bits)')} AS bits
       FROM analytics_outcome_groups x
      WHERE ${recordedConditions(f, scope, p, 'month')}
      GROUP BY x.type, x.contracted`,
    p.values,
  );
  const unsure = rows.filter((r) => needsExactPeople(r.outcomes, r.bits, threshold));
  const exact = new Map<string, number>();
  if (unsure.length > 0) {
    for (const r of await exactPeople(db, f, scope, unsure)) exact.set(key(r), r.people);
  }
  return rows.map((r) => ({
    type: r.type,
    contracted: r.contracted,
    outcomes: r.outcomes,
    people: peopleFor(r.bits, exact.get(key(r))),
  }));
}

/** The distinct people behind the outcomes the filter selects, for the given types only. */
function exactPeople(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  groups: readonly GroupRow[],
): Promise<{ type: string; contracted: boolean; people: number }[]> {
  const p = new SqlParams();
  const where = recordedConditions(f, scope, p, 'achieved_on');
  const types = p.add(groups.map((g) => g.type));
  const contracted = p.add(groups.map((g) => g.contracted));
  return db.query(
    `SELECT x.type, x.contracted, count(DISTINCT x.person_id)::int AS people
       FROM outcomes x
      WHERE ${where}
        AND (x.type, x.contracted) IN (SELECT * FROM unnest(${types}::text[], ${contracted}::boolean[]))
      GROUP BY x.type, x.contracted`,
    p.values,
  );
}
