import type { Queryable } from '#libs/database';
import { type AnalyticsFilter, isOneWardOnly, isUnfiltered } from '../filter/analytics-filter.js';
import { type AnalyticsScope, referralConditions, SqlParams } from '../filter/sql-conditions.js';

export interface PathwayCounts {
  steps: string[];
  people: number;
}

/**
 * Each person's receiving categories in order of their first matching referral to each (repeats
 * dropped; a tie on the instant is broken by category name), grouped into identical sequences.
 * Only sequences followed by more than `minPeople` people come back: the rest are suppressed and
 * left out anyway, and there can be very many of them.
 */
export async function pathwayCounts(
  db: Queryable,
  f: AnalyticsFilter,
  scope: AnalyticsScope,
  minPeople: number,
): Promise<PathwayCounts[]> {
  const p = new SqlParams();
  if (isUnfiltered(f) && scope.organisationId === null) {
    // The whole partnership, all time: the sequences kept per person (migration 0032), grouped by
    // their text key (0062), read in key order from its index (0068) so equal keys are neighbours:
    // hashing them all took twice as long.
    const rows = await db.query<{ steps_key: string; people: number }>(
      `SELECT steps_key, count(*)::int AS people
         FROM (SELECT steps_key FROM person_pathways ORDER BY steps_key) ordered
        GROUP BY steps_key HAVING count(*) > ${p.add(minPeople)}::int`,
      p.values,
    );
    return rows.map((r) => ({ steps: r.steps_key === '' ? [] : r.steps_key.split('>'), people: r.people }));
  }
  if (isOneWardOnly(f) && scope.organisationId === null) {
    // The whole partnership, all time, one ward: the sequences kept per person and ward (0035).
    return db.query<PathwayCounts>(
      `SELECT steps, count(*)::int AS people FROM person_ward_pathways WHERE ward = ${p.add(f.wards[0])}
        GROUP BY steps HAVING count(*) > ${p.add(minPeople)}::int`,
      p.values,
    );
  }
  const where = referralConditions(f, scope, p);
  const sql = `
    WITH firsts AS (
      SELECT r.person_id, r.to_category, min(r.created_at) AS first_at
        FROM referrals r
       WHERE ${where}
       GROUP BY r.person_id, r.to_category
    ), sequences AS (
      SELECT person_id, array_agg(to_category ORDER BY first_at, to_category COLLATE "C") AS steps
        FROM firsts
       GROUP BY person_id
    )
    SELECT steps, count(*)::int AS people
      FROM sequences
     GROUP BY steps
    HAVING count(*) > ${p.add(minPeople)}::int`;
  return db.query<PathwayCounts>(sql, p.values);
}
