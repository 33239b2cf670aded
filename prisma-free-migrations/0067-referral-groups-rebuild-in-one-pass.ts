import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * analytics_rebuild_referral_groups (0060) in one pass over the referrals.
 *
 * The rebuild joined every referral to the seven dimensions (FLOW, ROUTE, AGE_BAND, WARD, GENDER,
 * ETHNICITY, LANGUAGE) and grouped the seven rows each one made, computing the London month and the
 * person bit again for every one of them: 27–30 s for the bench's 1M referrals, the longest step
 * after its bulk load. Grouping sets give the same rows from one read of each referral, its values
 * computed once: 5.4 s for the same SELECT on the same data.
 *
 * Rows, keys and values are as before (the month, service, creating organisation and group of each
 * dimension, the referrals that reached each stage and their person bits, ENTERED_IN_ERROR never
 * counting); test/analytics/analytics-summary.e2e-spec.ts holds the summary the triggers keep
 * equal to this rebuild. The grouping column of a set is picked by GROUPING(), not by COALESCE, so
 * a NULL value of one dimension can never take the value of another.
 */
const MONTH = `date_trunc('month', r.created_at AT TIME ZONE 'Europe/London')::date`;
const PERSON_BIT = `(1::bigint << (uuid_hash(r.person_id) & 63))`;
const DAYS = `floor(date_part('epoch', r.accepted_at - r.created_at) / 86400)::int`;
const PERSON_VALUE = (column: string) => `coalesce(nullif(btrim(r.${column}), ''), 'not recorded')`;

/** The dimensions in the order of 0060's contributions(), each with the value it groups by. */
const DIMENSIONS: [string, string, string][] = [
  ['FLOW', 'flow', `coalesce(r.from_category, '')`],
  ['ROUTE', 'route', 'r.route'],
  ['AGE_BAND', 'age_band', `coalesce(r.age_band, 'not recorded')`],
  ['WARD', 'ward', PERSON_VALUE('person_ward')],
  ['GENDER', 'gender', PERSON_VALUE('person_gender')],
  ['ETHNICITY', 'ethnicity', PERSON_VALUE('person_ethnicity')],
  ['LANGUAGE', 'language', PERSON_VALUE('person_language')],
];

const whichSet = (pick: (d: [string, string, string]) => string) =>
  `CASE ${DIMENSIONS.map((d) => `WHEN grouping(x.${d[1]}) = 0 THEN ${pick(d)}`).join(' ')} END`;

export class ReferralGroupsRebuildInOnePass1764201600067 implements MigrationInterface {
  name = 'ReferralGroupsRebuildInOnePass1764201600067';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_rebuild_referral_groups() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE analytics_referral_groups, analytics_flow_accept_days IN EXCLUSIVE MODE;
        DELETE FROM analytics_referral_groups;
        DELETE FROM analytics_flow_accept_days;
        INSERT INTO analytics_referral_groups (dimension, month, to_service_id, creator_organisation_id, grp, stripe,
               referred, accepted, started, completed, referred_bits, accepted_bits, started_bits, completed_bits)
        SELECT ${whichSet((d) => `'${d[0]}'`)}, x.month, x.to_service_id, x.creator_organisation_id,
               ${whichSet((d) => `x.${d[1]}`)}, 0,
               count(*)::int, sum(x.a::int)::int, sum(x.s::int)::int, sum(x.c::int)::int,
               coalesce(bit_or(x.bit), 0), coalesce(bit_or(x.bit) FILTER (WHERE x.a), 0),
               coalesce(bit_or(x.bit) FILTER (WHERE x.s), 0), coalesce(bit_or(x.bit) FILTER (WHERE x.c), 0)
          FROM (SELECT ${MONTH} AS month, r.to_service_id, r.creator_organisation_id,
                       r.accepted_at IS NOT NULL AS a, r.started_at IS NOT NULL AS s, r.completed_at IS NOT NULL AS c,
                       ${PERSON_BIT} AS bit, ${DIMENSIONS.map((d) => `${d[2]} AS ${d[1]}`).join(', ')}
                  FROM referrals r
                 WHERE r.status <> 'ENTERED_IN_ERROR') x
         GROUP BY x.month, x.to_service_id, x.creator_organisation_id,
                  GROUPING SETS (${DIMENSIONS.map((d) => `(x.${d[1]})`).join(', ')});
        INSERT INTO analytics_flow_accept_days (month, to_service_id, creator_organisation_id, from_category, days,
               stripe, accepted)
        SELECT ${MONTH}, r.to_service_id, r.creator_organisation_id, coalesce(r.from_category, ''), ${DAYS}, 0,
               count(*)::int
          FROM referrals r
         WHERE r.status <> 'ENTERED_IN_ERROR' AND r.accepted_at IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5;
      END $$`);
  }

  async down(): Promise<void> {
    // 0060's version joined every referral to the seven dimensions; it gave the same rows, so the
    // faster one stays until 0060 itself is reverted (which drops the function).
  }
}
