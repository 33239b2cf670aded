import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { issueToken } from '#libs/auth';
import { Db, freePort } from '#libs/database';
import { createTestDatabase } from '../support/test-db.js';

// The real server process (node dist/apps/api/src/main.js, built by `npm test`), killed with
// SIGKILL while a client streams makeReferral calls with idempotency keys, then restarted.
const MAIN = path.resolve('dist/apps/api/src/main.js');
const SECRET = 'crash-test-secret-0123456789abcdef';
const N = 60;

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Proc {
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      AUTH_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, proc: Proc, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy within ${ms} ms:\n${proc.output()}`);
}

const MAKE = `mutation Make($input: MakeReferralInput!) { makeReferral(input: $input) { id status version } }`;

describe('kill -9 of the API in the middle of a stream of makeReferral calls', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  const procs: Proc[] = [];

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await db?.close();
    await database?.drop();
  });

  it('after restart and client retries with the same keys, every referral exists exactly once and every acknowledged one survived', async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 2 });
    const org = (await db.one<{ id: string }>(
      `INSERT INTO organisations (name, kind, locally_rooted) VALUES ('Crash Org', 'CHARITY', true) RETURNING id`,
    ))!.id;
    const [from, to] = await Promise.all(
      ['ESOL', 'VOLUNTEERING'].map(
        async (category, i) =>
          (await db.one<{ id: string }>(
            `INSERT INTO services (organisation_id, name, category) VALUES ($1, $2, $3) RETURNING id`,
            [org, `Crash service ${i}`, category],
          ))!.id,
      ),
    );
    const staffId = (await db.one<{ id: string }>(
      `INSERT INTO staff (email, name, role, organisation_id, password_hash) VALUES ('crash@example.org', 'C', 'KEY_WORKER', $1, 'x') RETURNING id`,
      [org],
    ))!.id;
    await db.query('INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2)', [staffId, from]);
    const person = (await db.one<{ id: string }>(
      `INSERT INTO people (given_name, family_name, registered_by_organisation_id, registered_by_staff_id)
       VALUES ('Crash', 'Test', $1, $2) RETURNING id`,
      [org, staffId],
    ))!.id;
    const token = issueToken(SECRET, staffId).token;
    const input = (i: number) => ({
      personId: person,
      fromServiceId: from,
      toServiceId: to,
      route: 'STAFF',
      needs: ['ENGLISH_LANGUAGE', 'VOLUNTEERING'],
      note: `Crash test referral ${i}`,
      idempotencyKey: `crash-key-${i}`,
    });

    const port = await freePort();
    const env = { DATABASE_URL: database.url, PORT: String(port) };
    const call = (i: number) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MAKE, variables: { input: input(i) } }),
        signal: AbortSignal.timeout(15_000),
      }).then(async (r) => ((await r.json()) as any).data?.makeReferral?.id as string | undefined);

    const first = start(env);
    procs.push(first);
    await waitHealthy(port, first);

    // Four clients stream the calls; the server is killed once a third of them are acknowledged.
    const acknowledged = new Map<number, string>();
    let next = 0;
    let killed = false;
    const client = async () => {
      while (next < N) {
        const i = next++;
        const id = await call(i).catch(() => undefined);
        if (id) acknowledged.set(i, id);
        if (!killed && acknowledged.size >= N / 3) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    await first.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(N / 3);
    expect(acknowledged.size).toBeLessThan(N);

    const second = start(env);
    procs.push(second);
    await waitHealthy(port, second);
    // The client retries every call with the same key and input.
    const retried = new Map<number, string>();
    for (let i = 0; i < N; i++) {
      const id = await call(i);
      expect(id).toBeTruthy();
      retried.set(i, id!);
    }
    for (const [i, id] of acknowledged) expect({ i, id: retried.get(i) }).toEqual({ i, id });

    const rows = await db.query<{ idempotency_key: string; n: string }>(
      `SELECT idempotency_key, count(*) AS n FROM referrals WHERE created_by_staff_id = $1 GROUP BY idempotency_key`,
      [staffId],
    );
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect(new Set(retried.values()).size).toBe(N);
    // Nothing half-written: exactly one creation event per referral.
    const events = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral_id WHERE r.created_by_staff_id = $1`,
      [staffId],
    );
    expect(Number(events[0].n)).toBe(N);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    console.log(
      `kill -9: ${acknowledged.size} of ${N} acknowledged before the kill; all ${N} exist exactly once after retries`,
    );
  }, 120_000);
});
