import { Db, prepared } from '#libs/database';
import { createTestDatabase } from '../support/test-db.js';

describe('Db: named prepared statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 1 });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const PLUS = prepared('test_prepared_plus', 'SELECT $1::int + $2::int AS sum');

  it('are prepared once per connection, counted like any statement, in and out of transactions', async () => {
    const before = db.counter.count;
    expect(await db.one(PLUS, [1, 2])).toEqual({ sum: 3 });
    expect(await db.one(PLUS, [40, 2])).toEqual({ sum: 42 });
    const inTx = await db.transaction(async (tx) => (await tx.one<{ sum: number }>(PLUS, [5, 5]))!.sum);
    expect(inTx).toBe(10);
    // 2 + BEGIN + 1 + COMMIT
    expect(db.counter.count - before).toBe(5);
    // One connection: the statement exists once on the server, under its name.
    const rows = await db.query(`SELECT name, statement FROM pg_prepared_statements`);
    expect(rows).toEqual([{ name: 'test_prepared_plus', statement: PLUS.text }]);
  });

  it('plain SQL text still works, unnamed', async () => {
    expect(await db.one('SELECT $1::text AS v', ['x'])).toEqual({ v: 'x' });
  });

  it('a name stands for one text only', () => {
    expect(prepared('test_prepared_plus', PLUS.text)).toEqual(PLUS);
    expect(() => prepared('test_prepared_plus', 'SELECT 1')).toThrow(/already declared/);
  });

  it('a failing execution leaves the connection and the statement usable', async () => {
    const DIV = prepared('test_prepared_div', 'SELECT 10 / $1::int AS q');
    await expect(db.one(DIV, [0])).rejects.toThrow(/division by zero/);
    expect(await db.one(DIV, [5])).toEqual({ q: 2 });
  });
});
