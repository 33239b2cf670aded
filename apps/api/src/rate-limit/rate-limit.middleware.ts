import type { NextFunction, Request, Response } from 'express';
import { AppError } from '#libs/common';
import type { RateLimiter } from './rate-limiter.js';
import { rateSubject } from './rate-subject.js';

/**
 * Counts every request to /graphql as one — valid or not, before it is parsed — and answers a
 * GraphQL-shaped RATE_LIMITED error (HTTP 429, Retry-After) past the limit.
 */
export function rateLimitMiddleware(limiter: RateLimiter, secret: string, onError: (err: unknown) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!limiter.active) return next(); // limits off: not even the token's signature is checked
    limiter.consume(rateSubject(req, secret), 1).then(
      () => next(),
      (e: unknown) => {
        if (!(e instanceof AppError)) {
          onError(e);
          next(); // never refuse a request because counting failed
          return;
        }
        const retryAfter = Number(e.extensions.retryAfterSeconds);
        res
          .status(429)
          .set('Retry-After', String(retryAfter))
          .json({
            errors: [{ message: e.message, extensions: { code: e.code, retryAfterSeconds: retryAfter } }],
          });
      },
    );
  };
}
