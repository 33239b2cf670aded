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

/**
 * The person's current value, kept on each referral by the database (migration 0033), trimmed,
 * "not recorded" when missing.
 */
const personValue = (column: string) => `coalesce(nullif(btrim(r.${column}), ''), '${NOT_RECORDED}')`;

const PERSON_COLUMN: Partial<Record<FunnelDimension, string>> = {
  [FunnelDimension.WARD]: 'person_ward',
  [FunnelDimension.GENDER]: 'person_gender',
  [FunnelDimension.ETHNICITY]: 'person_ethnicity',
  [FunnelDimension.LANGUAGE]: 'person_language',
};

/**
 * The person's age band on the London date the referral was created: kept on the referral by the
 * database (migration 0031), NULL without a date of birth.
 */
export const AGE_BAND_SQL = `coalesce(r.age_band, '${NOT_RECORDED}')`;

const COUNTS = `count(*) AS referred, count(r.accepted_at) AS accepted,
                count(r.started_at) AS started, count(r.completed_at) AS completed`;

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
 * One pass groups the referrals by the dimension (route, receiving category, age band at creation,
 * or the person's current ward, gender, ethnicity or language — all kept on the referral), with
 * people bits per stage (people-sketch.ts); the few groups the bits cannot settle get their
 * distinct people counted exactly by a second statement.
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
  const group = personColumn
    ? personValue(personColumn)
    : by === FunnelDimension.ROUTE
      ? 'r.route'
      : by === FunnelDimension.CATEGORY
        ? 'r.to_category'
        : AGE_BAND_SQL;
  const bits = STAGES.map(
    ([name, cond]) => `${bitsSet(`bit_or(${PERSON_BIT}) FILTER (WHERE ${cond})`)} AS ${name}_bits`,
  ).join(', ');
  const rows = await db.query<FunnelCounts & Record<`${Stage}_bits`, number>>(
    `SELECT ${group} AS grp, ${COUNTS}, ${bits} FROM referrals r WHERE ${where} GROUP BY 1`,
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
      `SELECT ${group} AS grp, ${people} FROM referrals r
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
