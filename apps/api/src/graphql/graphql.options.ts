import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { GraphQLDateTime, type GqlContext, RequestContext } from '#libs/common';
import type { Authenticator } from '#libs/auth';
import type { AppConfig } from '../config.js';
import { formatError } from './format-error.js';
import { requestPlugin } from './request-plugin.js';

export function graphqlOptions(config: AppConfig, auth: Authenticator, logger: Logger): ApolloDriverConfig {
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
    plugins: [
      config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestPlugin(logger),
    ],
    formatError,
    context: ({ req }: { req: GqlContext['req'] }): GqlContext => {
      const requestId = typeof req.id === 'string' ? req.id : randomUUID();
      const ip = req.ip ?? '';
      return {
        req,
        ctx: new RequestContext(requestId, ip, () => auth.fromHeader(req.headers.authorization)),
      };
    },
  };
}
