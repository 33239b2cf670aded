/** One fixed window's count after a hit. */
export interface WindowCount {
  /** Requests counted in the current window, this hit included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetInMs: number;
}

/**
 * Where request counts live. In memory for one replica; Redis (REDIS_URL) when several replicas
 * must share them — the API itself keeps no state across requests.
 */
export interface RateLimitStore {
  /** Adds `weight` to `key`'s count in the current fixed window of `windowMs`. */
  hit(key: string, weight: number, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

/** The current fixed window: its index and when it ends. */
export function windowOf(now: number, windowMs: number): { index: number; endsAt: number } {
  const index = Math.floor(now / windowMs);
  return { index, endsAt: (index + 1) * windowMs };
}
