import type { WindowCounts } from './sliding-window.js';

/** What a store answers for one request: the counts it was judged by, and whether it was counted. */
export interface TakeResult extends WindowCounts {
  /** True when the request fitted and was counted; false when refused (and not counted). */
  allowed: boolean;
}

/**
 * Where request counts live. In memory for one replica; Redis (REDIS_URL) when several replicas
 * must share them — the API itself keeps no state across requests.
 */
export interface RateLimitStore {
  /**
   * Counts `weight` requests for `key` in the current fixed window of `windowMs` if they fit under
   * `limit` in the sliding window (sliding-window.ts `admits`), deciding and counting at once, so
   * that concurrent requests cannot all fit on the same room.
   */
  take(key: string, weight: number, limit: number, windowMs: number): Promise<TakeResult>;
  close(): Promise<void>;
}

/** The fixed window `now` falls in: its index, and how far into it `now` is. */
export function windowOf(now: number, windowMs: number): { index: number; elapsedMs: number } {
  const index = Math.floor(now / windowMs);
  return { index, elapsedMs: now - index * windowMs };
}
