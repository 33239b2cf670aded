import type { ApolloServerPlugin } from '@apollo/server';
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { AppError, type GqlContext } from '#libs/common';
import { withHttpStatus } from '../graphql/http-status.js';
import type { RateLimiter } from './rate-limiter.js';
import { rateSubject } from './rate-subject.js';

/**
 * Whether a selection runs: not under @skip(if: true) or @include(if: false), with the request's
 * variables. A directive graphql-js will refuse (a variable of the wrong kind) counts as running.
 */
function runs(node: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  } catch {
    // refused later, before anything runs
  }
  return true;
}

/** Top-level fields of a selection set that run, fragments expanded (3 aliased mutations are 3). */
function rootFieldCount(
  set: SelectionSetNode,
  fragments: Map<string, SelectionSetNode>,
  variables: Record<string, unknown>,
  seen = new Set<string>(),
): number {
  let n = 0;
  for (const s of set.selections) {
    if (!runs(s, variables)) continue;
    if (s.kind === Kind.FIELD) {
      if (s.name.value !== '__typename') n++;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      n += rootFieldCount(s.selectionSet, fragments, variables, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) n += rootFieldCount(f, fragments, variables, seen);
    }
  }
  return n;
}

/**
 * How many requests an operation counts as: each top-level mutation field that runs is one (a field
 * skipped by @skip or @include is not).
 */
export function operationWeight(
  operation: OperationDefinitionNode,
  fragments: Map<string, SelectionSetNode> = new Map(),
  variables: Record<string, unknown> = {},
): number {
  if (operation.operation !== 'mutation') return 1;
  return Math.max(1, rootFieldCount(operation.selectionSet, fragments, variables));
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
          const extra = operationWeight(rc.operation, fragments, rc.request.variables ?? {}) - 1;
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
