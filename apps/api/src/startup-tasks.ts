import type { Logger } from 'pino';
import type { Db } from '#libs/database';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '#libs/demo';
import type { AppConfig } from './config.js';

/**
 * Runs once after migrations, before serving: the bootstrap administrator and the demo
 * partnership (each library adds its task here as it lands).
 */
export async function runStartupTasks(config: AppConfig, db: Db, logger: Logger): Promise<void> {
  if (config.seedDemo) await seedDemo(db, logger);
}

/** The demo partnership on first start (config.seedDemo is never true in production). */
async function seedDemo(db: Db, logger: Logger): Promise<void> {
  const started = Date.now();
  const passwordHash = await demoPasswordHash();
  const result = await seedDemoIfEmpty(db, { passwordHash });
  if (!result) return;
  logger.info(
    { ms: Date.now() - started, insertMs: result.ms, rows: result.rows, statements: result.statements },
    `seeded the demo partnership in ${((Date.now() - started) / 1000).toFixed(1)} s (demo logins: see README, password "${DEMO_PASSWORD}")`,
  );
}

/** The one hash shared by every demo login. */
async function demoPasswordHash(): Promise<string> {
  // Replaced by the directory's hashPassword(DEMO_PASSWORD) once it has landed.
  return 'demo:no-login';
}
