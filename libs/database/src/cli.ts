// npm run migration:run | migration:revert — against DATABASE_URL, or the embedded PostgreSQL in DATA_DIR.
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded.js';
import { revertLastMigration, runMigrations } from './migrate.js';
import { StartupError } from './startup-error.js';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert') {
    process.stderr.write('usage: cli.js run|revert\n');
    process.exit(2);
  }
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(process.env.DATA_DIR ?? './.data', 'pg') });
    url = embedded.url;
  }
  try {
    if (command === 'run') {
      const ran = await runMigrations(url);
      process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'no pending migrations\n');
    } else {
      const name = await revertLastMigration(url);
      process.stdout.write(name ? `reverted: ${name}\n` : 'no migration to revert\n');
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((e) => {
  process.stderr.write(
    `${e instanceof StartupError ? e.message : e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});
