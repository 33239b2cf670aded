import { type RateLimitStore, type TakeResult, windowOf } from './rate-limit.store.js';
import { admits } from './sliding-window.js';

/** Counts of the current and the previous fixed window in this process's memory (the default: one replica, nothing to run). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counts = new Map<string, { index: number; current: number; previous: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, weight: number, limit: number, windowMs: number): Promise<TakeResult> {
    const now = this.now();
    const { index, elapsedMs } = windowOf(now, windowMs);
    this.sweep(index, now, windowMs);
    const held = this.counts.get(key);
    const counts = {
      current: held?.index === index ? held.current : 0,
      previous: held?.index === index ? held.previous : held?.index === index - 1 ? held.current : 0,
      elapsedMs,
    };
    const allowed = admits(counts, weight, limit, windowMs);
    if (allowed) this.counts.set(key, { index, current: counts.current + weight, previous: counts.previous });
    return { ...counts, current: counts.current + (allowed ? weight : 0), allowed };
  }

  /** Drops counts no sliding window can reach any more, at most once a window, so memory stays bounded. */
  private sweep(index: number, now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [k, v] of this.counts) if (v.index < index - 1) this.counts.delete(k);
  }

  /** Keys held (tests). */
  get size(): number {
    return this.counts.size;
  }

  async close(): Promise<void> {
    this.counts.clear();
  }
}
