import { bearerToken, verifyToken } from '#libs/auth';
import { canonicalAddress } from '../client-address.js';
import type { RateSubject } from './rate-limiter.js';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The staff member of a correctly signed, unexpired token (checked without the database, so a
 * flood costs no queries); otherwise the client's IP address (in one spelling: canonicalAddress).
 */
export function rateSubject(req: RequestLike, secret: string): RateSubject {
  const token = bearerToken(req.headers.authorization);
  const payload = token ? verifyToken(secret, token) : null;
  if (payload) return { staffId: payload.sub };
  return { ip: canonicalAddress(req.ip ?? req.socket?.remoteAddress ?? 'unknown') };
}
