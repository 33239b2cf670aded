import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '#libs/database';

/** The PostgreSQL a bench run uses: a fresh embedded cluster, or a scratch database on BENCH_DATABASE_URL. */
export interface BenchDatabase {
  url: string;
  kind: 'embedded' | 'external';
  /** Embedded only: DATA_DIR for a server that starts this cluster itself (the cluster is in <dataDir>/pg). */
  dataDir: string | null;
  /** Stops the embedded cluster (it can be started again by a server pointed at dataDir). */
  stopServer(): Promise<void>;
  /** Starts the embedded cluster again after stopServer (same data, maybe a new port). */
  startServer(): Promise<void>;
  /** Removes everything the run created. */
  destroy(): Promise<void>;
}

export async function provisionDatabase(
  externalUrl: string | null,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const tag = randomBytes(4).toString('hex');
  if (externalUrl) {
    const name = `pathways_bench_${tag}`;
    const admin = new pg.Client({ connectionString: externalUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    const url = new URL(externalUrl);
    url.pathname = `/${name}`;
    log(`created scratch database ${name} on ${url.host}`);
    return {
      url: url.toString(),
      kind: 'external',
      dataDir: null,
      stopServer: async () => undefined,
      startServer: async () => undefined,
      destroy: async () => {
        const c = new pg.Client({ connectionString: externalUrl });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }

  // A path that does not exist yet: the launcher creates it and hands it to the postgres OS user.
  const dataDir = path.join(os.tmpdir(), `pathways-bench-${tag}`);
  const clusterDir = path.join(dataDir, 'pg');
  let handle: EmbeddedPostgresHandle | null = await startEmbeddedPostgres({ dataDir: clusterDir });
  const db: BenchDatabase = {
    url: handle.url,
    kind: 'embedded',
    dataDir,
    stopServer: async () => {
      await handle?.stop();
      handle = null;
    },
    startServer: async () => {
      if (handle) return;
      handle = await startEmbeddedPostgres({ dataDir: clusterDir });
      db.url = handle.url;
    },
    destroy: async () => {
      await handle?.stop().catch(() => undefined);
      handle = null;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  log(`started an embedded PostgreSQL in ${clusterDir}`);
  return db;
}
