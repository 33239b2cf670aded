import { createHmac } from 'node:crypto';
import { Role } from '#libs/common';
import { bearerToken, issueToken, TOKEN_TTL_SECONDS, verifyToken } from './token.js';

const SECRET = 'unit-test-secret-0123456789';
const ID = '4c1d2b0e-8a53-4d0c-9b0e-2f9a6f0c1a11';

describe('bearer tokens', () => {
  it('round-trips the staff id and expires after 8 hours', () => {
    const now = Date.UTC(2026, 0, 1, 9);
    const { token, expiresAt } = issueToken(SECRET, ID, now);
    expect(expiresAt.getTime()).toBe(now + TOKEN_TTL_SECONDS * 1000);
    expect(verifyToken(SECRET, token, now)?.sub).toBe(ID);
    expect(verifyToken(SECRET, token, now + 8 * 3600_000 - 1000)?.sub).toBe(ID);
    expect(verifyToken(SECRET, token, now + 8 * 3600_000)).toBeNull();
  });

  it('rejects a correctly signed token that would last longer than 8 hours or was issued in the future', () => {
    const signed = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `v1.${body}.${createHmac('sha256', SECRET).update(`v1.${body}`).digest('base64url')}`;
    };
    const now = Date.UTC(2026, 0, 1, 9);
    const iat = now / 1000;
    expect(verifyToken(SECRET, signed({ sub: ID, iat, exp: iat + TOKEN_TTL_SECONDS }), now)?.sub).toBe(ID);
    expect(verifyToken(SECRET, signed({ sub: ID, iat, exp: iat + TOKEN_TTL_SECONDS + 1 }), now)).toBeNull();
    expect(verifyToken(SECRET, signed({ sub: ID, iat, exp: 1e308 }), now)).toBeNull();
    expect(verifyToken(SECRET, signed({ sub: ID, iat: iat + 3600, exp: iat + 3600 + 60 }), now)).toBeNull();
    expect(verifyToken(SECRET, signed({ sub: ID, iat: iat + 30, exp: iat + 30 + 60 }), now)?.sub).toBe(ID);
  });

  it.each([
    ['another secret', (t: string) => t, 'another-secret-0123456789'],
    [
      'a changed payload',
      (t: string) =>
        t.replace(
          /^v1\.[^.]+/,
          'v1.' + Buffer.from('{"sub":"x","iat":1,"exp":99999999999}').toString('base64url'),
        ),
      SECRET,
    ],
    ['a truncated signature', (t: string) => t.slice(0, -2), SECRET],
    ['another version', (t: string) => t.replace(/^v1/, 'v2'), SECRET],
    ['garbage', () => 'not.a.token', SECRET],
    ['an empty string', () => '', SECRET],
  ])('rejects %s', (_label, mutate, secret) => {
    const { token } = issueToken(SECRET, ID);
    expect(verifyToken(secret, mutate(token))).toBeNull();
  });

  it('carries the token generation, absent when 0', () => {
    expect(verifyToken(SECRET, issueToken(SECRET, ID).token)?.gen).toBeUndefined();
    expect(
      verifyToken(SECRET, issueToken(SECRET, ID, Date.now(), undefined, { generation: 3 }).token)?.gen,
    ).toBe(3);
  });

  it('carries the organisation and role claims, both or neither', () => {
    const ORG = '9d2f4a10-3c1b-4e5f-8a7b-6c5d4e3f2a1b';
    const claimed = verifyToken(
      SECRET,
      issueToken(SECRET, ID, Date.now(), undefined, { organisationId: ORG, role: Role.LINK_WORKER }).token,
    );
    expect(claimed).toMatchObject({ sub: ID, org: ORG, role: Role.LINK_WORKER });
    const bare = verifyToken(SECRET, issueToken(SECRET, ID).token);
    expect(bare?.org).toBeUndefined();
    expect(bare?.role).toBeUndefined();
  });

  it.each([
    ['an organisation without a role', { org: '9d2f4a10-3c1b-4e5f-8a7b-6c5d4e3f2a1b' }],
    ['a role without an organisation', { role: 'ADMIN' }],
    ['an organisation that is not a uuid', { org: 'x', role: 'ADMIN' }],
    ['an unknown role', { org: '9d2f4a10-3c1b-4e5f-8a7b-6c5d4e3f2a1b', role: 'OWNER' }],
  ])('rejects a correctly signed token with %s', (_label, extra) => {
    const body = Buffer.from(
      JSON.stringify({ sub: ID, iat: 1, exp: Math.floor(Date.now() / 1000) + 60, ...extra }),
    ).toString('base64url');
    const mac = createHmac('sha256', SECRET).update(`v1.${body}`).digest('base64url');
    expect(verifyToken(SECRET, `v1.${body}.${mac}`)).toBeNull();
  });

  it('reads only well-formed Authorization: Bearer headers', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});
