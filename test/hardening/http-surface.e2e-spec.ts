import { Role } from '#libs/common';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LEAK = /\bat .+:\d+:\d+|node_modules|stack|PayloadTooLarge|body-parser|raw-body|express|<html|<pre/i;

describe('the HTTP surface (CONTRACT.md sections 6 and 10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a request body over 1 MB with a clean JSON error', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.body.errors[0].message).toMatch(/too large/);
    expect(res.text).not.toMatch(LEAK);
  });

  it('accepts a body just under 1 MB', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(1000 * 1000) } }));
    expect(res.status).toBe(200);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('marks every GraphQL answer Cache-Control: no-store, with or without errors', async () => {
    for (const query of ['{ __typename }', '{ me { id } }', '{ nope }']) {
      const res = await t.http().post('/graphql').set('content-type', 'application/json').send({ query });
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers malformed JSON with a clean BAD_REQUEST', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.text).not.toMatch(LEAK);
  });

  it.each([
    [
      'a subscription (the schema has none)',
      { query: 'subscription { me { id } }' },
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'two operations and no operationName',
      { query: 'query A { me { id } } query B { me { id } }' },
      'BAD_REQUEST',
    ],
    [
      'an operationName the document does not have',
      { query: 'query A { me { id } }', operationName: 'B' },
      'BAD_REQUEST',
    ],
    [
      'a persisted-query hash instead of the query',
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      'BAD_REQUEST',
    ],
  ])('answers %s with a code of the contract, nothing internal', async (_what, body, code) => {
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send(body);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual([code]);
    expect(res.body.errors[0].extensions.requestId).toBeUndefined();
    expect(res.text).not.toMatch(LEAK);
  });

  it('refuses a simple GET without preflight headers (CSRF prevention)', async () => {
    const res = await t.http().get('/graphql').query({ query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
    expect(res.text).not.toMatch(LEAK);
  });

  it('refuses a form-encoded POST (CSRF prevention)', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('query=%7B__typename%7D');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/"data"/);
    expect(res.text).not.toMatch(LEAK);
  });

  it('refuses a text/plain POST (CSRF prevention)', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ query: '{ __typename }' }));
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/"data"/);
  });

  it('sends standard security headers (helmet) and no x-powered-by', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('has CORS closed by default: no browser origin is allowed', async () => {
    const pre = await t
      .http()
      .options('/graphql')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type,authorization');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await t
      .http()
      .post('/graphql')
      .set('origin', 'https://evil.example')
      .set('content-type', 'application/json')
      .send({ query: '{ __typename }' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('introspection and field suggestions are on outside production', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.data.__schema.queryType.name).toBe('Query');
    const typo = await t.gql('{ organisatons { id } }');
    expect(typo.errors![0].message).toMatch(/Did you mean/);
  });
});

describe('CORS opened by CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
  });
  afterAll(() => t.close());

  it('allows the listed origins and only them', async () => {
    const ok = await t
      .http()
      .options('/graphql')
      .set('origin', 'https://admin.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type,authorization');
    expect(ok.headers['access-control-allow-origin']).toBe('https://admin.example');
    const other = await t
      .http()
      .options('/graphql')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('NODE_ENV=production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => t.close());

  it('turns introspection off', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toBe(
      'Introspection is off in production (NODE_ENV=production); the operator can turn it on with GRAPHQL_INTROSPECTION=true.',
    );
    expect(res.data ?? null).toBeNull();
    const type = await t.gql('{ __type(name: "Query") { name } }');
    expect(type.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('turns field suggestions off', async () => {
    const res = await t.gql('{ organisatons { id } }');
    expect(res.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|organisations/);
  });

  it('turns enum value suggestions off, in the document and in variables', async () => {
    const literal = await t.gql('{ services(category: ESO) { id } }');
    expect(literal.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors![0].message).toContain('[Suggestion hidden]');
    const staff = await t.fixtures.staff(await t.fixtures.organisation(), Role.KEY_WORKER);
    const variable = await t.gql(
      'query($c: ServiceCategory) { services(category: $c) { id } }',
      { c: 'ESO' },
      staff.token,
    );
    expect(variable.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    for (const res of [literal, variable])
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|ESOL/);
  });

  it('sends a content security policy', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});

describe('NODE_ENV=production with GRAPHQL_INTROSPECTION=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
  });
  afterAll(() => t.close());

  it('turns introspection on', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.queryType.name).toBe('Query');
  });
});
