import pg from 'pg';
import { MIGRATIONS } from '../../../prisma-free-migrations/index.js';
import { createMigrationDataSource, MIGRATIONS_TABLE } from './data-source.js';
import { StartupError } from './startup-error.js';

// One lock id for "migrations running", so replicas starting together take turns.
const MIGRATION_LOCK = 7_270_301;

export function knownMigrationNames(): string[] {
  return MIGRATIONS.map((m) => new m().name as string);
}

async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Applies every pending migration; refuses when the database has one this code does not know. Returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  return withMigrationLock(url, async () => {
    const ds = createMigrationDataSource(url);
    await ds.initialize();
    try {
      const exists = await ds.query(`SELECT to_regclass($1) AS t`, [MIGRATIONS_TABLE]);
      if (exists[0]?.t) {
        const applied: { name: string }[] = await ds.query(
          `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`,
        );
        const known = new Set(knownMigrationNames());
        const unknown = applied.map((r) => r.name).filter((n) => !known.has(n));
        if (unknown.length > 0) {
          throw new StartupError(
            `The database has migration(s) this version of Pathways does not know (${unknown.join(', ')}); ` +
              `it was probably upgraded by a newer version. Refusing to start: run that version or restore a matching backup.`,
          );
        }
      }
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  });
}

/** Reverts the most recent migration; returns its name, or null when none is applied. */
export async function revertLastMigration(url: string): Promise<string | null> {
  return withMigrationLock(url, async () => {
    const ds = createMigrationDataSource(url);
    await ds.initialize();
    try {
      const exists = await ds.query(`SELECT to_regclass($1) AS t`, [MIGRATIONS_TABLE]);
      if (!exists[0]?.t) return null;
      const last = await ds.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id DESC LIMIT 1`);
      if (!last[0]) return null;
      await ds.undoLastMigration({ transaction: 'each' });
      return last[0].name as string;
    } finally {
      await ds.destroy();
    }
  });
}
