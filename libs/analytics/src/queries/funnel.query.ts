import type { Queryable } from '#libs/database';
import type { AnalyticsFilter } from '../filter/analytics-filter.js';
import {
  type AnalyticsScope,
  referralConditions,
  SqlParams,
  summaryConditions,
} from '../filter/sql-conditions.js';
import { FunnelDimension } from '../models/enums.js';
import { bitsSet, needsExactPeople, peopleFor } from './people-sketch.js';
import { summaryKeysSql } from './referral-summary.js';

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

const STAGES = [
  ['referred', 'true'],
  ['accepted', 'r.accepted_at IS NOT NULL'],
  ['started', 'r.started_at IS NOT NULL'],
  ['completed', 'r.completed_at IS NOT NULL'],
] as const;

type Stage = (typeof STAGES)[number][0];

/** The summary dimension (migration 0060) each funnel reads; CATEGORY regroups the ROUTE rows. */
const SUMMARY_DIMENSION: Record<FunnelDimension, string> = {
  [FunnelDimension.ROUTE]: 'ROUTE',
  [FunnelDimension.CATEGORY]: 'ROUTE',
  [FunnelDimension.AGE_BAND]: 'AGE_BAND',
  [FunnelDimension.WARD]: 'WARD',
  [FunnelDimension.GENDER]: 'GENDER',
  [FunnelDimension.ETHNICITY]: 'ETHNICITY',
  [FunnelDimension.LANGUAGE]: 'LANGUAGE',
};

/**
 * Funnel stages by group.
 *
 * The referral summary (migration 0060) holds, per group value and filter value, the referrals
 * that reached each stage with people bits per stage (people-sketch.ts): the route, age band at
 * creation, or the person's current ward, gender, ethnicity or language, grouped as the contract
 * says; the receiving category is the service's. The few groups the bits cannot settle get their
 * distinct people counted exactly from the referrals by a second statement.
 */
export async function funnelRows(
  db: Queryable,
  by: FunnelDimension,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  threshold: number,
): Promise<FunnelCounts[]> {
  const p = new SqlParams();
  const dimension = p.add(SUMMARY_DIMENSION[by]);
  const where = summaryConditions(f, scope, p);
  const bits = STAGES.map(([name]) => `${bitsSet(`bit_or(${name}_bits)`)} AS ${name}_bits`).join(', ');
  const counts = STAGES.map(([name]) => `sum(${name})::int AS ${name}`).join(', ');
  const rows = await db.query<FunnelCounts & Record<`${Stage}_bits`, number>>(
    `SELECT ${by === FunnelDimension.CATEGORY ? 'to_category' : 'grp'} AS grp, ${counts}, ${bits}
       FROM (${summaryKeysSql(dimension, where)}) k
      GROUP BY 1
     HAVING sum(referred) > 0`,
    p.values,
  );
  const personColumn = PERSON_COLUMN[by];
  const group = personColumn
    ? personValue(personColumn)
    : by === FunnelDimension.ROUTE
      ? 'r.route'
      : by === FunnelDimension.CATEGORY
        ? 'r.to_category'
        : AGE_BAND_SQL;
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
