import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { AppError, type GqlContext } from '#libs/common';
import { withHttpStatus } from '../graphql/http-status.js';
import type { RateLimiter } from './rate-limiter.js';
import { rateSubject } from './rate-subject.js';

/** Top-level fields of a selection set, fragments expanded (3 aliased mutations are 3). */
function rootFieldCount(
  set: SelectionSetNode,
  fragments: Map<string, SelectionSetNode>,
  seen = new Set<string>(),
): number {
  let n = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value !== '__typename') n++;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      n += rootFieldCount(s.selectionSet, fragments, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) n += rootFieldCount(f, fragments, seen);
    }
  }
  return n;
}

/** How many requests an operation counts as: each top-level mutation field is one. */
export function operationWeight(
  operation: OperationDefinitionNode,
  fragments: Map<string, SelectionSetNode> = new Map(),
): number {
  if (operation.operation !== 'mutation') return 1;
  return Math.max(1, rootFieldCount(operation.selectionSet, fragments));
}

/**
 * Every HTTP request to /graphql already counted one (rate-limit.middleware.ts); a mutation
 * document with several top-level fields counts the rest here, before anything runs. Past the
 * limit it answers as the middleware does: RATE_LIMITED, HTTP 429 with Retry-After. A failure to
 * count never refuses a request (`onError` hears of it).
 */
export function rateLimitPlugin(
  limiter: RateLimiter,
  secret: string,
  onError: (err: unknown) => void,
): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation || !limiter.active) return;
          const fragments = new Map<string, SelectionSetNode>();
          for (const d of rc.document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
          const extra = operationWeight(rc.operation, fragments) - 1;
          if (extra <= 0) return;
          try {
            await limiter.consume(rateSubject(rc.contextValue.req, secret), extra);
          } catch (e) {
            if (!(e instanceof AppError)) return onError(e);
            throw withHttpStatus(e, 429, { 'retry-after': String(e.extensions.retryAfterSeconds) });
          }
        },
      };
    },
  };
}
