import { Redis } from 'ioredis';
import { type RateLimitStore, type TakeResult, windowOf } from './rate-limit.store.js';
import { previousShare } from './sliding-window.js';

/** After Redis failed to count, how long requests go uncounted before it is asked again. */
export const REDIS_BACKOFF_MS = 5000;

/**
 * Reads the current and the previous fixed window's counts, and adds the weight to the current one
 * only if the sliding-window estimate stays within the limit (sliding-window.ts `admits`, the same
 * arithmetic): one round trip, atomic. KEYS: current, previous window. ARGV: weight, the previous
 * window's share, limit, the current key's lifetime in ms. Answers {current, previous, counted}.
 */
const TAKE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local weight = tonumber(ARGV[1])
if previous * tonumber(ARGV[2]) + current + weight > tonumber(ARGV[3]) then
  return {current, previous, 0}
end
current = redis.call('INCRBY', KEYS[1], weight)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {current, previous, 1}`;

type TakeCommand = (
  current: string,
  previous: string,
  weight: number,
  share: string,
  limit: number,
  ttlMs: number,
) => Promise<[number, number, number]>;

/**
 * Sliding-window counts shared by every replica through Redis (used when REDIS_URL is set): one
 * script call per request (TAKE_SCRIPT) on a key per fixed window, each kept for two windows. When
 * Redis does not answer quickly the request is let through (failing open) and `onError` is told:
 * the API never needs Redis to serve. After a failure, requests go uncounted for REDIS_BACKOFF_MS
 * before Redis is asked again.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  /** TAKE_SCRIPT, sent by its digest once Redis knows it. */
  private readonly takeCommand: TakeCommand;
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
    this.redis.defineCommand('pathwaysRateTake', { numberOfKeys: 2, lua: TAKE_SCRIPT });
    this.takeCommand = (
      this.redis as unknown as Record<'pathwaysRateTake', TakeCommand>
    ).pathwaysRateTake.bind(this.redis);
  }

  async take(key: string, weight: number, limit: number, windowMs: number): Promise<TakeResult> {
    const now = this.now();
    const { index, elapsedMs } = windowOf(now, windowMs);
    const open: TakeResult = { current: 0, previous: 0, elapsedMs, allowed: true };
    if (now < this.skipUntil) return open;
    // Both keys in one hash slot ({key}), so the script may run on a Redis Cluster too.
    const base = `${this.prefix}:{${key}}`;
    try {
      if (this.redis.status === 'connecting' || this.redis.status === 'connect') await this.firstConnect();
      const [current, previous, counted] = await this.takeCommand(
        `${base}:${index}`,
        `${base}:${index - 1}`,
        weight,
        String(previousShare(elapsedMs, windowMs)),
        limit,
        2 * windowMs + 1000,
      );
      if (![current, previous, counted].every(Number.isFinite))
        throw new Error('unexpected reply from Redis');
      return { current: Number(current), previous: Number(previous), elapsedMs, allowed: counted === 1 };
    } catch (e) {
      this.skipUntil = this.now() + REDIS_BACKOFF_MS;
      this.onError(e instanceof Error ? e : new Error(String(e)));
      return open;
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
