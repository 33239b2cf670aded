import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { Role } from '#libs/common';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * POST /graphql with a JSON body is answered without Express's router (apps/api/src/graphql-post.ts);
 * `/graphql?` still goes through Express's whole pipeline. Every answer must be the same either way.
 */

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Headers that differ between any two answers (a new request id, the clock). */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

function send(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | (Buffer | string)[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    // An array is sent as separate writes (chunked, when no length is given).
    if (Array.isArray(body)) for (const part of body) req.write(part);
    else if (body) req.write(body);
    req.end();
  });
}

/** An answer without what varies between requests: the date, the request id (also in INTERNAL errors). */
function comparable(a: Answer) {
  const headers = Object.fromEntries(Object.entries(a.headers).filter(([name]) => !VARYING.has(name)));
  return { status: a.status, headers, text: a.text.replace(/"requestId":"[^"]*"/g, '"requestId":"-"') };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** A document whose operation name holds bytes that are not UTF-8 (0xff, and a cut-off sequence). */
const BAD_UTF8 = Buffer.concat([
  Buffer.from('{"query":"query A { __typename }","operationName":"'),
  Buffer.from([0xff, 0xe2, 0x82, 0x41]),
  Buffer.from('"}'),
]);
const sized = (s: string) => ({ ...JSON_TYPE, 'content-length': String(Buffer.byteLength(s)) });

describe('POST /graphql answered directly, as Express would answer it', () => {
  let t: TestApp;
  let port: number;
  let token: string;
  let handle: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
    const org = await t.fixtures.organisation();
    token = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
    // Express's entry point: called for every request that goes through its pipeline.
    const express = t.app.getHttpAdapter().getInstance() as unknown as {
      handle: (...args: unknown[]) => void;
    };
    handle = jest.spyOn(express, 'handle');
  });
  afterAll(() => t.close());

  const cases: [string, () => Record<string, string>, Buffer | (Buffer | string)[] | undefined][] = [
    ['a trivial query', () => sized('{"query":"{ __typename }"}'), utf8('{"query":"{ __typename }"}')],
    ['a query without a token', () => sized('{"query":"{ me { id } }"}'), utf8('{"query":"{ me { id } }"}')],
    [
      'a query with a token',
      () => ({ ...sized('{"query":"{ me { id role } }"}'), authorization: `Bearer ${token}` }),
      utf8('{"query":"{ me { id role } }"}'),
    ],
    [
      'a bad token',
      () => ({ ...sized('{"query":"{ me { id } }"}'), authorization: 'Bearer v1.nope.nope' }),
      utf8('{"query":"{ me { id } }"}'),
    ],
    ['malformed JSON', () => sized('{"query": '), utf8('{"query": ')],
    ['a JSON string', () => sized('"{ __typename }"'), utf8('"{ __typename }"')],
    ['a JSON number', () => sized(' 12'), utf8(' 12')],
    ['JSON null', () => sized('null'), utf8('null')],
    ['an empty body', () => sized(''), utf8('')],
    ['whitespace only', () => sized(' \n\t'), utf8(' \n\t')],
    ['no body and no length', () => JSON_TYPE, undefined],
    [
      'an object after whitespace',
      () => sized('\r\n {"query":"{ __typename }"}'),
      utf8('\r\n {"query":"{ __typename }"}'),
    ],
    [
      'a byte-order mark',
      () => ({ ...JSON_TYPE, 'content-length': String(3 + 26) }),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"query":"{ __typename }"}')]),
    ],
    [
      'invalid UTF-8 in the operation name',
      () => ({ ...JSON_TYPE, 'content-length': String(BAD_UTF8.length) }),
      BAD_UTF8,
    ],
    ['invalid UTF-8 split across chunks', () => JSON_TYPE, [BAD_UTF8.subarray(0, 53), BAD_UTF8.subarray(53)]],
    [
      'a batch (batching is off)',
      () => sized('[{"query":"{ __typename }"}]'),
      utf8('[{"query":"{ __typename }"}]'),
    ],
    [
      'a charset in the content type',
      () => ({ 'content-type': 'application/json; charset=UTF-8' }),
      utf8('{"query":"{ __typename }"}'),
    ],
    ['a chunked body', () => JSON_TYPE, ['{"query":', '"{ __typename }"', '}']],
    ['a document that does not parse', () => sized('{"query":"{ me { id "}'), utf8('{"query":"{ me { id "}')],
    [
      'a variable of the wrong type',
      () => ({
        ...sized('{"query":"query($f: Int) { referrals(first: $f) { totalCount } }","variables":{"f":"x"}}'),
        authorization: `Bearer ${token}`,
      }),
      utf8('{"query":"query($f: Int) { referrals(first: $f) { totalCount } }","variables":{"f":"x"}}'),
    ],
    [
      'a failed login',
      () =>
        sized(
          '{"query":"mutation { login(email: \\"x@y.example\\", password: \\"wrong-password-1\\") { token } }"}',
        ),
      utf8(
        '{"query":"mutation { login(email: \\"x@y.example\\", password: \\"wrong-password-1\\") { token } }"}',
      ),
    ],
    [
      'a given request id',
      () => ({ ...sized('{"query":"{ __typename }"}'), 'x-request-id': 'client-chosen-id-1' }),
      utf8('{"query":"{ __typename }"}'),
    ],
  ];

  it.each(cases)('%s', async (_what, headers, body) => {
    handle.mockClear();
    const direct = await send(port, '/graphql', headers(), body);
    expect(handle).not.toHaveBeenCalled();
    const viaExpress = await send(port, '/graphql?', headers(), body);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(comparable(direct)).toEqual(comparable(viaExpress));
    expect(direct.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    if (headers()['x-request-id']) expect(direct.headers['x-request-id']).toBe(headers()['x-request-id']);
  });

  it('refuses a body over 1 MB, declared or sent in chunks, as Express does', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } });
    for (const [headers, body] of [
      [sized(big), utf8(big)],
      [JSON_TYPE, [big.slice(0, 600_000), big.slice(600_000)]],
    ] as const) {
      const direct = await send(port, '/graphql', headers, body as Buffer | string[]);
      const viaExpress = await send(port, '/graphql?', headers, body as Buffer | string[]);
      expect(direct.status).toBe(413);
      expect(comparable(direct)).toEqual(comparable(viaExpress));
    }
    // Exactly 1 MB is still read.
    const pad = 1024 * 1024 - Buffer.byteLength(JSON.stringify({ query: '{ __typename }', p: '' }));
    const limit = JSON.stringify({ query: '{ __typename }', p: 'y'.repeat(pad) });
    expect(Buffer.byteLength(limit)).toBe(1024 * 1024);
    const atLimit = await send(port, '/graphql', sized(limit), utf8(limit));
    expect(atLimit.status).toBe(200);
    expect(JSON.parse(atLimit.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('leaves other content types and encodings to Express, which refuses them as before', async () => {
    for (const headers of [
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'text/plain' },
      { ...JSON_TYPE, 'content-encoding': 'br-nonsense' },
    ]) {
      handle.mockClear();
      const res = await send(port, '/graphql', headers, utf8('{"query":"{ __typename }"}'));
      expect(handle).toHaveBeenCalledTimes(1);
      expect(res.status).toBe(headers['content-type'] === 'text/plain' ? 400 : 415);
      expect(res.text).not.toMatch(/"data"/);
    }
  });
});

describe('POST /graphql answered directly, past a rate limit', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '2' });
    const server = t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('counts both ways of arriving and refuses alike', async () => {
    // Away from a minute's edge, so the window does not end between the requests.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 100));
    const q = '{"query":"{ __typename }"}';
    expect((await send(port, '/graphql', sized(q), utf8(q))).status).toBe(200);
    expect((await send(port, '/graphql?', sized(q), utf8(q))).status).toBe(200);
    const direct = await send(port, '/graphql', sized(q), utf8(q));
    const viaExpress = await send(port, '/graphql?', sized(q), utf8(q));
    expect(direct.status).toBe(429);
    expect(JSON.parse(direct.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(direct.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const same = (a: Answer) => ({
      ...comparable(a),
      headers: { ...comparable(a).headers, 'retry-after': '-' },
    });
    expect(same(direct)).toEqual(same(viaExpress));
  });
});
