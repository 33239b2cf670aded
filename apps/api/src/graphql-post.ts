import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import proxyaddr from 'proxy-addr';
import { answerBodyError } from './http-errors.js';
import { isUtf8Json, readJsonBody } from './json-body.js';

/** A step of Express's pipeline that only needs Node's request and response. */
export type PlainStep = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

export interface DirectPostOptions {
  /** The middleware every request to /graphql passes on Express's pipeline, in its order. */
  steps: PlainStep[];
  /** With CORS_ORIGINS set, requests that carry an Origin go through Express, whose CORS middleware answers them. */
  corsConfigured: boolean;
  logger: Logger;
}

type ContextFunction = (args: {
  req: IncomingMessage;
  res: ServerResponse;
}) => Promise<BaseContext> | BaseContext;

interface StartedApollo {
  server: ApolloServer<BaseContext>;
  context: ContextFunction;
}

/**
 * Answers `POST /graphql` with a JSON body without Express's router, body parser and response
 * helpers, which cost about half the API's CPU of a small request (`{ __typename }`: 0.52–0.68 ms
 * on Express's pipeline against 0.29–0.33 ms without it, on the 2-core bench machine). The request
 * passes the same middleware in the same order (request id and access log, security headers, rate
 * limit), its body is read by the same rules (json-body.ts), the client address is judged by
 * Express's own 'trust proxy' setting, and Apollo Server answers it with the context Nest gives it,
 * so the answer is the one Express's pipeline would give (test/hardening/graphql-post.e2e-spec.ts
 * compares them). Every other request (other paths and methods, other content types and encodings,
 * browsers' requests when CORS is configured) goes to Express as before.
 */
export function answerGraphqlPostsDirectly(app: NestExpressApplication, options: DirectPostOptions): void {
  const express = app.getHttpAdapter().getInstance();
  const server = app.getHttpServer() as Server;
  if (!server.listeners('request').includes(express)) return;
  // Express compiles 'trust proxy' (set before this is called) into this function, as req.ip uses it.
  const trust = express.get('trust proxy fn') as Parameters<typeof proxyaddr>[1];
  let apollo: StartedApollo | null = null;
  const direct = (req: IncomingMessage, res: ServerResponse): void => {
    if (!takenDirectly(req, options.corsConfigured)) return void express(req, res);
    apollo ??= startedApollo(app);
    // Before app.init() Apollo has not started: Express answers (404) as it would.
    if (!apollo) return void express(req, res);
    answer(req, res, apollo, trust, options);
  };
  server.removeListener('request', express);
  server.on('request', direct);
}

function takenDirectly(req: IncomingMessage, corsConfigured: boolean): boolean {
  return (
    req.method === 'POST' &&
    req.url === '/graphql' &&
    isUtf8Json(req) &&
    !(corsConfigured && req.headers.origin !== undefined)
  );
}

function startedApollo(app: NestExpressApplication): StartedApollo | null {
  const module = app.get(GraphQLModule, { strict: false });
  const server = (module.graphQlAdapter as ApolloDriver | undefined)?.instance;
  const context = module.completeOptions?.context as ContextFunction | undefined;
  return server && context ? { server, context } : null;
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  apollo: StartedApollo,
  trust: Parameters<typeof proxyaddr>[1],
  options: DirectPostOptions,
): void {
  const failed = (err: unknown) => {
    if (res.headersSent) {
      options.logger.error(
        { requestId: (req as { id?: unknown }).id },
        'request failed after its answer began',
      );
      res.destroy();
      return;
    }
    answerBodyError(err, req, res, options.logger);
  };
  // req.ip as Express defines it: the address of the client, through the proxies 'trust proxy' trusts.
  Object.defineProperty(req, 'ip', { value: proxyaddr(req, trust), enumerable: true, configurable: true });
  const step = (i: number): void => {
    if (i === options.steps.length) {
      execute(req, res, apollo).catch(failed);
      return;
    }
    try {
      options.steps[i](req, res, (err) => (err ? failed(err) : step(i + 1)));
    } catch (err) {
      failed(err);
    }
  };
  step(0);
}

async function execute(req: IncomingMessage, res: ServerResponse, apollo: StartedApollo): Promise<void> {
  const body = await readJsonBody(req);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await apollo.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: async () => apollo.context({ req, res }),
  });
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.setHeader('Content-Length', Buffer.byteLength(result.body.string));
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
