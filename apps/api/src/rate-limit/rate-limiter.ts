import { AppError } from '#libs/common';
import type { RateLimitStore } from './rate-limit.store.js';
import { retryAfterMs } from './sliding-window.js';

export interface RateLimits {
  /** Requests a minute per signed-in staff member; 0 = off. */
  perStaff: number;
  /** Requests a minute per IP address without a (valid) token; 0 = off. */
  perAnonymousIp: number;
}

export const RATE_WINDOW_MS = 60_000;

/** Who a request counts against: the staff member of a valid token, otherwise its IP address. */
export type RateSubject = { staffId: string } | { ip: string };

/**
 * The general request rate limit of CONTRACT.md section 10: at most the limit in any minute, as a
 * sliding window (sliding-window.ts). A refused request is not counted.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: RateLimits,
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** False when both limits are off (0): then nothing needs counting, or even identifying. */
  get active(): boolean {
    return this.limits.perStaff > 0 || this.limits.perAnonymousIp > 0;
  }

  /** Counts `weight` requests for `subject`; throws RATE_LIMITED (with retryAfterSeconds) past the limit. */
  async consume(subject: RateSubject, weight: number): Promise<void> {
    const signedIn = 'staffId' in subject;
    const limit = signedIn ? this.limits.perStaff : this.limits.perAnonymousIp;
    if (limit <= 0 || weight <= 0) return;
    const key = signedIn ? `staff:${subject.staffId}` : `ip:${subject.ip}`;
    const taken = await this.store.take(key, weight, limit, this.windowMs);
    if (!taken.allowed) {
      // Whole seconds, at least 1; rounded to the millisecond first so that floating-point noise
      // (20,000.000000000004 ms) does not add a second.
      const ms = Math.round(retryAfterMs(taken, weight, limit, this.windowMs));
      throw AppError.rateLimited(Math.max(1, Math.ceil(ms / 1000)));
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Nest lifecycle: closes the store (a Redis connection) when the application closes. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
