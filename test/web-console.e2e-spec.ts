import { startTestApp, type TestApp } from './support/test-app.js';

/** The built staff console (apps/web/dist, made by `npm run build`, which `npm test` runs first) is served at /. */
describe('the staff console next to the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves index.html at / and at every client-side route, never cached', async () => {
    for (const path of ['/', '/inbox', '/people/3f1c0a52-8a3e-4c7a-9d2e-1b2c3d4e5f60/refer', '/dashboard']) {
      const res = await t.http().get(path).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('serves the hashed assets with a long cache life, and 404 for a missing one', async () => {
    const html = (await t.http().get('/').set('accept', 'text/html')).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await t.http().get(script!);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await t.http().get('/assets/no-such-file.js')).status).toBe(404);
  });

  it('leaves /graphql and /health to the API', async () => {
    const health = await t.http().get('/health').set('accept', 'text/html');
    expect(health.body).toEqual({ status: 'ok' });
    const gql = await t.gql('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
    const landing = await t.http().get('/graphql').set('accept', 'text/html');
    expect(landing.text).not.toContain('<div id="root"></div>');
  });
});
