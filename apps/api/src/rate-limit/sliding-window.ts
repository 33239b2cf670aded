/**
 * The general rate limit's rule (CONTRACT.md section 10: so many requests "a minute"), as pure
 * arithmetic: a sliding window of one minute, estimated from two fixed windows' counts (the current
 * one and the one before it), the earlier one weighted by how much of it the sliding window still
 * covers. Counting per fixed window alone let twice the limit through across a window's edge (a
 * full window's worth just before it, another just after); the estimate does not. It assumes the
 * earlier window's requests were spread evenly, so it may hold a client back a little longer than an
 * exact count would, never let one past the limit by a burst at an edge.
 */

/** The two fixed windows' counts, and how far into the current one a request comes. */
export interface WindowCounts {
  /** Requests counted so far in the current fixed window. */
  current: number;
  /** Requests counted in the fixed window before it. */
  previous: number;
  /** Milliseconds since the current fixed window began (0 ≤ elapsedMs < windowMs). */
  elapsedMs: number;
}

/** The share of the previous fixed window still inside the sliding window ending now. */
export function previousShare(elapsedMs: number, windowMs: number): number {
  return 1 - elapsedMs / windowMs;
}

/** Whether `weight` more requests fit under `limit` in the sliding window ending now. */
export function admits(c: WindowCounts, weight: number, limit: number, windowMs: number): boolean {
  return c.previous * previousShare(c.elapsedMs, windowMs) + c.current + weight <= limit;
}

/**
 * How long until `weight` more requests would be admitted, if nothing else is counted meanwhile
 * (refused requests are not counted). Within the current window the previous window's share falls
 * steadily; after it, the current window's count becomes the one that falls. A weight above the
 * limit never fits: the answer is then when both windows are forgotten.
 */
export function retryAfterMs(c: WindowCounts, weight: number, limit: number, windowMs: number): number {
  const rest = windowMs - c.elapsedMs;
  const room = limit - weight; // what the estimate must fall to
  if (room < 0) return rest + windowMs;
  if (c.previous * previousShare(c.elapsedMs, windowMs) + c.current <= room) return 0;
  if (c.current <= room) {
    // previous × (1 − (elapsed + t) / window) + current ≤ room
    const t = windowMs * (1 - (room - c.current) / c.previous) - c.elapsedMs;
    return Math.min(Math.max(t, 0), rest);
  }
  // After this window: current × (1 − t' / window) ≤ room.
  return rest + windowMs * (1 - room / c.current);
}
