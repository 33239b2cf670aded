import { Writable } from 'node:stream';
import request from 'supertest';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { issueToken } from '#libs/auth';
import { Role } from '#libs/common';
import { Db } from '#libs/database';
import { createApp } from '../../apps/api/src/app.factory.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { createLogger, scrub } from '../../apps/api/src/logging.js';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';

/** Personal data and secrets a request may carry; none may ever reach a log line. */
const SECRETS = {
  givenName: 'Zebediah',
  familyName: 'Quartermaine',
  email: 'zebediah.quartermaine@example.org',
  phone: '07700 900123',
  nhsNumber: '9434765919',
  password: 'correct-horse-battery-staple',
};

function capture() {
  const lines: string[] = [];
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
      cb();
    },
  });
  return { stream, lines };
}

function expectNoSecrets(lines: string[], extra: string[] = []) {
  const needles = [...Object.values(SECRETS), SECRETS.phone.replace(/\s/g, ''), ...extra];
  for (const line of lines) {
    expect(() => JSON.parse(line)).not.toThrow();
    for (const n of needles) expect({ line, leaked: line.includes(n) }).toEqual({ line, leaked: false });
  }
}

describe('request logs (pino JSON)', () => {
  let t: TestApp;
  const log = capture();
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: log.stream });
  });
  afterAll(() => t.close());

  it('one line per request: request id, operation name, duration, staff id', async () => {
    const org = await t.fixtures.organisation();
    const s = await t.fixtures.staff(org, Role.ADMIN);
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${s.token}`)
      .send({ query: 'query WhoAmI { me { id } }', operationName: 'WhoAmI' });
    expect(res.body.data.me.id).toBe(s.id);
    const requestId = res.headers['x-request-id'];
    const mine = log.lines.map((l) => JSON.parse(l)).filter((l) => l.req?.id === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      operation: 'WhoAmI',
      staffId: s.id,
      req: { id: requestId, method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(typeof mine[0].responseTime).toBe('number');
  });

  it('never logs names, NHS numbers, phone numbers, emails, tokens or passwords — also on errors', async () => {
    const org = await t.fixtures.organisation();
    const s = await t.fixtures.staff(org, Role.KEY_WORKER, { email: SECRETS.email, name: SECRETS.givenName });
    const { schema } = t.app.get(GraphQLSchemaHost);
    const mutations = schema.getMutationType()?.getFields() ?? {};
    const docs: [string, Record<string, unknown>][] = [
      [
        'query Q($a: String, $b: String) { me { id name email } }',
        { a: SECRETS.nhsNumber, b: SECRETS.password },
      ],
      ['query Bad($c: ServiceCategory) { services(category: $c) { id } }', { c: SECRETS.email }],
      [`{ ${SECRETS.familyName} }`, {}],
      [`{ me { id } `, { phone: SECRETS.phone }],
    ];
    if (mutations.login) {
      docs.push([
        'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: SECRETS.email, p: SECRETS.password },
      ]);
    }
    if (mutations.registerPerson) {
      docs.push([
        'mutation R($i: RegisterPersonInput!) { registerPerson(input: $i) { id givenName } }',
        { i: { ...SECRETS, password: undefined, postcode: 'HX1 5DT' } },
      ]);
      docs.push([
        'mutation R($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }',
        { i: { ...SECRETS, password: undefined, nhsNumber: '1234567890', email: 'not an email' } },
      ]);
    }
    for (const [query, variables] of docs) {
      for (const token of [s.token, null]) await t.gql(query, variables, token);
    }
    expect(log.lines.length).toBeGreaterThanOrEqual(docs.length * 2);
    expectNoSecrets(log.lines, [s.token]);
  });
});

describe('logs of unexpected failures', () => {
  it('keep the request id and error class but none of the data', async () => {
    const log = capture();
    const config = await loadConfig({
      NODE_ENV: 'test',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
    });
    const db = new Db({
      url: `postgres://${encodeURIComponent(SECRETS.email)}:${SECRETS.password}@127.0.0.1:1/nothing`,
      acquireTimeoutMs: 500,
    });
    const app = await createApp(config, db, createLogger('info', log.stream));
    await app.init();
    try {
      const token = issueToken(TEST_SECRET, '00000000-0000-4000-8000-000000000000').token;
      const res = await request(app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ me { id } }', variables: { x: SECRETS.nhsNumber } });
      expect(res.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const failure = log.lines
        .map((l) => JSON.parse(l))
        .find((l) => l.requestId === res.body.errors[0].extensions.requestId);
      expect(failure).toBeDefined();
      expect(failure.err.name).toBeTruthy();
      expectNoSecrets(log.lines, [token, encodeURIComponent(SECRETS.email)]);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('the scrubber removes tokens, emails, long numbers, database URLs and quoted values', () => {
    const text = `invalid input syntax for type uuid: "Jane Smith" from a@b.org, 943 476 5919, +44 7700 900123, Bearer v1.abc.def postgres://u:p@h/db`;
    const out = scrub(text)!;
    for (const s of ['Jane', 'a@b.org', '5919', '900123', 'v1.abc', 'u:p@h']) expect(out).not.toContain(s);
    expect(out).toContain('invalid input syntax for type uuid');
  });
});
