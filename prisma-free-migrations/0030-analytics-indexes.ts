import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes (and one set of planner statistics) for commissioner analytics (libs/analytics). Every analytics statement groups by
 * person first (distinct people are needed behind every count), so each index leads with the
 * grouping keys and carries every column the filters and stage counts read: the queries are
 * index-only scans in grouping order, with no sort and no heap visit.
 */
export class AnalyticsIndexes1764201600030 implements MigrationInterface {
  name = 'AnalyticsIndexes1764201600030';

  async up(q: QueryRunner): Promise<void> {
    // referralFlows, referralFunnel and pathways; ENTERED_IN_ERROR referrals never count.
    await q.query(`
      CREATE INDEX referrals_analytics_idx ON referrals (person_id, to_category, from_category)
        INCLUDE (created_at, route, to_organisation_id, creator_organisation_id, to_ward,
                 accepted_at, started_at, completed_at)
        WHERE status <> 'ENTERED_IN_ERROR'`);
    // referralFlows groups by (cell, whole days to accept): with these statistics the planner knows
    // that is a few thousand groups (not a million) and aggregates in parallel, in memory. The
    // expression must stay identical to the one in libs/analytics/src/queries/flows.query.ts.
    await q.query(`
      CREATE STATISTICS referrals_flow_days_stats (ndistinct)
        ON to_category, from_category, (floor(date_part('epoch', accepted_at - created_at) / 86400)::int)
        FROM referrals`);
    // wellbeingChange: each person's earliest and latest assessment of an instrument.
    await q.query(`
      CREATE INDEX wellbeing_assessments_analytics_idx ON wellbeing_assessments (instrument, person_id, taken_on, seq)
        INCLUDE (service_id, organisation_id, metric_score, responses)`);
    // outcomeSummary: per type, contracted or not, per person.
    await q.query(`
      CREATE INDEX outcomes_analytics_idx ON outcomes (type, contracted, person_id)
        INCLUDE (achieved_on, service_id, organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outcomes_analytics_idx`);
    await q.query(`DROP INDEX wellbeing_assessments_analytics_idx`);
    await q.query(`DROP STATISTICS referrals_flow_days_stats`);
    await q.query(`DROP INDEX referrals_analytics_idx`);
  }
}
