import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on person_pathways.steps_key, so the unfiltered `pathways` query counts the people of
 * each sequence from the keys in order (an index-only scan and a grouping of neighbours) instead of
 * hashing 110,000 texts into 54,000 groups, which the planner estimated at 9,000 and which then
 * spilled to disk. On the bench data: 35–58 ms against 87–140 ms, the slowest analytics query
 * (p95 124–132 ms against the 150 ms target). The query asks for the keys in order
 * (libs/analytics/src/queries/pathways.query.ts), which this index gives.
 *
 * An update that changes a person's sequence now also writes this index entry (one that only
 * moves a date stays a heap-only update).
 */
export class PersonPathwaysKeyIndex1764201600068 implements MigrationInterface {
  name = 'PersonPathwaysKeyIndex1764201600068';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_pathways_steps_key_idx ON person_pathways (steps_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_pathways_steps_key_idx`);
  }
}
