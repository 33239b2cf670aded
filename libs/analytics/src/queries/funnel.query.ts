import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import { type AnalyticsScope, referralConditions, SqlParams } from '../filter/sql-conditions.js';
import { FunnelDimension } from '../models/enums.js';
import { bitsSet, needsExactPeople, PERSON_BIT, peopleFor } from './people-sketch.js';

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

const AGE_BANDS = ['0-15', '16-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const AGE_BAND_STARTS = [0, 16, 25, 35, 45, 55, 65];

/**
 * The instant (London midnight) a person turns `n`; someone born on 29 February turns a year older
 * on 1 March in other years.
 */
const birthday = (n: number) => `(((p.date_of_birth + make_interval(years => ${n}))::date
    + CASE WHEN date_part('month', p.date_of_birth) = 2 AND date_part('day', p.date_of_birth) = 29
            AND date_part('day', p.date_of_birth + make_interval(years => ${n})) = 28 THEN 1 ELSE 0 END
  )::timestamp AT TIME ZONE 'Europe/London')`;

/**
 * Each person's band boundaries as instants, computed once per person (not per referral), so a
 * referral's band at creation is one comparison of its created_at against them.
 */
const AGE_BOUNDS_CTE = `age_bounds AS MATERIALIZED (
    SELECT p.id, CASE WHEN p.date_of_birth IS NOT NULL
                      THEN ARRAY[${AGE_BAND_STARTS.map(birthday).join(', ')}] END AS bounds
      FROM people p)`;

/** The person's age band on the London date the referral was created ("not recorded" without a date of birth). */
export const AGE_BAND_SQL = `(ARRAY['${NOT_RECORDED}', ${AGE_BANDS.map((b) => `'${b}'`).join(', ')}])[1 + coalesce(width_bucket(r.created_at, ab.bounds), 0)]`;

const COUNTS = `count(*) AS referred, count(r.accepted_at) AS accepted,
                count(r.started_at) AS started, count(r.completed_at) AS completed`;

const SUMS = `sum(referred)::int AS referred, count(*)::int AS referred_people,
  sum(accepted)::int AS accepted, (count(*) FILTER (WHERE accepted > 0))::int AS accepted_people,
  sum(started)::int AS started, (count(*) FILTER (WHERE started > 0))::int AS started_people,
  sum(completed)::int AS completed, (count(*) FILTER (WHERE completed > 0))::int AS completed_people`;

const STAGES = [
  ['referred', 'true'],
  ['accepted', 'r.accepted_at IS NOT NULL'],
  ['started', 'r.started_at IS NOT NULL'],
  ['completed', 'r.completed_at IS NOT NULL'],
] as const;

type Stage = (typeof STAGES)[number][0];

/**
 * Funnel stages by group.
 *
 * - Route, receiving category and age band vary between one person's referrals: one pass groups
 *   the referrals by them, with people bits per stage (people-sketch.ts); the few groups the bits
 *   cannot settle get their distinct people counted exactly by a second statement.
 * - Ward, gender, ethnicity and language are the person's current values: the referrals are summed
 *   per person first (in the analytics index's order, no sort), then joined to people and grouped,
 *   which counts the distinct people exactly on the way.
 */
export async function funnelRows(
  db: Queryable,
  by: FunnelDimension,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  threshold: number,
): Promise<FunnelCounts[]> {
  const p = new SqlParams();
  const where = referralConditions(f, scope, p);
  const personColumn = PERSON_COLUMN[by];
  if (personColumn) {
    return db.query<FunnelCounts>(
      `WITH per_person AS (
         SELECT r.person_id, ${COUNTS} FROM referrals r WHERE ${where} GROUP BY r.person_id
       )
       SELECT ${personValue(personColumn)} AS grp, ${SUMS}
         FROM per_person pp JOIN people p ON p.id = pp.person_id
        GROUP BY 1`,
      p.values,
    );
  }
  const group =
    by === FunnelDimension.ROUTE
      ? 'r.route'
      : by === FunnelDimension.CATEGORY
        ? 'r.to_category'
        : AGE_BAND_SQL;
  const age = by === FunnelDimension.AGE_BAND;
  const prefix = age ? `WITH ${AGE_BOUNDS_CTE}` : '';
  const join = age ? 'JOIN age_bounds ab ON ab.id = r.person_id' : '';
  const bits = STAGES.map(
    ([name, cond]) => `${bitsSet(`bit_or(${PERSON_BIT}) FILTER (WHERE ${cond})`)} AS ${name}_bits`,
  ).join(', ');
  const rows = await db.query<FunnelCounts & Record<`${Stage}_bits`, number>>(
    `${prefix} SELECT ${group} AS grp, ${COUNTS}, ${bits} FROM referrals r ${join} WHERE ${where} GROUP BY 1`,
    p.values,
  );
  const unsettled = rows.filter((r) =>
    STAGES.some(([name]) => needsExactPeople(r[name], r[`${name}_bits`], threshold)),
  );
  const exact = new Map<string, Record<Stage, number>>();
  if (unsettled.length > 0) {
    const q = new SqlParams();
    const people = STAGES.map(
      ([name, cond]) => `(count(DISTINCT r.person_id) FILTER (WHERE ${cond}))::int AS ${name}`,
    ).join(', ');
    const exactRows = await db.query<{ grp: string } & Record<Stage, number>>(
      `${prefix} SELECT ${group} AS grp, ${people} FROM referrals r ${join}
        WHERE ${referralConditions(f, scope, q)} AND ${group} = ANY(${q.add(unsettled.map((r) => r.grp))}::text[])
        GROUP BY 1`,
      q.values,
    );
    for (const e of exactRows) exact.set(e.grp, e);
  }
  return rows.map((r) => {
    const e = exact.get(r.grp);
    return {
      grp: r.grp,
      referred: Number(r.referred),
      accepted: Number(r.accepted),
      started: Number(r.started),
      completed: Number(r.completed),
      referred_people: peopleFor(r.referred_bits, e?.referred),
      accepted_people: peopleFor(r.accepted_bits, e?.accepted),
      started_people: peopleFor(r.started_bits, e?.started),
      completed_people: peopleFor(r.completed_bits, e?.completed),
    };
  });
}
