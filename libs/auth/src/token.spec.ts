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
    expect(verifyToken(SECRET, issueToken(SECRET, ID, Date.now(), undefined, 3).token)?.gen).toBe(3);
  });

  it('reads only well-formed Authorization: Bearer headers', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});
