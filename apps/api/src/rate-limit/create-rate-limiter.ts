import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { MemoryRateLimitStore } from './memory.store.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisRateLimitStore } from './redis.store.js';

/** The general rate limiter: Redis counts when REDIS_URL is set (replicas share them), else in memory. */
export function createRateLimiter(config: AppConfig, logger: Logger): RateLimiter {
  let lastWarning = 0;
  const warn = (err: Error) => {
    // At most one line a minute while Redis is away; requests are let through meanwhile.
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    logger.warn(
      { err: { name: err.name, message: err.message } },
      'rate-limit store unavailable; not limiting',
    );
  };
  const store = config.redisUrl ? new RedisRateLimitStore(config.redisUrl, warn) : new MemoryRateLimitStore();
  return new RateLimiter(store, {
    perStaff: config.rateLimitPerMinute,
    perAnonymousIp: config.rateLimitAnonPerMinute,
  });
}
