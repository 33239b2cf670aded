import type { Logger } from 'pino';
import { type Db, StartupError } from '#libs/database';
import { bootstrapAdminProblem, ensureBootstrapAdmin } from '#libs/directory';
import type { AppConfig } from './config.js';

/**
 * Runs once after migrations, before serving: the bootstrap administrator and the demo
 * partnership (each library adds its task here as it lands).
 */
export async function runStartupTasks(config: AppConfig, db: Db, logger: Logger): Promise<void> {
  await bootstrapAdmin(config, db, logger);
}

/** BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD (CONTRACT.md section 1). */
async function bootstrapAdmin(config: AppConfig, db: Db, logger: Logger): Promise<void> {
  if (!config.bootstrapAdmin) return;
  const { email, password } = config.bootstrapAdmin;
  const problem = bootstrapAdminProblem(email, password);
  if (problem) throw new StartupError(problem);
  const id = await ensureBootstrapAdmin(db, email, password);
  if (id) logger.info({ staffId: id }, 'created the bootstrap administrator');
  else logger.debug('bootstrap administrator already present');
}
