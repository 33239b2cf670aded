import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Db, StartupError } from '#libs/database';
import { loadConfig } from '../../apps/api/src/config.js';
import { createLogger } from '../../apps/api/src/logging.js';
import { runStartupTasks } from '../../apps/api/src/startup-tasks.js';
import { errorCode, startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';

const LOGIN = `mutation($e: String!, $p: String!) {
  login(email: $e, password: $p) { token staff { role name organisation { name kind locallyRooted } } }
}`;
const logger = createLogger('silent');

describe('BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD (CONTRACT.md section 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const config = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', AUTH_SECRET: TEST_SECRET, DATABASE_URL: t.url, ...env });
  const counts = () =>
    t.db.one(
      `SELECT (SELECT count(*)::int FROM staff) AS staff,
              (SELECT count(*)::int FROM organisations WHERE name = 'Partnership administration') AS orgs`,
    );

  it('creates an ADMIN in "Partnership administration" (OTHER, locally rooted) who can sign in, once', async () => {
    const c = await config({
      BOOTSTRAP_ADMIN_EMAIL: 'Admin@Example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'first admin password',
    });
    await runStartupTasks(c, t.db, logger);
    expect(await counts()).toEqual({ staff: 1, orgs: 1 });
    await runStartupTasks(c, t.db, logger);
    expect(await counts()).toEqual({ staff: 1, orgs: 1 });

    const res = await t.gql(LOGIN, { e: 'admin@example.org', p: 'first admin password' });
    expect(res.errors).toBeUndefined();
    expect(res.data.login.staff).toEqual({
      role: 'ADMIN',
      name: 'Administrator',
      organisation: { name: 'Partnership administration', kind: 'OTHER', locallyRooted: true },
    });
    const orgs = await t.gql('{ organisations { name } }', {}, res.data.login.token);
    expect(orgs.data.organisations).toEqual([{ name: 'Partnership administration' }]);
  });

  it('leaves an existing staff member with that email (any case) alone, password included', async () => {
    const c = await config({
      BOOTSTRAP_ADMIN_EMAIL: 'ADMIN@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'another password!',
    });
    await runStartupTasks(c, t.db, logger);
    expect(await counts()).toEqual({ staff: 1, orgs: 1 });
    expect(errorCode(await t.gql(LOGIN, { e: 'admin@example.org', p: 'another password!' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('reuses the organisation for a second bootstrap email', async () => {
    const c = await config({
      BOOTSTRAP_ADMIN_EMAIL: 'second@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'second admin password',
    });
    await runStartupTasks(c, t.db, logger);
    expect(await counts()).toEqual({ staff: 2, orgs: 1 });
  });

  it('creates exactly one admin when several replicas start together', async () => {
    const c = await config({
      BOOTSTRAP_ADMIN_EMAIL: 'race@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'replicas racing here',
    });
    const replicas = [0, 1, 2].map(() => new Db({ url: t.url, max: 2 }));
    try {
      await Promise.all(replicas.map((db) => runStartupTasks(c, db, logger)));
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
    }
    expect(
      await t.db.one(`SELECT count(*)::int AS n FROM staff WHERE lower(email) = 'race@example.org'`),
    ).toEqual({
      n: 1,
    });
    expect(await counts()).toEqual({ staff: 3, orgs: 1 });
  });

  it('does nothing unless both are set, and says so', async () => {
    const half = await config({ BOOTSTRAP_ADMIN_EMAIL: 'half@example.org' });
    expect(half.warnings).toEqual([
      'BOOTSTRAP_ADMIN_EMAIL is set without BOOTSTRAP_ADMIN_PASSWORD: no administrator is created; set both.',
    ]);
    await runStartupTasks(half, t.db, logger);
    const other = await config({ BOOTSTRAP_ADMIN_PASSWORD: 'only a password' });
    expect(other.warnings).toEqual([
      'BOOTSTRAP_ADMIN_PASSWORD is set without BOOTSTRAP_ADMIN_EMAIL: no administrator is created; set both.',
    ]);
    await runStartupTasks(other, t.db, logger);
    expect(await counts()).toEqual({ staff: 3, orgs: 1 });
    expect((await config({})).warnings).toEqual([]);
  });

  it('refuses to start with a password shorter than 12 characters or a malformed email, before anything starts', async () => {
    // loadConfig refuses them: no database is started, migrated or seeded first.
    await expect(
      config({ BOOTSTRAP_ADMIN_EMAIL: 'x@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'short' }),
    ).rejects.toThrow(StartupError);
    await expect(
      config({ BOOTSTRAP_ADMIN_EMAIL: 'not an email', BOOTSTRAP_ADMIN_PASSWORD: 'long enough password' }),
    ).rejects.toThrow(/BOOTSTRAP_ADMIN_EMAIL/);
    expect(await counts()).toEqual({ staff: 3, orgs: 1 });
  });

  it('warns when DATABASE_URL is used without AUTH_SECRET (each server would sign with its own secret)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pathways-secret-'));
    try {
      const c = await loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.url, DATA_DIR: dataDir });
      expect(c.warnings).toEqual([
        `AUTH_SECRET is not set: tokens are signed with a secret generated in ${path.join(dataDir, 'auth-secret')}. ` +
          'Set AUTH_SECRET so that every server on this database accepts the same tokens.',
      ]);
      // The embedded database keeps its secret beside its data: nothing to warn about.
      expect((await loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir })).warnings).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the bootstrap administrator beside a namesake organisation of another kind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is created in an OTHER, locally rooted "Partnership administration", not in the namesake', async () => {
    const [namesake] = await t.db.query<{ id: string }>(
      `INSERT INTO organisations (name, kind, locally_rooted) VALUES ('Partnership administration', 'CHARITY', false)
       RETURNING id`,
    );
    const c = await loadConfig({
      NODE_ENV: 'test',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: t.url,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'first admin password',
    });
    await runStartupTasks(c, t.db, logger);
    const res = await t.gql(LOGIN, { e: 'admin@example.org', p: 'first admin password' });
    expect(res.data.login.staff.organisation).toEqual({
      name: 'Partnership administration',
      kind: 'OTHER',
      locallyRooted: true,
    });
    const [admin] = await t.db.query(`SELECT organisation_id FROM staff WHERE email = 'admin@example.org'`);
    expect(admin.organisation_id).not.toBe(namesake.id);
  });
});
