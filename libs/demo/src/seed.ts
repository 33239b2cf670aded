import type { Queryable } from '#libs/database';
import { type DemoOptions, generateDemo } from './generate.js';
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from './rows.js';

export interface SeedResult {
  rows: Partial<Record<DemoTable, number>>;
  statements: number;
  ms: number;
}

const ROWS_PER_STATEMENT = 5000;
const FLUSH_ROWS = 20_000;

/**
 * Inserts rows with one multi-row INSERT per batch (JSON → json_populate_recordset, one parameter),
 * so seeding costs a few dozen statements. Run it inside a transaction.
 */
export async function insertRows(q: Queryable, table: DemoTable, rows: readonly object[]): Promise<number> {
  const cols = DEMO_COLUMNS[table].join(', ');
  let statements = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await q.query(
      `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`,
      [JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))],
    );
    statements++;
  }
  return statements;
}

/** Seeds the demo partnership, the showcase person and the synthetic population through `tx`. */
export async function seedDemoRows(tx: Queryable, options: DemoOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const rows: Partial<Record<DemoTable, number>> = {};
  let statements = 0;
  // Batches are buffered per table and flushed together in foreign-key order, so each statement
  // carries thousands of rows.
  const buffers = new Map<DemoTable, object[]>(DEMO_TABLES.map((t) => [t, []]));
  let buffered = 0;
  const flush = async () => {
    for (const table of DEMO_TABLES) {
      const list = buffers.get(table)!;
      if (list.length) statements += await insertRows(tx, table, list);
      buffers.set(table, []);
    }
    buffered = 0;
  };
  for (const batch of generateDemo(options)) {
    buffers.get(batch.table)!.push(...batch.rows);
    buffered += batch.rows.length;
    rows[batch.table] = (rows[batch.table] ?? 0) + batch.rows.length;
    if (buffered >= FLUSH_ROWS) await flush();
  }
  await flush();
  // Fresh statistics, so the first queries on the demo use the indexes.
  await tx.query(`ANALYZE ${DEMO_TABLES.join(', ')}`);
  statements++;
  return { rows, statements, ms: Date.now() - started };
}
