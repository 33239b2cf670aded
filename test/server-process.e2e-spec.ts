import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '#libs/database';
import { createTestDatabase } from './support/test-db.js';

// The real server process, started as `npm start` starts it (node dist/apps/api/src/main.js after
// the build that `npm test` runs first), on the embedded PostgreSQL.
const MAIN = path.resolve('dist/apps/api/src/main.js');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `detached`: the server leads a process group of its own, as `npm start` in a terminal does. */
function start(env: Record<string, string>, detached = false): Proc {
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    detached,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, proc: Proc, ms = 30_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy within ${ms} ms:\n${proc.output()}`);
}

/** Waits until `p` serves, runs `check`, stops it with SIGTERM (exit 0); kills it and removes `dir` whatever happens. */
async function serveThenStop(p: Proc, port: number, dir: string, check: () => void = () => undefined) {
  try {
    await waitHealthy(port, p, 60_000);
    check();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  } finally {
    p.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the server process', () => {
  const dataDir = path.join(os.tmpdir(), `pathways-proc-${process.pid}-${Date.now().toString(36)}`);

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh DATA_DIR, serves /health, and exits 0 on SIGTERM; restarts on the same data, also after kill -9', async () => {
    const port = await freePort();
    const first = start({ DATA_DIR: dataDir, PORT: String(port) });
    const firstMs = await waitHealthy(port, first);
    expect(first.output()).toContain('Pathways is ready');
    // Not seeded (SEED_DEMO=false) and no BOOTSTRAP_ADMIN_*: nobody can sign in, and it says how to fix that.
    expect(first.output()).toContain('no staff member can sign in yet: set BOOTSTRAP_ADMIN_EMAIL');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start({ DATA_DIR: dataDir, PORT: String(port) });
    const restartMs = await waitHealthy(port, second);
    expect(second.output()).not.toContain('creating a new PostgreSQL cluster');
    second.child.kill('SIGKILL');
    await second.exited;

    // After kill -9 the embedded PostgreSQL may still be running or have left its pid file.
    const third = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitHealthy(port, third);
    const gql = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(((await gql.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
    console.log(`start-to-healthy: first start ${firstMs} ms, restart ${restartMs} ms`);
  }, 120_000);

  it('starts on a fresh DATA_DIR under a strict umask (077): run as root, PostgreSQL (the postgres user) still reaches its cluster and initdb its password file', async () => {
    const root = path.join(os.tmpdir(), `pathways-umask-${process.pid}-${Date.now().toString(36)}`);
    const port = await freePort();
    const previous = process.umask(0o077); // inherited by the child
    let p: Proc;
    try {
      p = start({ DATA_DIR: path.join(root, 'data'), PORT: String(port) });
    } finally {
      process.umask(previous);
    }
    await serveThenStop(p, port, root);
  }, 120_000);

  it('starts on a DATA_DIR made beforehand with no way through for others (mktemp -d: 0700), letting the postgres user through it when run as root; its secrets stay 0600', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pathways-mktemp-'));
    const port = await freePort();
    await serveThenStop(start({ DATA_DIR: dir, PORT: String(port) }), port, dir, () => {
      const root = process.getuid?.() === 0;
      expect((statSync(dir).mode & 0o777).toString(8)).toBe(root ? '711' : '700');
      expect((statSync(path.join(dir, 'auth-secret')).mode & 0o777).toString(8)).toBe('600');
    });
  }, 120_000);

  it("refuses, with one clear line, a DATA_DIR inside a directory root made that others cannot enter (it is not the server's to open)", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'pathways-closed-'));
    try {
      if (process.getuid?.() !== 0) return; // PostgreSQL then runs as this user, who can enter it
      const p = start({ DATA_DIR: path.join(parent, 'data'), PORT: String(await freePort()) });
      expect(await p.exited).toBe(1);
      expect(p.output().trim().split('\n').at(-1)).toMatch(
        new RegExp(`is inside ${parent}, which other users cannot enter \\(mode 700\\)`),
      );
      expect((statSync(parent).mode & 0o777).toString(8)).toBe('700');
      // A closed DATA_DIR in it is not opened either: the start would fail all the same.
      const closed = path.join(parent, 'closed');
      await mkdir(closed, { mode: 0o700 });
      const q = start({ DATA_DIR: closed, PORT: String(await freePort()) });
      expect(await q.exited).toBe(1);
      expect(q.output().trim().split('\n').at(-1)).toContain('which other users cannot enter (mode 700)');
      expect((statSync(closed).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  /** Whether a PostgreSQL process serves `dir` (from /proc). */
  function postgresRunsIn(dir: string): boolean {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.includes('postgres') && cmd.includes(dir)) return true;
      } catch {
        // gone meanwhile
      }
    }
    return false;
  }

  it('on Ctrl-C (SIGINT to the whole process group) finishes a request that needs the database, then stops PostgreSQL and exits 0', async () => {
    const port = await freePort();
    const proc = start({ DATA_DIR: dataDir, PORT: String(port) }, true);
    await waitHealthy(port, proc);
    // A login (it reads the database) whose body arrives only after the signal.
    const body = JSON.stringify({
      query: 'mutation { login(email: "nobody@example.org", password: "not-the-password") { token } }',
    });
    let connection: string | undefined;
    const answer = new Promise<any>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            connection: 'keep-alive',
          },
        },
        (res) => {
          connection = res.headers.connection;
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve(JSON.parse(data)));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1500);
    });
    await new Promise((r) => setTimeout(r, 300));
    process.kill(-proc.child.pid!, 'SIGINT');
    expect((await answer).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Its keep-alive connection is closed after it: no further request can arrive on it.
    expect(connection).toBe('close');
    expect(await proc.exited).toBe(0);
    expect(postgresRunsIn(dataDir)).toBe(false);
  }, 60_000);

  it('on a signal while starting, stops what has started (PostgreSQL) and exits 0', async () => {
    const fresh = `${dataDir}-starting`;
    try {
      const proc = start({ DATA_DIR: fresh, PORT: String(await freePort()) });
      // Sent as soon as the embedded PostgreSQL begins to start (a new cluster takes seconds).
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (proc.output().includes('starting the embedded PostgreSQL') || proc.child.exitCode !== null) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.output()).toContain('stopping: the server was still starting');
      expect(proc.output()).not.toContain('Pathways is ready');
      expect(postgresRunsIn(fresh)).toBe(false);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 60_000);

  it('on SIGTERM while its modules are still loading (the first instant), exits 0 having started nothing', async () => {
    const fresh = `${dataDir}-instant`;
    try {
      const proc = start({ DATA_DIR: fresh, PORT: String(await freePort()) });
      // As soon as node runs our entry (it catches signals before loading the server's modules).
      await new Promise((r) => setTimeout(r, 400));
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.output()).not.toContain('Pathways is ready');
      expect(existsSync(path.join(fresh, 'pg'))).toBe(false);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a DATA_DIR that another running server uses, saying so, and leaves that server serving', async () => {
    const shared = `${dataDir}-shared`;
    const port = await freePort();
    const running = start({ DATA_DIR: shared, PORT: String(port) });
    try {
      await waitHealthy(port, running);
      const second = start({ DATA_DIR: shared, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output().trim().split('\n').at(-1)).toBe(
        `pathways: DATA_DIR ${shared} is in use by another running Pathways (process ${running.child.pid}); ` +
          'stop it first, or give this one a DATA_DIR of its own.',
      );
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      // A failed expectation still stops it cleanly (a kill -9 would leave its PostgreSQL running).
      if (running.child.exitCode === null) {
        running.child.kill('SIGTERM');
        await running.exited;
      }
      await rm(shared, { recursive: true, force: true });
    }
  }, 60_000);

  it('when its PostgreSQL has died, answers /health 503 and still stops at once on SIGTERM, exit 0', async () => {
    const port = await freePort();
    const proc = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitHealthy(port, proc);
    const postmaster = Number(
      readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    process.kill(postmaster, 'SIGKILL');
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await fetch(`http://127.0.0.1:${port}/health`)).status;
    }
    expect(status).toBe(503);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    // It went through the whole shutdown (before, it waited for a PostgreSQL that had already gone
    // until the pool's idle timer let node run out of work, and never logged this).
    expect(proc.output()).toContain('"msg":"stopped"');
  }, 60_000);

  it('at the shutdown deadline, ends the database work of a request still waiting, so it never commits after the process has gone', async () => {
    const db = await createTestDatabase();
    const locker = new pg.Client({ connectionString: db.url });
    try {
      const port = await freePort();
      const proc = start({
        DATABASE_URL: db.url,
        SEED_DEMO: 'true',
        AUTH_SECRET: 'x'.repeat(32),
        PORT: String(port),
        RATE_LIMIT_PER_MINUTE: '0',
      });
      await waitHealthy(port, proc, 60_000);
      const gql = async (query: string, variables: object = {}, token?: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as any;
      };
      const login = await gql(
        'mutation { login(email: "family.support@trust.calderbrook.example", password: "calderbrook-demo") { token staff { organisation { id } } } }',
      );
      const { token } = login.data.login;
      const own = login.data.login.staff.organisation.id;
      const services = (await gql('{ services { id organisation { id } } }', {}, token)).data.services
        .filter((x: any) => x.organisation.id === own)
        .map((x: any) => x.id);
      const person = (await gql('{ searchPeople(text: "Farah") { id } }', {}, token)).data.searchPeople[0].id;
      const count = async () => Number((await locker.query('SELECT count(*) AS n FROM referrals')).rows[0].n);

      await locker.connect();
      const before = await count();
      // Every new referral now waits on this lock (a referral is written in one statement).
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE referrals IN SHARE MODE');
      const answer = gql(
        `mutation($i: MakeReferralInput!) { makeReferral(input: $i) { id } }`,
        {
          i: {
            personId: person,
            fromServiceId: services[0],
            toServiceId: services[1],
            route: 'STAFF',
            needs: ['EMPLOYMENT'],
          },
        },
        token,
      ).catch((e: Error) => ({ dropped: e.message }));
      await new Promise((r) => setTimeout(r, 500));
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      const answered = await answer;
      // Told it failed (or cut off), never told it succeeded.
      expect(answered.data?.makeReferral ?? null).toBeNull();
      await locker.query('COMMIT');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await count()).toBe(before);
      expect(proc.output()).toContain('ended database work still running at the deadline');
    } finally {
      await locker.end().catch(() => undefined);
      await db.drop();
    }
  }, 90_000);

  it('refuses to start in production without AUTH_SECRET, with one clear line and exit code 1', async () => {
    const p = start({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toBe('pathways: AUTH_SECRET must be set when NODE_ENV=production.');
  });

  it('refuses an unreachable DATABASE_URL with one clear line and exit code 1', async () => {
    const p = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing',
      AUTH_SECRET: 'x'.repeat(32),
      PORT: String(await freePort()),
    });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toMatch(/^pathways: DATABASE_URL does not answer/);
    expect(p.output().trim().split('\n')).toHaveLength(1);
  });

  it('refuses a PORT that is in use with one clear line and exit code 1', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const p = start({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
      expect(await p.exited).toBe(1);
      expect(p.output().trim()).toBe(`pathways: PORT ${port} is already in use.`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('refuses a DATA_DIR that is not writable with one clear line and exit code 1', async () => {
    const file = path.join(os.tmpdir(), `pathways-not-a-dir-${process.pid}`);
    await writeFile(file, 'a file, not a directory');
    const p = start({ DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()) });
    expect(await p.exited).toBe(1);
    expect(p.output().trim()).toMatch(/^pathways: DATA_DIR .* not writable/);
  });

  describe('the embedded cluster', () => {
    const root = path.join(os.tmpdir(), `pathways-cluster-${process.pid}-${Date.now().toString(36)}`);
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it("refuses a DATA_DIR that reaches a running server's through a symbolic link, leaving that server serving", async () => {
      const real = path.join(root, 'real');
      const link = path.join(root, 'link');
      const port = await freePort();
      const running = start({ DATA_DIR: real, PORT: String(port) });
      try {
        await waitHealthy(port, running);
        await symlink(real, link);
        const second = start({ DATA_DIR: link, PORT: String(await freePort()) });
        expect(await second.exited).toBe(1);
        expect(second.output().trim().split('\n').at(-1)).toBe(
          `pathways: DATA_DIR ${real} is in use by another running Pathways (process ${running.child.pid}); ` +
            'stop it first, or give this one a DATA_DIR of its own.',
        );
        // Its lock file is where it was (without it PostgreSQL shuts itself down within a minute).
        expect(existsSync(path.join(real, 'pg', 'postmaster.pid'))).toBe(true);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      } finally {
        // Stopped cleanly, or (its PostgreSQL gone, should the refusal fail) killed after 15 s.
        if (running.child.exitCode === null) {
          running.child.kill('SIGTERM');
          const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
          expect(await running.exited).toBe(0);
          clearTimeout(timer);
        }
      }
    }, 90_000);

    it("is made where no other user can read its superuser's password, and says it was made, then reused", async () => {
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'pathways-tmpdir-'));
      await chmod(tmp, 0o1777); // shared, as /tmp is
      const created: string[] = [];
      const watcher = watch(tmp, (_event, name) => name && created.push(String(name)));
      const dataDir = path.join(root, 'fresh');
      const port = await freePort();
      try {
        const first = start({ DATA_DIR: dataDir, PORT: String(port), TMPDIR: tmp });
        await waitHealthy(port, first, 60_000);
        expect(first.output()).toContain('created a new PostgreSQL cluster');
        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);
        // initdb's password file went into a directory of its own (mode 0700), not the shared one,
        // and that went with it.
        expect(created.filter((n) => n.startsWith('pg-password-'))).toEqual([]);
        expect(readdirSync(dataDir).sort()).toEqual(['auth-secret', 'pg', 'pg.password']);
        const again = start({ DATA_DIR: dataDir, PORT: String(port) });
        await waitHealthy(port, again);
        expect(again.output()).toContain('reusing the existing PostgreSQL cluster');
        again.child.kill('SIGTERM');
        expect(await again.exited).toBe(0);
      } finally {
        watcher.close();
        await rm(tmp, { recursive: true, force: true });
      }
    }, 120_000);

    it('after a first start cut short, the next start makes the cluster afresh', async () => {
      const dataDir = path.join(root, 'interrupted');
      // What a first start killed during initdb leaves now: the cluster being made, beside its place.
      await mkdir(path.join(dataDir, 'pg.partial', 'global'), { recursive: true });
      await writeFile(path.join(dataDir, 'pg.partial', 'PG_VERSION'), '18\n');
      const port = await freePort();
      const p = start({ DATA_DIR: dataDir, PORT: String(port) });
      await waitHealthy(port, p, 60_000);
      expect(p.output()).toContain('created a new PostgreSQL cluster');
      expect(existsSync(path.join(dataDir, 'pg.partial'))).toBe(false);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }, 90_000);

    it('says how to recover a cluster an interrupted first start left half-made, and leaves nothing running', async () => {
      const dataDir = path.join(root, 'half-made');
      const port = await freePort();
      const first = start({ DATA_DIR: dataDir, PORT: String(port) });
      await waitHealthy(port, first, 60_000);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // What an older version's interrupted initdb left: a cluster, and no password file for it.
      await rm(path.join(dataDir, 'pg.password'));
      const second = start({ DATA_DIR: dataDir, PORT: String(port) });
      expect(await second.exited).toBe(1);
      const cluster = path.join(dataDir, 'pg');
      expect(second.output().trim().split('\n').at(-1)).toBe(
        `pathways: The embedded PostgreSQL in ${cluster} was left half-made by an interrupted first start; ` +
          `remove ${cluster} (it holds no data) and start again.`,
      );
      expect(postgresRunsIn(cluster)).toBe(false);
    }, 90_000);
  });
});
