import { Redis } from 'ioredis';
import { type RateLimitStore, type WindowCount, windowOf } from './rate-limit.store.js';

/** After Redis failed to count, how long requests go uncounted before it is asked again. */
export const REDIS_BACKOFF_MS = 5000;

/**
 * Fixed-window counts shared by every replica through Redis (used when REDIS_URL is set): one
 * INCRBY + PEXPIRE per request on a key per window. When Redis does not answer quickly the
 * request is let through (failing open) and `onError` is told: the API never needs Redis to serve.
 * After a failure, requests go uncounted for REDIS_BACKOFF_MS before Redis is asked again.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  /**
   * Until when Redis is not asked (it just failed). A Redis that accepts connections but never
   * answers would otherwise cost every request the wait for its answer (half a second); this way
   * one request in each back-off pays it. Local to the process, and only an optimisation: every
   * replica finds out for itself.
   */
  private skipUntil = 0;

  constructor(
    url: string,
    private readonly onError: (err: Error) => void = () => undefined,
    private readonly prefix = 'pathways:rl',
    private readonly now: () => number = Date.now,
  ) {
    this.redis = new Redis(url, {
      // Never queue a count while Redis is away: fail open at once instead of delaying the request.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', (err: Error) => this.onError(err));
  }

  async hit(key: string, weight: number, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    const { index, endsAt } = windowOf(now, windowMs);
    const redisKey = `${this.prefix}:${key}:${index}`;
    if (now < this.skipUntil) return { count: 0, resetInMs: endsAt - now };
    try {
      if (this.redis.status === 'connecting' || this.redis.status === 'connect') await this.firstConnect();
      const res = await this.redis
        .multi()
        .incrby(redisKey, weight)
        .pexpire(redisKey, windowMs + 1000)
        .exec();
      const count = Number(res?.[0]?.[1]);
      if (!Number.isFinite(count)) throw new Error('unexpected reply from Redis');
      return { count, resetInMs: endsAt - now };
    } catch (e) {
      this.skipUntil = this.now() + REDIS_BACKOFF_MS;
      this.onError(e instanceof Error ? e : new Error(String(e)));
      return { count: 0, resetInMs: endsAt - now };
    }
  }

  /** While the very first connection is being made, wait for it briefly (later outages fail open at once). */
  private firstConnect(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 500);
      this.redis.once('ready', done);
    });
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
