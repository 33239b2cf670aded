import { type RateLimitStore, type WindowCount, windowOf } from './rate-limit.store.js';

/** Fixed-window counts in this process's memory (the default: one replica, nothing to run). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counts = new Map<string, { index: number; count: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, weight: number, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    const { index, endsAt } = windowOf(now, windowMs);
    this.sweep(index, now, windowMs);
    const cur = this.counts.get(key);
    const count = cur && cur.index === index ? cur.count + weight : weight;
    this.counts.set(key, { index, count });
    return { count, resetInMs: endsAt - now };
  }

  /** Drops the counts of past windows, at most once a window, so memory stays bounded. */
  private sweep(index: number, now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [k, v] of this.counts) if (v.index !== index) this.counts.delete(k);
  }

  /** Keys held (tests). */
  get size(): number {
    return this.counts.size;
  }

  async close(): Promise<void> {
    this.counts.clear();
  }
}
