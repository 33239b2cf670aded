import pg from 'pg';
import { Db } from '#libs/database';
import { createTestDatabase } from '../support/test-db.js';

describe('Db: a connection PostgreSQL ends in the middle of a transaction', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let admin: pg.Client;
  const heard: Error[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 2, onError: (e) => heard.push(e) });
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
    await database.drop();
  });

  it('fails that transaction, is reported, and leaves the process and the pool working', async () => {
    const attempt = db.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Ended between two statements (a restart, an administrator, an idle-in-transaction timeout):
      // the connection's 'error' arrives while no statement of ours is running.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((r) => setTimeout(r, 300));
      await tx.query('SELECT 1');
    });
    await expect(attempt).rejects.toThrow();
    expect(heard.length).toBeGreaterThan(0);
    expect(await db.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    expect(await db.transaction((tx) => tx.query('SELECT 2 AS n'))).toEqual([{ n: 2 }]);
  });
});
