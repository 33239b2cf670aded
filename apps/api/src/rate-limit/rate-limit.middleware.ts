import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '#libs/common';
import { sendErrors } from '../http-errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { rateSubject } from './rate-subject.js';

/**
 * Counts every request to /graphql as one — valid or not, before it is parsed — and answers a
 * GraphQL-shaped RATE_LIMITED error (HTTP 429, Retry-After) past the limit. Plain Node request and
 * response, so Express's pipeline and the direct one for POST /graphql share it.
 */
export function rateLimitMiddleware(limiter: RateLimiter, secret: string, onError: (err: unknown) => void) {
  return (req: IncomingMessage & { ip?: string }, res: ServerResponse, next: () => void): void => {
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
        sendErrors(
          res,
          429,
          [{ message: e.message, extensions: { code: e.code, retryAfterSeconds: retryAfter } }],
          { 'Retry-After': String(retryAfter) },
        );
      },
    );
  };
}
