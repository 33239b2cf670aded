import { Db } from '#libs/database';
import { createTestDatabase } from '../support/test-db.js';

/**
 * Two pieces of work that take two locks in opposite orders: PostgreSQL ends one of them (deadlock
 * detected, after deadlock_timeout) and rolls it back. Db runs the loser again, so both succeed.
 */
describe('Db: work PostgreSQL ends to break a deadlock is run again', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 4 });
    await db.query('CREATE TABLE deadlock_demo (id int PRIMARY KEY, n int NOT NULL)');
    await db.query('INSERT INTO deadlock_demo VALUES (1, 0), (2, 0)');
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('in transactions: both commit, each exactly once', async () => {
    let attempts = 0;
    const crosswise = (first: number, second: number) =>
      db.transaction(async (tx) => {
        attempts++;
        await tx.query('UPDATE deadlock_demo SET n = n + 1 WHERE id = $1', [first]);
        await tx.query('SELECT pg_sleep(0.3)');
        await tx.query('UPDATE deadlock_demo SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([crosswise(1, 2), crosswise(2, 1)]);
    expect(attempts).toBe(3); // one of the two ran twice
    expect(await db.query('SELECT id, n FROM deadlock_demo ORDER BY id')).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('single statements: both answer', async () => {
    // The target list is evaluated left to right: a lock, a pause, the other lock.
    const crosswise = (first: number, second: number) =>
      db.query(
        'SELECT pg_advisory_xact_lock($1::bigint), pg_sleep(0.3), pg_advisory_xact_lock($2::bigint), 1 AS done',
        [first, second],
      );
    const started = Date.now();
    const answers = await Promise.all([crosswise(71, 72), crosswise(72, 71)]);
    expect(answers.map((rows) => rows.map((r) => r.done))).toEqual([[1], [1]]);
    // A deadlock was met and broken (deadlock_timeout is 1 s), not avoided.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
