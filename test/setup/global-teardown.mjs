import pg from 'pg';

export default async function globalTeardown() {
  const admin = process.env.PW_TEST_ADMIN_URL;
  const run = process.env.PW_TEST_RUN;
  if (admin && run && process.env.TEST_DATABASE_URL) {
    // Leave the shared server as we found it.
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const r of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await client.end();
  }
  const embedded = globalThis.__PW_EMBEDDED__;
  if (embedded) await embedded.stop();
}
