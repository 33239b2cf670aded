import type { Db } from '#libs/database';
import type { DemoOptions } from './generate.js';
import { seedDemoRows, type SeedResult } from './seed.js';

/**
 * When the demo partnership is seeded (CONTRACT.md section 1):
 * - `first-start`: on the first start of the installation only (the embedded database, SEED_DEMO
 *   not given). A first start that did not seed (SEED_DEMO=false) is remembered, so a later plain
 *   restart does not seed either.
 * - `requested`: SEED_DEMO=true: whenever the database has no organisations yet.
 * - `off`: never (SEED_DEMO=false, or an external database without SEED_DEMO=true, or production);
 *   the first start is still recorded as not seeded.
 */
export type DemoSeedMode = 'first-start' | 'requested' | 'off';

/**
 * Decides and seeds in ONE transaction: the whole demo and the `demo` instance fact, or nothing (a
 * start interrupted while seeding leaves no trace and the next start decides again). Returns null
 * when it seeded nothing. `options` is only asked for when it seeds (it may hash a password).
 */
export async function seedDemoOnStart(
  db: Db,
  mode: DemoSeedMode,
  options: () => Promise<DemoOptions & { passwordHash: string }>,
): Promise<SeedResult | null> {
  return db.transaction(async (tx) => {
    // Two replicas starting together: the second waits here, then finds the decision and the data.
    await tx.query('SELECT pg_advisory_xact_lock(7270306)');
    const decided = await tx.one<{ value: string }>(`SELECT value FROM instance_facts WHERE fact = 'demo'`);
    const existing = await tx.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM organisations LIMIT 1) o',
    );
    const empty = existing?.n === 0;
    const seed = empty && (mode === 'requested' || (mode === 'first-start' && !decided));
    const result = seed ? await seedDemoRows(tx, await options()) : null;
    if (result || !decided) {
      const value = result ? 'seeded' : empty ? 'not seeded' : 'not seeded: the database already had data';
      await tx.query(
        `INSERT INTO instance_facts (fact, value) VALUES ('demo', $1)
         ON CONFLICT (fact) DO UPDATE SET value = EXCLUDED.value, recorded_at = clock_timestamp()`,
        [value],
      );
    }
    return result;
  });
}
