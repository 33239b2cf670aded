import type { Db } from '#libs/database';
import type { DemoOptions } from './generate.js';
import { seedDemoRows, type SeedResult } from './seed.js';

/**
 * Seeds the whole demo in ONE transaction, only when the database has no organisations yet
 * (first start). Returns null when it did nothing.
 */
export async function seedDemoIfEmpty(
  db: Db,
  options: DemoOptions & { passwordHash: string },
): Promise<SeedResult | null> {
  return db.transaction(async (tx) => {
    // Two replicas starting together: the second waits here, then finds the data.
    await tx.query('SELECT pg_advisory_xact_lock(7270306)');
    const existing = await tx.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM organisations LIMIT 1) o',
    );
    if (existing && existing.n > 0) return null;
    return seedDemoRows(tx, options);
  });
}
