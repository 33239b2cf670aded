import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * wellbeingChange over the whole partnership, kept in the same transaction as every assessment: per
 * instrument and person, the earliest assessment (baseline: by date taken, then the order recorded)
 * and the latest (follow-up), with the values wellbeingChange reports (SWEMWBS: the metric score;
 * ONS4: the four responses in order). Assessments are never changed or deleted, so an insert can
 * only move a person's baseline earlier or follow-up later.
 *
 * The unfiltered report reads one row per person here instead of pairing every assessment of the
 * instrument in a window (179,000 SWEMWBS rows at bench size: 100–220 ms on the bench machine,
 * against the 150 ms target). Any filter or a service manager's scope still pairs the assessments
 * it selects, which the summary cannot know in advance.
 *
 * The trigger is statement-level (one upsert per statement, rows in key order so that concurrent
 * writers cannot deadlock); analytics_rebuild_wellbeing_pairs() recomputes the table from the
 * assessments (after a bulk load with the trigger off, and in the tests that compare the two).
 */
export class WellbeingPairs1764201600065 implements MigrationInterface {
  name = 'WellbeingPairs1764201600065';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_wellbeing_pairs (
        instrument text NOT NULL,
        person_id uuid NOT NULL,
        baseline_on date NOT NULL,
        baseline_seq bigint NOT NULL,
        baseline_values numeric[] NOT NULL,
        follow_up_on date NOT NULL,
        follow_up_seq bigint NOT NULL,
        follow_up_values numeric[] NOT NULL,
        CONSTRAINT analytics_wellbeing_pairs_pkey PRIMARY KEY (instrument, person_id)
      )`);
    // The reported values of an assessment row `w`, in the order of WELLBEING_ITEMS (libs/analytics).
    await q.query(`
      CREATE FUNCTION analytics_wellbeing_values(instrument text, metric_score numeric, responses smallint[])
        RETURNS numeric[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE instrument WHEN 'SWEMWBS' THEN ARRAY[metric_score]
                 ELSE ARRAY[responses[1], responses[2], responses[3], responses[4]]::numeric[] END
        $$`);
    // Per (instrument, person) of `source`: the first and the last assessment, in key order.
    const ends = (source: string) => `
      SELECT b.instrument, b.person_id, b.taken_on, b.seq, b.vals, f.taken_on, f.seq, f.vals
        FROM (SELECT DISTINCT ON (instrument, person_id) instrument, person_id, taken_on, seq,
                     analytics_wellbeing_values(instrument, metric_score, responses) AS vals
                FROM ${source} ORDER BY instrument, person_id, taken_on, seq) b
        JOIN (SELECT DISTINCT ON (instrument, person_id) instrument, person_id, taken_on, seq,
                     analytics_wellbeing_values(instrument, metric_score, responses) AS vals
                FROM ${source} ORDER BY instrument, person_id, taken_on DESC, seq DESC) f
          ON f.instrument = b.instrument AND f.person_id = b.person_id
       ORDER BY b.instrument, b.person_id`;
    await q.query(`
      CREATE FUNCTION analytics_wellbeing_pairs_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_wellbeing_pairs AS p (instrument, person_id, baseline_on, baseline_seq,
            baseline_values, follow_up_on, follow_up_seq, follow_up_values)
        ${ends('new_assessments')}
        ON CONFLICT (instrument, person_id) DO UPDATE SET
          baseline_on = CASE WHEN (EXCLUDED.baseline_on, EXCLUDED.baseline_seq) < (p.baseline_on, p.baseline_seq)
                             THEN EXCLUDED.baseline_on ELSE p.baseline_on END,
          baseline_seq = CASE WHEN (EXCLUDED.baseline_on, EXCLUDED.baseline_seq) < (p.baseline_on, p.baseline_seq)
                              THEN EXCLUDED.baseline_seq ELSE p.baseline_seq END,
          baseline_values = CASE WHEN (EXCLUDED.baseline_on, EXCLUDED.baseline_seq) < (p.baseline_on, p.baseline_seq)
                                 THEN EXCLUDED.baseline_values ELSE p.baseline_values END,
          follow_up_on = CASE WHEN (EXCLUDED.follow_up_on, EXCLUDED.follow_up_seq) > (p.follow_up_on, p.follow_up_seq)
                              THEN EXCLUDED.follow_up_on ELSE p.follow_up_on END,
          follow_up_seq = CASE WHEN (EXCLUDED.follow_up_on, EXCLUDED.follow_up_seq) > (p.follow_up_on, p.follow_up_seq)
                               THEN EXCLUDED.follow_up_seq ELSE p.follow_up_seq END,
          follow_up_values = CASE WHEN (EXCLUDED.follow_up_on, EXCLUDED.follow_up_seq) > (p.follow_up_on, p.follow_up_seq)
                                  THEN EXCLUDED.follow_up_values ELSE p.follow_up_values END;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER analytics_wellbeing_pairs_insert AFTER INSERT ON wellbeing_assessments
        REFERENCING NEW TABLE AS new_assessments FOR EACH STATEMENT
        EXECUTE FUNCTION analytics_wellbeing_pairs_insert()`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_wellbeing_pairs() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE wellbeing_assessments IN SHARE MODE;
        DELETE FROM analytics_wellbeing_pairs;
        INSERT INTO analytics_wellbeing_pairs (instrument, person_id, baseline_on, baseline_seq,
            baseline_values, follow_up_on, follow_up_seq, follow_up_values)
        ${ends('wellbeing_assessments')};
      END $$`);
    await q.query(`SELECT analytics_rebuild_wellbeing_pairs()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER analytics_wellbeing_pairs_insert ON wellbeing_assessments`);
    await q.query(`DROP FUNCTION analytics_wellbeing_pairs_insert()`);
    await q.query(`DROP FUNCTION analytics_rebuild_wellbeing_pairs()`);
    await q.query(`DROP FUNCTION analytics_wellbeing_values(text, numeric, smallint[])`);
    await q.query(`DROP TABLE analytics_wellbeing_pairs`);
  }
}
