import type { Logger } from 'pino';
import type { Db } from '#libs/database';
import type { AppConfig } from './config.js';

/**
 * Runs once after migrations, before serving: the bootstrap administrator and the demo
 * partnership (each library adds its task here as it lands).
 */
export async function runStartupTasks(_config: AppConfig, _db: Db, _logger: Logger): Promise<void> {
  // Filled in by the directory (bootstrap admin) and demo (seed) work.
}
