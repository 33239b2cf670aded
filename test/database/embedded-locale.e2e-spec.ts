import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '#libs/database';

/** The locale variables initdb reads from the environment. */
const LOCALE_VARS = ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_COLLATE', 'LC_MESSAGES'];

describe('a new embedded cluster on a machine without a locale', () => {
  // A path that does not exist yet: the launcher creates it and hands it to the postgres OS user.
  const dir = path.join(os.tmpdir(), `pathways-locale-${process.pid}-${randomBytes(4).toString('hex')}`);
  let handle: EmbeddedPostgresHandle | undefined;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const v of LOCALE_VARS) {
      saved[v] = process.env[v];
      delete process.env[v];
    }
    try {
      handle = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), fast: true });
    } finally {
      for (const v of LOCALE_VARS) if (saved[v] !== undefined) process.env[v] = saved[v];
    }
  }, 120_000);
  afterAll(async () => {
    await handle?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores text as UTF-8, counts characters and folds case beyond ASCII', async () => {
    const client = new pg.Client({ connectionString: handle!.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT current_setting('server_encoding') AS encoding,
                char_length($1::text) AS chars,
                lower('ÉMILE ZOË İ ΟΔΟΣ') AS lowered,
                'Zoë' ILIKE '%ZOË%' AS ilike,
                ARRAY(SELECT x FROM unnest(ARRAY['b', 'a', 'É', 'Z']) x ORDER BY x) AS sorted`,
        ['é'.repeat(100)],
      );
      // Without the explicit flags, initdb makes SQL_ASCII with the C locale: 200 "characters" and
      // 'Émile zoË İ ΟΔΟΣ'.
      expect(rows[0]).toEqual({
        encoding: 'UTF8',
        chars: 100,
        lowered: 'émile zoë i οδοσ',
        ilike: true,
        sorted: ['Z', 'a', 'b', 'É'],
      });
    } finally {
      await client.end();
    }
  });
});
