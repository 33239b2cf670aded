import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '#libs/database';

function adminUrl(): string {
  const url = process.env.PW_TEST_ADMIN_URL;
  if (!url)
    throw new Error('PW_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup).');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const TEMPLATE_LOCK = 7_270_302;

/** Creates (once per run, across workers) a database with every migration applied, to clone from. */
async function ensureTemplate(): Promise<string> {
  const name = `${process.env.PW_TEST_RUN}_tpl`;
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        await c.query(`CREATE DATABASE "${name}_build"`);
        await runMigrations(withDatabase(adminUrl(), `${name}_build`));
        await c.query(`ALTER DATABASE "${name}_build" RENAME TO "${name}"`);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

/** A fresh, fully migrated database for one test file; returns its URL. */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const template = await ensureTemplate();
  const name = `${process.env.PW_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: withDatabase(adminUrl(), name),
    name,
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** An empty database (no migrations), for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${process.env.PW_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => void (await c.query(`CREATE DATABASE "${name}"`)));
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
