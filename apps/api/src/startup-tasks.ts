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
  await warnAboutTextHandling(db, logger);
  await seedDemo(db, config.seedDemo, logger);
  await bootstrapAdmin(config, db, logger);
  await warnWhenNobodyCanSignIn(db, logger);
}

/** A database without one active staff member serves nobody: say how to create the first. */
async function warnWhenNobodyCanSignIn(db: Db, logger: Logger): Promise<void> {
  const anyone = await db.one('SELECT 1 FROM staff WHERE active LIMIT 1');
  if (anyone) return;
  logger.warn(
    'no staff member can sign in yet: set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD (12 characters or more) and restart to create the first administrator',
  );
}

/**
 * The rules count characters and match text case-insensitively in PostgreSQL (char_length, lower).
 * A database that is not UTF-8 counts bytes, and one whose locale folds only ASCII lets "ÉMILE@…" and
 * "émile@…" be two staff emails: said at start, with what to do about it.
 */
async function warnAboutTextHandling(db: Db, logger: Logger): Promise<void> {
  const row = await db.one<{ encoding: string; folds: boolean }>(
    `SELECT current_setting('server_encoding') AS encoding, lower('É') = 'é' AS folds`,
  );
  if (!row || (row.encoding === 'UTF8' && row.folds)) return;
  logger.warn(
    { encoding: row.encoding, foldsAccents: row.folds },
    row.encoding !== 'UTF8'
      ? `the database's encoding is ${row.encoding}, not UTF8: lengths of non-ASCII text are counted in bytes and case-insensitive matching is ASCII only. Create the database with ENCODING 'UTF8' (and a UTF-8 locale such as C.UTF-8).`
      : `the database's locale folds only ASCII letters (lower('É') is not 'é'): email and search matching ignore case for ASCII only. Create the database with a UTF-8 locale such as C.UTF-8.`,
  );
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
  if (!result) {
    // SEED_DEMO=true seeds only a database without organisations: the operator asked, so say why not.
    if (mode === 'requested')
      logger.warn(
        'SEED_DEMO=true: the database already has organisations, so the demo partnership was not seeded (it is seeded only into a database without any)',
      );
    return;
  }
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
