import 'reflect-metadata';
import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import {
  connectionProblem,
  Db,
  type EmbeddedPostgresHandle,
  runMigrations,
  startEmbeddedPostgres,
  StartupError,
} from '#libs/database';
import { createApp } from './app.factory.js';
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { runStartupTasks } from './startup-tasks.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** Fails fast, before starting a database, when PORT is taken. */
async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new StartupError(`PORT ${port} is already in use.`) : e),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function fail(message: string): never {
  process.stderr.write(`pathways: ${message}\n`);
  process.exit(1);
}

/**
 * Starts the server. `signals` holds SIGTERM/SIGINT received so far (main.ts catches them from the
 * process's first instant, while this module loads); this adds those that arrive while starting.
 */
async function main(signals: string[]): Promise<void> {
  const startedAt = Date.now();
  // A signal while starting: the step under way finishes (a migration or the demo's transaction is
  // not cut short), then whatever has started is stopped and the process exits 0. Installed before
  // the first await, so that main.ts can hand over without a gap.
  let logger: ReturnType<typeof createLogger> | null = null;
  let stopRequested: string | null = signals[0] ?? null;
  const requestStop = (signal: string) => {
    if (stopRequested) return;
    stopRequested = signal;
    logger?.info({ signal }, 'stopping: the server was still starting');
  };
  const early = { SIGTERM: () => requestStop('SIGTERM'), SIGINT: () => requestStop('SIGINT') };
  process.on('SIGTERM', early.SIGTERM);
  process.on('SIGINT', early.SIGINT);

  const config = await loadConfig();
  const log = createLogger(config.logLevel);
  logger = log;
  for (const warning of config.warnings) log.warn(warning);
  const exitStopped = (): never => {
    log.info('stopped');
    log.flush?.();
    process.exit(0);
  };
  const stopIfAsked = async (close: () => Promise<void>) => {
    if (!stopRequested) return;
    await close();
    exitStopped();
  };
  // A signal while this module loaded: nothing has started yet.
  if (stopRequested) log.info({ signal: stopRequested }, 'stopping: the server was still starting');
  await stopIfAsked(async () => undefined);

  await assertPortFree(config.port);

  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log.info({ dataDir: config.dataDir }, 'starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      ownProcessGroup: true,
      log: (line) => log.debug({ postgres: line }, 'postgres'),
    });
    log.info(
      { dataDir: embedded.dataDir },
      embedded.created ? 'created a new PostgreSQL cluster' : 'reusing the existing PostgreSQL cluster',
    );
    url = embedded.url;
  }

  const stopEmbedded = async () => {
    await embedded?.stop().catch(() => undefined);
  };
  await stopIfAsked(stopEmbedded);

  const db = new Db({
    url,
    max: config.dbPoolSize,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
    onError: (err) => log.warn({ err: { message: err.message } }, 'database connection error'),
  });

  try {
    const problem = await db.problem(5000);
    if (problem !== null) {
      throw new StartupError(
        config.databaseUrl
          ? `DATABASE_URL does not answer: ${connectionProblem(problem, url)}`
          : `The embedded PostgreSQL does not answer: ${connectionProblem(problem, url)}`,
      );
    }
    const applied = await runMigrations(url);
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
    // Asked to stop while migrating: the demo is not seeded (it would take seconds more).
    if (!stopRequested) await runStartupTasks(config, db, log);
  } catch (e) {
    await db.close().catch(() => undefined);
    await stopEmbedded();
    throw e;
  }
  const closeDb = async () => {
    await db.close().catch(() => undefined);
    await stopEmbedded();
  };
  await stopIfAsked(closeDb);

  const app = await createApp(config, db, log);
  try {
    await app.listen(config.port);
  } catch (e) {
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await stopEmbedded();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new StartupError(`PORT ${config.port} is already in use.`);
    throw e;
  }
  await stopIfAsked(async () => {
    await app.close().catch(() => undefined);
    await closeDb();
  });
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    { port, readyInMs: Date.now() - startedAt, database: embedded ? 'embedded' : 'external' },
    `Pathways is ready: GraphQL at http://localhost:${port}/graphql`,
  );

  let stopping = false;
  // Once stopping, every answer still to be sent closes its keep-alive connection after it (those in
  // flight, and any request that still arrives on an open connection), so no connection carries a
  // further request and the server is not held open by idle clients.
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.once('close', () => unanswered.delete(res));
    }
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    // At the deadline, what is still running in the database is ended there first (rolled back, so a
    // request given up on never commits later), which lets those requests answer that the service is
    // unavailable; whatever connection is still open a moment later is closed.
    let lastResort: NodeJS.Timeout | undefined;
    const force = setTimeout(() => {
      void db.abandonBusy().then((ended) => {
        if (ended > 0) log.warn({ ended }, 'shutdown: ended database work still running at the deadline');
        lastResort = setTimeout(() => server.closeAllConnections(), 500);
        lastResort.unref();
      });
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    clearTimeout(lastResort);
    // Closing waits no longer than the deadline either: a request cut off there may still hold a
    // connection of the pool (its database work was ended above).
    const untilDeadline = <T>(p: Promise<T>) =>
      Promise.race([
        p.catch(() => undefined),
        new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref()),
      ]);
    await untilDeadline(app.close());
    await untilDeadline(db.close());
    await stopEmbedded();
    exitStopped();
  };
  process.removeListener('SIGTERM', early.SIGTERM);
  process.removeListener('SIGINT', early.SIGINT);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Starts the server (see main), ending the process with one clear line when it cannot. */
export function start(signals: string[]): Promise<void> {
  return main(signals).catch((e) => {
    if (e instanceof StartupError) fail(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EACCES' || err?.code === 'EROFS')
      fail(`cannot write to ${err.path ?? 'DATA_DIR'} (${err.code}).`);
    fail(`could not start: ${err?.message ?? String(e)}`);
  });
}
