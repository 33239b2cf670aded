import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Db } from '#libs/database';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';
import { answerGraphqlPostsDirectly } from './graphql-post.js';
import { httpErrorHandler } from './http-errors.js';
import { BODY_LIMIT_BYTES } from './json-body.js';
import { accessLog } from './logging.js';
import { NestPinoLogger } from './nest-logger.js';
import { rateLimitMiddleware } from './rate-limit/rate-limit.middleware.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { serveWebConsole } from './web-console.js';

/** Builds the Nest application (not yet listening). Used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig, db: Db, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db, logger), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(new NestPinoLogger(logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // GraphQL answers are personal and sent with Cache-Control: no-store; an ETag would only cost a
  // hash of every response body.
  app.set('etag', false);
  // First, so that every request (refused ones included) has its id and, at level info, its line.
  const requestLog = accessLog(logger);
  app.use(requestLog);
  // Standard security headers. The content security policy would block the Apollo Sandbox page,
  // which is served outside production only.
  const securityHeaders = helmet({
    contentSecurityPolicy: config.production ? undefined : false,
    crossOriginEmbedderPolicy: false,
  });
  app.use(securityHeaders);
  // Closed by default: without CORS_ORIGINS no browser page on another origin may call the API.
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: false, maxAge: 600 });
  }
  // Every request to /graphql counts against its token's staff member or its IP address, before
  // its body is even read.
  const rateLimit = rateLimitMiddleware(app.get(RateLimiter), config.authSecret, (err) =>
    logger.warn(
      { err: { message: err instanceof Error ? err.message : String(err) } },
      'rate limiting failed',
    ),
  );
  app.use('/graphql', rateLimit);
  // Request bodies over 1 MB are refused (413) before anything else reads them.
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: false });
  // A body that cannot be read (too large, malformed JSON) gets a clean JSON error, never a stack.
  app.use(httpErrorHandler(logger));
  // The staff console (apps/web), when it has been built: / and its client-side routes; /graphql and /health stay the API's.
  serveWebConsole(app);
  // POST /graphql with a JSON body: the same steps without Express's router (graphql-post.ts).
  answerGraphqlPostsDirectly(app, {
    steps: [requestLog, securityHeaders, rateLimit],
    corsConfigured: config.corsOrigins.length > 0,
    logger,
  });
  return app;
}
