import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Role } from '#libs/common';
import { RedisRateLimitStore } from '../../apps/api/src/rate-limit/redis.store.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Starts counting well inside a one-minute window, so no window ends in the middle of a test. */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 100));
}

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port: 6379 });
    s.setTimeout(500);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
  });
}

const ME = '{ me { id } }';

describe('general rate limits (CONTRACT.md section 10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANON_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());
  beforeEach(awayFromWindowEdge);

  it('limits a signed-in staff member per token holder, answering RATE_LIMITED with retryAfterSeconds', async () => {
    const org = await t.fixtures.organisation();
    const a = await t.fixtures.staff(org, Role.KEY_WORKER);
    const b = await t.fixtures.staff(org, Role.KEY_WORKER);
    for (let i = 0; i < 5; i++) expect((await t.gql(ME, {}, a.token)).data.me.id).toBe(a.id);
    const limited = await t.gql(ME, {}, a.token);
    expect(limited.status).toBe(429);
    expect(limited.errors).toHaveLength(1);
    expect(limited.errors![0].extensions.code).toBe('RATE_LIMITED');
    const retry = limited.errors![0].extensions.retryAfterSeconds;
    expect(Number.isInteger(retry) && retry >= 1 && retry <= 120).toBe(true);
    // Someone else is not affected.
    expect((await t.gql(ME, {}, b.token)).data.me.id).toBe(b.id);
  });

  it('limits requests without a token per IP address, also invalid documents', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.gql(i % 2 ? ME : '{ nonsense');
      codes.push(res.errors![0].extensions.code);
    }
    expect(codes).toEqual([
      'GRAPHQL_PARSE_FAILED',
      'UNAUTHENTICATED',
      'GRAPHQL_PARSE_FAILED',
      'RATE_LIMITED',
    ]);
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send({ query: ME });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('counts a request with an invalid token against the IP address', async () => {
    const res = await t.gql(ME, {}, 'v1.forged.token');
    expect(res.errors![0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('rate limits set to 0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' });
  });
  afterAll(() => t.close());

  it('are off', async () => {
    const org = await t.fixtures.organisation();
    const s = await t.fixtures.staff(org, Role.ADMIN);
    for (let i = 0; i < 60; i++) {
      expect((await t.gql(ME, {}, s.token)).errors).toBeUndefined();
      expect((await t.gql(ME)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('rate-limit counts in Redis (REDIS_URL), shared by replicas', () => {
  it('two API instances on one Redis share a staff member’s count; an unreachable Redis never blocks serving', async () => {
    await awayFromWindowEdge();
    const reachable = await redisReachable();
    const env = { RATE_LIMIT_PER_MINUTE: '4', REDIS_URL: 'redis://127.0.0.1:6379' };
    if (reachable) {
      const one = await startTestApp(env);
      const two = await startTestApp(env);
      try {
        // The same staff id in both replicas' databases (each test app has its own database).
        const staffId = randomUUID();
        const org1 = await one.fixtures.organisation();
        const org2 = await two.fixtures.organisation();
        await one.db.query(
          `INSERT INTO staff (id, email, name, role, organisation_id, password_hash) VALUES ($1, $2, 'R', 'ADMIN', $3, 'x')`,
          [staffId, `${staffId}@example.org`, org1],
        );
        await two.db.query(
          `INSERT INTO staff (id, email, name, role, organisation_id, password_hash) VALUES ($1, $2, 'R', 'ADMIN', $3, 'x')`,
          [staffId, `${staffId}@example.org`, org2],
        );
        const { issueToken } = await import('#libs/auth');
        const { TEST_SECRET } = await import('../support/test-app.js');
        const token = issueToken(TEST_SECRET, staffId).token;
        const codes: (string | null)[] = [];
        for (const app of [one, two, one, two, one, two]) {
          const res = await app.gql(ME, {}, token);
          codes.push(res.errors?.[0]?.extensions.code ?? null);
        }
        expect(codes).toEqual([null, null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
      } finally {
        await one.close();
        await two.close();
      }
    }
    // Redis away (nothing listens on port 1): requests are served, not limited and not failed.
    const store = new RedisRateLimitStore('redis://127.0.0.1:1');
    try {
      const taken = await store.take(`probe:${randomUUID()}`, 1, 4, 60_000);
      expect(taken).toMatchObject({ allowed: true, current: 0 });
    } finally {
      await store.close();
    }
    const away = await startTestApp({ ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const org = await away.fixtures.organisation();
      const s = await away.fixtures.staff(org, Role.ADMIN);
      for (let i = 0; i < 6; i++) expect((await away.gql(ME, {}, s.token)).errors).toBeUndefined();
    } finally {
      await away.close();
    }
  });
});

describe('the Redis store judges a sliding minute, in one atomic step', () => {
  it('refuses across the edge of a window what the window before used, counts only what it admits, and lets exactly the limit through concurrent requests', async () => {
    if (!(await redisReachable())) return; // the unreachable case is covered above
    let clock = 60_000 * 29_000_000 - 1_000; // the last second of a window
    const prefix = `test:rl:${randomUUID()}`;
    const store = new RedisRateLimitStore('redis://127.0.0.1:6379', undefined, prefix, () => clock);
    try {
      for (let i = 0; i < 3; i++) expect((await store.take('k', 1, 3, 60_000)).allowed).toBe(true);
      clock += 2_000; // one second into the next window
      expect(await store.take('k', 1, 3, 60_000)).toEqual({
        current: 0,
        previous: 3,
        elapsedMs: 1_000,
        allowed: false,
      });
      clock += 19_000; // 3 × (1 − 20/60) = 2: one fits again
      expect(await store.take('k', 1, 3, 60_000)).toMatchObject({ current: 1, previous: 3, allowed: true });
      const answers = await Promise.all(Array.from({ length: 10 }, () => store.take('c', 1, 5, 60_000)));
      expect(answers.filter((a) => a.allowed)).toHaveLength(5);
      expect((await store.take('c', 1, 5, 60_000)).current).toBe(5);
    } finally {
      await store.close();
    }
  });
});

describe('each top-level mutation field counts as one request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());
  beforeEach(awayFromWindowEdge);

  const logins = (n: number) =>
    `mutation { ${Array.from(
      { length: n },
      (_, i) => `l${i}: login(email: "nobody${i}@example.org", password: "not-the-password") { token }`,
    ).join(' ')} }`;

  it('three aliased mutations count three', async () => {
    // (A failed non-null mutation field stops the rest of the document: one error comes back.)
    const three = await t.gql(logins(3));
    expect(three.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(logins(1))).errors![0].extensions.code).toBe('UNAUTHENTICATED'); // the 4th
    const fifth = await t.gql(logins(1));
    expect(fifth.errors).toHaveLength(1);
    expect(fifth.errors![0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('a document with more mutations than the limit allows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  it('is refused whole before any of them runs', async () => {
    await awayFromWindowEdge();
    const before = Number((await t.db.query('SELECT count(*) AS n FROM login_failures'))[0].n);
    const doc = `mutation { ${Array.from(
      { length: 5 },
      (_, i) => `l${i}: login(email: "many${i}@example.org", password: "not-the-password") { token }`,
    ).join(' ')} }`;
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send({ query: doc });
    // Answered as any request past the limit is (not as a server failure).
    expect(res.status).toBe(429);
    expect(res.body.errors).toHaveLength(1);
    const retry = res.body.errors[0].extensions.retryAfterSeconds;
    expect(res.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retry });
    expect(retry).toBeGreaterThan(0);
    expect(res.headers['retry-after']).toBe(String(retry));
    expect(res.body.data ?? null).toBeNull();
    expect(Number((await t.db.query('SELECT count(*) AS n FROM login_failures'))[0].n)).toBe(before);
  });
});

describe('a Redis that accepts connections but never answers', () => {
  it('is asked again only after a back-off: one request pays the wait, the next ones are served uncounted at once', async () => {
    const { createServer } = await import('node:net');
    const { REDIS_BACKOFF_MS } = await import('../../apps/api/src/rate-limit/redis.store.js');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    let clock = 1_000_000;
    const failures: Error[] = [];
    const store = new RedisRateLimitStore(
      `redis://127.0.0.1:${port}`,
      (e) => failures.push(e),
      'test:rl',
      () => clock,
    );
    try {
      expect(await store.take('k', 1, 1, 60_000)).toMatchObject({ allowed: true, current: 0 });
      const tried = failures.length;
      expect(tried).toBeGreaterThan(0);
      for (let i = 0; i < 20; i++)
        expect(await store.take('k', 1, 1, 60_000)).toMatchObject({ allowed: true, current: 0 });
      // Within the back-off Redis is not asked, so it has nothing new to fail.
      expect(failures.length).toBe(tried);
      clock += REDIS_BACKOFF_MS + 1;
      await store.take('k', 1, 1, 60_000);
      expect(failures.length).toBeGreaterThan(tried);
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
