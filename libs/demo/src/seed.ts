import type { Queryable } from '#libs/database';
import { type DemoOptions, generateDemo } from './generate.js';
import { DEMO_COLUMNS, type DemoTable } from './rows.js';

export interface SeedResult {
  rows: Partial<Record<DemoTable, number>>;
  statements: number;
  ms: number;
}

const ROWS_PER_STATEMENT = 5000;

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
  for (const batch of generateDemo(options)) {
    statements += await insertRows(tx, batch.table, batch.rows);
    rows[batch.table] = (rows[batch.table] ?? 0) + batch.rows.length;
  }
  return { rows, statements, ms: Date.now() - started };
}
