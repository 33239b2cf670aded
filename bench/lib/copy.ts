import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in PostgreSQL's COPY text format (before escaping for the line). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) return escape(arrayLiteral(v));
  if (typeof v === 'object') return escape(JSON.stringify(v));
  return escape(String(v));
}

function arrayLiteral(items: readonly unknown[]): string {
  const parts = items.map((x) => {
    if (x === null || x === undefined) return 'NULL';
    if (Array.isArray(x)) return arrayLiteral(x);
    const s = x instanceof Date ? x.toISOString() : String(x);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

function escape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

/** One COPY text line for a row given as an object (by column name) or as an array (in column order). */
export function copyLine(
  row: Record<string, unknown> | readonly unknown[],
  columns: readonly string[],
): string {
  const values = Array.isArray(row) ? row : columns.map((c) => (row as Record<string, unknown>)[c]);
  return values.map(literal).join('\t') + '\n';
}

/**
 * Streams batches of rows into `table` with one COPY ... FROM STDIN. Columns come from the first
 * row's keys unless given. Returns the number of rows written.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  batches: AsyncIterable<ReadonlyArray<Record<string, unknown> | readonly unknown[]>>,
  columns?: readonly string[],
): Promise<number> {
  let cols = columns;
  let stream: NodeJS.WritableStream | null = null;
  let done: Promise<unknown> | null = null;
  let count = 0;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    if (!cols) {
      if (Array.isArray(batch[0])) throw new Error(`copyRows(${table}): array rows need column names`);
      cols = Object.keys(batch[0]);
    }
    if (!stream) {
      const ident = (n: string) => `"${n.replace(/"/g, '""')}"`;
      const s = client.query(copyFrom(`COPY ${ident(table)} (${cols.map(ident).join(', ')}) FROM STDIN`));
      stream = s;
      done = new Promise((resolve, reject) => {
        s.on('finish', resolve);
        s.on('error', reject);
      });
    }
    let chunk = '';
    for (const row of batch) chunk += copyLine(row, cols);
    count += batch.length;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
  }
  if (stream) {
    stream.end();
    await done;
  }
  return count;
}
