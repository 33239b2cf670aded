import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { issueToken } from '#libs/auth';
import { Db, type EmbeddedPostgresHandle, runMigrations, startEmbeddedPostgres } from '#libs/database';
import { createApp } from '../../apps/api/src/app.factory.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { DATABASE_UNAVAILABLE } from '../../apps/api/src/graphql/format-error.js';
import { createLogger } from '../../apps/api/src/logging.js';
import { assertNoLeak } from '../support/leak-scan.js';
import { createTestDatabase } from '../support/test-db.js';

// A request that hangs longer than this fails the test: "fails within a few seconds, no hang".
const NO_HANG_MS = 8_000;

async function seedStaff(db: Db): Promise<{ id: string; token: string }> {
  const org = await db.one<{ id: string }>(
    `INSERT INTO organisations (name, kind, locally_rooted) VALUES ('Fault Org', 'CHARITY', true) RETURNING id`,
  );
  const staff = await db.one<{ id: string }>(
    `INSERT INTO staff (email, name, role, organisation_id, password_hash) VALUES ('fault@example.org', 'F', 'ADMIN', $1, 'x') RETURNING id`,
    [org!.id],
  );
  return { id: staff!.id, token: issueToken(SECRET, staff!.id).token };
}

const SECRET = 'fault-tests-secret-0123456789';

async function appOn(url: string, env: Record<string, string>, db: Db): Promise<NestExpressApplication> {
  const config = await loadConfig({
    NODE_ENV: 'test',
    AUTH_SECRET: SECRET,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANON_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config, db, createLogger(process.env.FAULT_LOG ?? 'silent'));
  await app.init();
  return app;
}

function me(app: NestExpressApplication, token: string) {
  return request(app.getHttpServer())
    .post('/graphql')
    .timeout(NO_HANG_MS)
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .send({ query: '{ me { id } }' })
    .then((res) => {
      assertNoLeak(res.body);
      return res;
    });
}

const health = (app: NestExpressApplication) =>
  request(app.getHttpServer()).get('/health').timeout(NO_HANG_MS);

async function eventually<T>(what: string, attempt: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const got = await attempt().catch(() => null);
    if (got !== null) return got;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function expectUnavailable(res: request.Response) {
  expect(res.body.errors).toHaveLength(1);
  const e = res.body.errors[0];
  expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  expect(Object.keys(e.extensions).sort()).toEqual(['code', 'requestId']);
  expect(e.message).toBe(DATABASE_UNAVAILABLE);
}

describe('the database goes away while serving', () => {
  const dataDir = path.join(os.tmpdir(), `pathways-fault-${process.pid}-${randomBytes(4).toString('hex')}`);
  let pg: EmbeddedPostgresHandle;
  let db: Db;
  let app: NestExpressApplication;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.password`, { force: true });
  });

  it('fails requests quickly with a clear error, turns /health 503, and recovers without a restart', async () => {
    pg = await startEmbeddedPostgres({ dataDir, fast: true });
    await runMigrations(pg.url);
    db = new Db({ url: pg.url, max: 5, acquireTimeoutMs: 1000, statementTimeoutMs: 3000 });
    app = await appOn(pg.url, { DB_POOL_SIZE: '5', DB_ACQUIRE_TIMEOUT_MS: '1000' }, db);
    const staff = await seedStaff(db);
    expect((await me(app, staff.token)).body.data.me.id).toBe(staff.id);
    expect((await health(app)).status).toBe(200);

    await pg.stop();

    const failStarted = Date.now();
    for (let i = 0; i < 3; i++) expectUnavailable(await me(app, staff.token));
    const failMs = (Date.now() - failStarted) / 3;
    const down = await health(app);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable' });

    // The same cluster comes back on the same port; the running server picks it up by itself.
    pg = await startEmbeddedPostgres({ dataDir, fast: true, port: pg.port });
    const backAt = Date.now();
    await eventually('recovery', async () =>
      (await me(app, staff.token)).body.data?.me?.id === staff.id ? true : null,
    );
    const recoveredMs = Date.now() - backAt;
    expect((await health(app)).status).toBe(200);
    console.log(
      `database away: requests failed in ${Math.round(failMs)} ms each; served again ${recoveredMs} ms after the database was back`,
    );
    // Every connection in the pool works again, not just one.
    const all = await Promise.all(Array.from({ length: 10 }, () => me(app, staff.token)));
    for (const res of all) expect(res.body.data.me.id).toBe(staff.id);
  }, 120_000);
});

describe('the pool is exhausted by slow queries', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let app: NestExpressApplication;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await database?.drop();
  });

  it('other requests time out cleanly, nothing wedges, and the server serves again afterwards', async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 2, acquireTimeoutMs: 1000, statementTimeoutMs: 3000 });
    app = await appOn(
      database.url,
      { DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '3000' },
      db,
    );
    const staff = await seedStaff(db);
    expect((await me(app, staff.token)).body.data.me.id).toBe(staff.id);

    // Two slow statements hold both connections; the statement timeout ends them.
    const holders = [1, 2].map(() =>
      db.query('SELECT pg_sleep(60)').then(
        () => 'finished',
        (e: { code?: string }) => e.code,
      ),
    );
    await eventually('both connections busy', async () =>
      db.pool.waitingCount >= 0 && db.pool.idleCount === 0 && db.pool.totalCount === 2 ? true : null,
    );

    const waited = Date.now();
    expectUnavailable(await me(app, staff.token));
    console.log(
      `pool exhausted: a request failed cleanly after ${Date.now() - waited} ms (acquire timeout 1000 ms)`,
    );
    expect((await health(app)).status).toBe(503);

    expect(await Promise.all(holders)).toEqual(['57014', '57014']); // canceled by statement_timeout
    await eventually('serving again', async () =>
      (await me(app, staff.token)).body.data?.me?.id ? true : null,
    );
    const burst = await Promise.all(Array.from({ length: 20 }, () => me(app, staff.token)));
    for (const res of burst) expect(res.body.data.me.id).toBe(staff.id);
    expect((await health(app)).status).toBe(200);
    expect(db.pool.totalCount).toBeLessThanOrEqual(2);
  }, 60_000);
});
