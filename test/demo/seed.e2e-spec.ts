import { pino } from 'pino';
import {
  DEMO_PASSWORD,
  DEMO_TABLES,
  demoLogins,
  generateDemo,
  seedDemoOnStart,
  SHOWCASE_PERSON_ID,
} from '#libs/demo';
import { loadConfig } from '../../apps/api/src/config.js';
import { runStartupTasks } from '../../apps/api/src/startup-tasks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const AS_OF = new Date('2026-10-01T12:00:00Z');

describe('demo seeding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('inserts every generated row in one transaction, with every constraint satisfied', async () => {
    const expected: Record<string, number> = {};
    for (const b of generateDemo({ people: 300, asOf: AS_OF }))
      expected[b.table] = (expected[b.table] ?? 0) + b.rows.length;

    const before = t.db.counter.count;
    const result = await seedDemoOnStart(t.db, 'requested', async () => ({
      people: 300,
      asOf: AS_OF,
      passwordHash: 'x',
    }));
    expect(result).not.toBeNull();
    // A few dozen bulk statements, not one per row.
    expect(t.db.counter.count - before).toBeLessThan(60);
    for (const table of DEMO_TABLES) {
      const row = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: row!.n }).toEqual({ table, n: expected[table] });
    }
  });

  it('does nothing when the database already has organisations', async () => {
    expect(
      await seedDemoOnStart(t.db, 'requested', async () => ({ people: 10, asOf: AS_OF, passwordHash: 'x' })),
    ).toBeNull();
  });

  it('keeps the denormalised referral columns and stage times consistent with the history', async () => {
    const bad = await t.db.query(`
      SELECT r.id FROM referrals r
        JOIN services ts ON ts.id = r.to_service_id
        LEFT JOIN services fs ON fs.id = r.from_service_id
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS n,
                 min(e.at) FILTER (WHERE e.to_status = 'ACCEPTED') AS accepted,
                 min(e.at) FILTER (WHERE e.to_status IN ('IN_PROGRESS','COMPLETED')) AS started,
                 min(e.at) FILTER (WHERE e.to_status = 'COMPLETED') AS completed,
                 (array_agg(e.to_status ORDER BY e.seq DESC))[1] AS last_status,
                 (array_agg(e.at ORDER BY e.seq))[1] AS first_at,
                 bool_and(e.at >= r.created_at) AS after_creation
            FROM referral_events e WHERE e.referral_id = r.id) h ON true
       WHERE r.to_organisation_id <> ts.organisation_id OR r.to_category <> ts.category
          OR r.to_ward IS DISTINCT FROM ts.ward OR r.from_category IS DISTINCT FROM fs.category
          OR r.version <> h.n OR r.status <> h.last_status OR h.first_at <> r.created_at OR NOT h.after_creation
          OR r.accepted_at IS DISTINCT FROM h.accepted OR r.started_at IS DISTINCT FROM h.started
          OR r.completed_at IS DISTINCT FROM h.completed OR r.created_at > now()
          OR (r.accepted_at IS NOT NULL AND r.completed_at IS NOT NULL AND r.accepted_at > r.completed_at)`);
    expect(bad).toEqual([]);
  });

  it('never sends a referral across organisations without consent or a safeguarding justification', async () => {
    const bad = await t.db.query(`
      SELECT r.id FROM referrals r
       WHERE r.creator_organisation_id <> r.to_organisation_id AND NOT r.safeguarding_override
         AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = r.person_id AND c.purpose = 'REFERRAL_SHARING'
               AND r.to_organisation_id = ANY (c.organisation_ids) AND c.given_at <= r.created_at
               AND (c.withdrawn_at IS NULL OR c.withdrawn_at > r.created_at)
               AND (c.expires_at IS NULL OR c.expires_at > r.created_at))`);
    expect(bad).toEqual([]);
  });

  it('has the showcase person with a long journey and paired wellbeing', async () => {
    const row = await t.db.one(
      `SELECT p.given_name, (SELECT count(*)::int FROM referrals WHERE person_id = p.id) AS referrals,
              (SELECT count(*)::int FROM wellbeing_assessments WHERE person_id = p.id) AS assessments,
              (SELECT count(DISTINCT contracted)::int FROM outcomes WHERE person_id = p.id) AS kinds
         FROM people p WHERE p.id = $1`,
      [SHOWCASE_PERSON_ID],
    );
    expect(row).toEqual({ given_name: 'Farah', referrals: 10, assessments: 6, kinds: 2 });
  });
});

describe('demo seeding on first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds once when enabled, and the documented demo logins work with the demo password', async () => {
    const logger = pino({ level: 'silent' });
    await runStartupTasks({ ...t.config, seedDemo: 'first-start' }, t.db, logger);
    const people = await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM people');
    expect(people!.n).toBeGreaterThan(2000);
    await runStartupTasks({ ...t.config, seedDemo: 'first-start' }, t.db, logger);
    expect((await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM people'))!.n).toBe(people!.n);

    for (const login of demoLogins()
      .filter((l) => ['FAMILY_SUPPORT_WORKER', 'LINK_WORKER'].includes(l.role))
      .slice(0, 2)) {
      const res = await t.gql(
        `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token staff { role } } }`,
        { email: login.email, password: DEMO_PASSWORD },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.login.staff.role).toBe(login.role);
    }
  });

  it('is never enabled with NODE_ENV=production', async () => {
    const config = await loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(32),
      DATABASE_URL: t.url,
      SEED_DEMO: 'true',
    });
    expect(config.seedDemo).toBe('off');
  });

  it.each([
    [{}, 'first-start'],
    [{ SEED_DEMO: 'false' }, 'off'],
    [{ SEED_DEMO: 'true' }, 'requested'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/db' }, 'off'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/db', SEED_DEMO: 'true' }, 'requested'],
    [{ NODE_ENV: 'production' }, 'off'],
  ])('with %j the demo is seeded: %s', async (env, mode) => {
    const config = await loadConfig({ AUTH_SECRET: 'x'.repeat(32), DATA_DIR: t.config.dataDir, ...env });
    expect(config.seedDemo).toBe(mode);
  });
});

describe('demo seeding after a first start without it', () => {
  let t: TestApp;
  const logger = pino({ level: 'silent' });
  const people = async () => (await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM people'))!.n;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a first start with SEED_DEMO=false is remembered: a plain restart does not seed', async () => {
    await runStartupTasks({ ...t.config, seedDemo: 'off' }, t.db, logger);
    await runStartupTasks({ ...t.config, seedDemo: 'first-start' }, t.db, logger);
    expect(await people()).toBe(0);
    expect(await t.db.query(`SELECT fact, value FROM instance_facts`)).toEqual([
      { fact: 'demo', value: 'not seeded' },
    ]);
  });

  it('SEED_DEMO=true still seeds a database that has no organisations, once', async () => {
    await runStartupTasks({ ...t.config, seedDemo: 'requested' }, t.db, logger);
    const seeded = await people();
    expect(seeded).toBeGreaterThan(2000);
    const lines: { level: number; msg: string }[] = [];
    const listening = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    await runStartupTasks({ ...t.config, seedDemo: 'requested' }, t.db, listening);
    expect(await people()).toBe(seeded);
    // asked for and not done: said, with why
    expect(lines.filter((l) => l.msg.startsWith('SEED_DEMO=true'))).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringContaining('the database already has organisations'),
      }),
    ]);
    expect(await t.db.query(`SELECT value FROM instance_facts WHERE fact = 'demo'`)).toEqual([
      { value: 'seeded' },
    ]);
  });
});
