// npm run schema:generate — writes schema.gql from the code (no database needed).
import { writeFile } from 'node:fs/promises';
import { Db } from '#libs/database';
import { createApp } from './app.factory.js';
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { printAppSchema } from './schema-printer.js';

const config = await loadConfig({
  ...process.env,
  AUTH_SECRET: 'schema-generation-only-secret',
  NODE_ENV: 'development',
});
const db = new Db({ url: 'postgres://unused@127.0.0.1:1/unused' });
const app = await createApp(config, db, createLogger('warn'));
await app.init();
await writeFile('schema.gql', printAppSchema(app));
await app.close();
await db.close();
process.stdout.write('wrote schema.gql\n');
