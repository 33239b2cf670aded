import { Db, prepared, preparedShape, SHAPE_LIMIT } from '#libs/database';
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

  it('statements built at run time are named by their text, prepared once per connection, and planned generically once warm', async () => {
    const text = 'SELECT $1::int * 2 AS n';
    const a = preparedShape('test_shape', text);
    expect(typeof a).toBe('object');
    expect(preparedShape('test_shape', text)).toBe(a);
    const name = (a as { name: string }).name;
    expect(name).toMatch(/^test_shape_[A-Za-z0-9_-]{22}$/);
    for (let i = 1; i <= 8; i++) expect(await db.one(a, [i])).toEqual({ n: i * 2 });
    const [row] = await db.query(
      `SELECT statement, generic_plans > 0 AS generic FROM pg_prepared_statements WHERE name = $1`,
      [name],
    );
    expect(row).toEqual({ statement: text, generic: true });
  });

  it('past SHAPE_LIMIT distinct texts, further ones are sent unnamed (what a connection keeps stays bounded)', async () => {
    let named = 0;
    let first: string | null = null;
    for (let i = 0; i <= SHAPE_LIMIT; i++) {
      const sql = preparedShape('test_many', `SELECT ${i} AS i`);
      if (typeof sql === 'string') {
        first ??= sql;
        continue;
      }
      named++;
    }
    expect(named).toBeLessThan(SHAPE_LIMIT);
    expect(first).not.toBeNull();
    // Still answered, just unnamed; and a text named before keeps its name.
    expect(await db.one(preparedShape('test_many', `SELECT ${SHAPE_LIMIT} AS i`), [])).toEqual({
      i: SHAPE_LIMIT,
    });
    expect(typeof preparedShape('test_many', 'SELECT 0 AS i')).toBe('object');
  });
});
