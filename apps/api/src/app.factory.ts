import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { Db } from '#libs/database';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';
import { serveWebConsole } from './web-console.js';

/** Builds the Nest application (not yet listening). Used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig, db: Db, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db, logger), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Request bodies over 1 MB are refused (413) before anything else reads them.
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: false, maxAge: 600 });
  }
  // The staff console (apps/web), when it has been built: / and its client-side routes; /graphql and /health stay the API's.
  serveWebConsole(app);
  return app;
}
