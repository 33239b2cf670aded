import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid, Role } from '#libs/common';

/** Bearer tokens: `v1.<base64url JSON payload>.<base64url HMAC-SHA256>`, signed with AUTH_SECRET. */
export interface TokenPayload {
  /** staff id */
  sub: string;
  /** issued at, seconds since the epoch */
  iat: number;
  /** expires at, seconds since the epoch */
  exp: number;
  /** the staff member's token generation when issued (absent = 0); deactivation moves it on */
  gen?: number;
  /**
   * The staff member's organisation and role when issued. With them, an operation whose statement
   * checks its caller itself (CallerCheckedInStatement) needs no lookup of its own; they are
   * compared with the staff row every time, so they are claims, never trusted alone.
   */
  org?: string;
  role?: Role;
}

/** What a token says about its staff member besides the id. */
export interface TokenClaims {
  /** the staff member's token generation (deactivation moves it on); 0 when omitted */
  generation?: number;
  organisationId?: string;
  role?: Role;
}

const ROLES: ReadonlySet<string> = new Set(Object.values(Role));

export const TOKEN_TTL_SECONDS = 8 * 60 * 60;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');
}

export function issueToken(
  secret: string,
  staffId: string,
  now = Date.now(),
  ttlSeconds = TOKEN_TTL_SECONDS,
  claims: TokenClaims = {},
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now / 1000);
  const payload: TokenPayload = { sub: staffId, iat, exp: iat + ttlSeconds };
  if (claims.generation) payload.gen = claims.generation;
  if (claims.organisationId !== undefined && claims.role !== undefined) {
    payload.org = claims.organisationId;
    payload.role = claims.role;
  }
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { token: `v1.${body}.${sign(secret, body)}`, expiresAt: new Date(payload.exp * 1000) };
}

/** The payload of a well-formed, correctly signed, unexpired token; otherwise null. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenPayload | null {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const [, body, mac] = parts;
  const expected = Buffer.from(sign(secret, body), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload?.sub !== 'string' || typeof payload.exp !== 'number' || typeof payload.iat !== 'number')
    return null;
  if (payload.gen !== undefined && !(Number.isInteger(payload.gen) && payload.gen >= 0)) return null;
  // Both claims or neither, each well-formed.
  if ((payload.org === undefined) !== (payload.role === undefined)) return null;
  if (payload.org !== undefined && !(isUuid(payload.org) && ROLES.has(payload.role as string))) return null;
  if (payload.exp * 1000 <= now) return null;
  // Tokens last 8 hours (CONTRACT.md section 10), whatever a signed payload claims: one that would
  // last longer, or that says it was issued later than now (beyond a minute of clock skew between
  // replicas), was not issued by this server.
  if (payload.exp - payload.iat > TOKEN_TTL_SECONDS || payload.iat * 1000 > now + 60_000) return null;
  return payload;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : null;
}
