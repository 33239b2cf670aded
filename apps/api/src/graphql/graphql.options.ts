import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { GraphQLDateTime, type GqlContext, RequestContext } from '#libs/common';
import { type Authenticator, type DirectResolvers, installDirectResolvers } from '#libs/auth';
import type { AppConfig } from '../config.js';
import { formatError } from './format-error.js';
import { requestPlugin } from './request-plugin.js';
import { freshPerMutation } from './fresh-per-mutation.js';
import { limitListItems } from './list-budget.js';
import { costLimitPlugin } from './limits/limits.plugin.js';
import { QUERY_LIMITS, queryLimitRules } from './limits/query-limits.js';
import { knownOperationTypesRule } from './operation-types.rule.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { rateLimitPlugin } from '../rate-limit/rate-limit.plugin.js';
import { canonicalAddress } from '../client-address.js';

/** graphql-js's "Did you mean …?" of every kind: fields, arguments, types, enum values. */
const SUGGESTION = /Did you mean [^?]*\?/g;

/**
 * In production, "Did you mean …?" would map the schema for a stranger (introspection is off): every
 * suggestion, in documents and in variables alike, is hidden from the answer.
 */
function hideSuggestions(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
            const message = e.message.replace(SUGGESTION, '[Suggestion hidden]');
            return message === e.message ? e : { ...e, message };
          });
        },
      };
    },
  };
}

/** `Cache-Control: no-store` on every GraphQL response, as Apollo's cache-control plugin sent it. */
function noStore(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

export function graphqlOptions(
  config: AppConfig,
  auth: Authenticator,
  logger: Logger,
  limiter: RateLimiter,
  /** Relation fields resolved without Nest's per-call pipeline (see directField). */
  direct: DirectResolvers = {},
  /** Authentication and role before a mistake in the variables (see accessBeforeVariablesPlugin). */
  accessBeforeVariables?: ApolloServerPlugin<GqlContext>,
): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { dateScalarMode: 'isoDate', scalarsMap: [{ type: Date, scalar: GraphQLDateTime }] },
    playground: false,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    fieldResolverEnhancers: ['guards'],
    transformResolvers: (resolvers) =>
      limitListItems(freshPerMutation(installDirectResolvers(resolvers, direct))),
    // Abuse limits (CONTRACT.md section 10), all before execution: tokens while parsing, depth,
    // aliases and directives while validating, cost (needs the variables) once the operation is known.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [...queryLimitRules(), knownOperationTypesRule],
    plugins: [
      // Apollo's cache-control plugin wraps every field's resolver to collect cache hints; the API
      // gives none (every response is personal or per-caller), so it is replaced by noStore().
      ApolloServerPluginCacheControlDisabled(),
      noStore(),
      ...(config.production ? [hideSuggestions()] : []),
      rateLimitPlugin(limiter, config.authSecret, (err) =>
        logger.warn(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'rate limiting failed',
        ),
      ),
      costLimitPlugin(config.queryCostLimit),
      ...(accessBeforeVariables ? [accessBeforeVariables] : []),
      config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestPlugin(logger),
    ],
    formatError,
    context: ({ req }: { req: GqlContext['req'] }): GqlContext => {
      const requestId = typeof req.id === 'string' ? req.id : randomUUID();
      const ip = canonicalAddress(req.ip ?? '');
      const ctx = new RequestContext(
        requestId,
        ip,
        () => auth.fromHeader(req.headers.authorization),
        () => auth.claims(req.headers.authorization),
      );
      // The list-item budget of a query's answer (list-budget.ts, RequestContext.reserveListItems).
      ctx.maxListItems = config.maxListItems;
      return { req, ctx };
    },
  };
}
