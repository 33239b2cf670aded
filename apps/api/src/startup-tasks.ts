import type { Logger } from 'pino';
import type { Db } from '#libs/database';
import { DEMO_PASSWORD, type DemoSeedMode, seedDemoOnStart } from '#libs/demo';
import { ensureBootstrapAdmin, hashPassword } from '#libs/directory';
import type { AppConfig } from './config.js';

/**
 * Runs once after migrations, before serving: the demo partnership (first start only, so before
 * anything else creates an organisation) and the bootstrap administrator.
 */
export async function runStartupTasks(config: AppConfig, db: Db, logger: Logger): Promise<void> {
  await seedDemo(db, config.seedDemo, logger);
  await bootstrapAdmin(config, db, logger);
}

/**
 * The demo partnership on the first start, or whenever SEED_DEMO=true finds no organisations
 * (DemoSeedMode; never in production). Run on every start: a first start without the demo is
 * remembered too.
 */
async function seedDemo(db: Db, mode: DemoSeedMode, logger: Logger): Promise<void> {
  const started = Date.now();
  // One hash shared by every demo login (the demo password is for demo data only).
  const result = await seedDemoOnStart(db, mode, async () => ({
    passwordHash: await hashPassword(DEMO_PASSWORD),
  }));
  if (!result) return;
  const ms = Date.now() - started;
  logger.info(
    { ms, insertMs: result.ms, rows: result.rows, statements: result.statements },
    `seeded the demo partnership in ${(ms / 1000).toFixed(1)} s (demo logins in the README, password "${DEMO_PASSWORD}")`,
  );
}

/** BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD (CONTRACT.md section 1). */
async function bootstrapAdmin(config: AppConfig, db: Db, logger: Logger): Promise<void> {
  if (!config.bootstrapAdmin) return;
  const { email, password } = config.bootstrapAdmin;
  // loadConfig has refused credentials that cannot be used (bootstrapAdminProblem).
  const id = await ensureBootstrapAdmin(db, email, password);
  if (id) logger.info({ staffId: id }, 'created the bootstrap administrator');
  else logger.debug('bootstrap administrator already present');
}
