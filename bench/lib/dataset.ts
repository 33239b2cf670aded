import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  DEFAULT_SEED,
  DEMO_COLUMNS,
  DEMO_TABLES,
  type DemoTable,
  generateDemo,
  toCopyLine,
} from '#libs/demo';
import type { DataSize } from './options.js';

export interface LoadReport {
  /** Generating and COPYing every row. */
  copySeconds: number;
  /** Rebuilding the secondary indexes dropped for the load. */
  indexSeconds: number;
  /** VACUUM ANALYZE afterwards (statistics and visibility map, as autovacuum would leave them). */
  vacuumSeconds: number;
  seconds: number;
  rows: Partial<Record<DemoTable, number>>;
  parallel: boolean;
}

interface Sink {
  client: pg.Client;
  stream: NodeJS.WritableStream;
  done: Promise<unknown>;
  rows: number;
}

async function openSink(url: string, table: DemoTable, parallel: boolean): Promise<Sink> {
  const client = new pg.Client({ connectionString: url, application_name: 'pathways-bench-load' });
  await client.connect();
  // The generator's rows are consistent by construction; with one COPY per table running side by
  // side, a referral may arrive before its person commits, so foreign-key triggers are skipped.
  if (parallel) await client.query('SET session_replication_role = replica');
  const cols = DEMO_COLUMNS[table].join(', ');
  const stream = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
  const done = new Promise((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  done.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
  return { client, stream, done, rows: 0 };
}

interface IndexDef {
  name: string;
  definition: string;
}

/**
 * Secondary indexes of the loaded tables (those that back no constraint): dropped before the load
 * and built again afterwards, as pg_restore does, which is several times faster than maintaining
 * them row by row. The schema ends exactly as the migrations left it.
 */
async function dropSecondaryIndexes(url: string): Promise<IndexDef[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<IndexDef>(
      `SELECT quote_ident(ix.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         JOIN pg_class ix ON ix.oid = i.indexrelid
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [DEMO_TABLES as string[]],
    );
    for (const r of rows) await c.query(`DROP INDEX ${r.name}`);
    return rows;
  } finally {
    await c.end();
  }
}

/** Builds the indexes again, two at a time (one per core), largest tables first. */
async function rebuildIndexes(url: string, defs: IndexDef[]): Promise<void> {
  const queue = [...defs];
  const worker = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`SET maintenance_work_mem = '256MB'`);
      for (let d = queue.shift(); d; d = queue.shift()) await c.query(d.definition);
    } finally {
      await c.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

async function closeSink(s: Sink): Promise<void> {
  s.stream.end();
  try {
    await s.done;
  } finally {
    await s.client.end();
  }
}

/** The generator's own mix: its documented benchmark setting. */
export const REFERRALS_PER_PERSON = 10;

/**
 * The generator's `referralsPerPerson` is a mean before its timeline cuts journeys short, and
 * asking for a higher mean saturates (and slows generation), so the referral count is reached by
 * the number of people instead: measured on a deterministic sample of 1,000 people.
 */
export function peopleFor(size: DataSize): {
  people: number;
  referralsPerPerson: number;
  yieldPerPerson: number;
} {
  let n = 0;
  const sample = 1000;
  for (const b of generateDemo({
    seed: DEFAULT_SEED,
    people: sample,
    referralsPerPerson: REFERRALS_PER_PERSON,
    includeShowcase: false,
  }))
    if (b.table === 'referrals') n += b.rows.length;
  const yieldPerPerson = n / sample;
  return {
    people: Math.max(size.people, Math.round(size.referrals / yieldPerPerson)),
    referralsPerPerson: REFERRALS_PER_PERSON,
    yieldPerPerson,
  };
}

/**
 * Loads the demo partnership at the given size with the demo library's deterministic streaming
 * generator: one COPY stream per table, each on its own connection, fed as the batches come
 * (a superuser may skip foreign-key triggers for that; otherwise the tables go one at a time in
 * foreign-key order, each from a fresh pass of the generator).
 */
export async function loadDataset(
  url: string,
  size: DataSize,
  log: (line: string) => void,
): Promise<LoadReport> {
  const started = performance.now();
  const plan = peopleFor(size);
  const options = { seed: DEFAULT_SEED, people: plan.people, referralsPerPerson: plan.referralsPerPerson };
  log(
    `generating ${plan.people} people (the generator yields ${plan.yieldPerPerson.toFixed(2)} referrals per person at its mean of ${plan.referralsPerPerson}) for about ${size.referrals} referrals`,
  );
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const superuser =
    (await probe.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]?.rolsuper ===
    true;
  await probe.end();

  const dropped = await dropSecondaryIndexes(url);
  const rows: Partial<Record<DemoTable, number>> = {};
  let lastLog = performance.now();
  const progress = () => {
    if (performance.now() - lastLog < 10_000) return;
    lastLog = performance.now();
    log(`  loading... ${JSON.stringify(rows)}`);
  };
  const write = async (sink: Sink, table: DemoTable, batch: readonly unknown[]) => {
    let chunk = '';
    for (const row of batch) chunk += toCopyLine(table, row as never);
    rows[table] = (rows[table] ?? 0) + batch.length;
    if (!sink.stream.write(chunk)) await Promise.race([once(sink.stream, 'drain'), sink.done]);
    progress();
  };

  if (superuser) {
    const sinks = new Map<DemoTable, Sink>();
    for (const t of DEMO_TABLES) sinks.set(t, await openSink(url, t, true));
    try {
      for (const batch of generateDemo(options))
        await write(sinks.get(batch.table) as Sink, batch.table, batch.rows);
    } finally {
      for (const s of sinks.values()) await closeSink(s);
    }
  } else {
    for (const t of DEMO_TABLES) {
      const sink = await openSink(url, t, false);
      try {
        for (const batch of generateDemo(options)) if (batch.table === t) await write(sink, t, batch.rows);
      } finally {
        await closeSink(sink);
      }
    }
  }
  const copySeconds = (performance.now() - started) / 1000;
  log(`  COPY done in ${copySeconds.toFixed(1)} s; building ${dropped.length} secondary indexes...`);
  const i0 = performance.now();
  await rebuildIndexes(url, dropped);
  const indexSeconds = (performance.now() - i0) / 1000;
  log(`  indexes built in ${indexSeconds.toFixed(1)} s; VACUUM ANALYZE...`);
  const v0 = performance.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('VACUUM (ANALYZE)');
  } finally {
    await c.end();
  }
  const vacuumSeconds = (performance.now() - v0) / 1000;
  return {
    copySeconds,
    indexSeconds,
    vacuumSeconds,
    seconds: copySeconds + indexSeconds + vacuumSeconds,
    rows,
    parallel: superuser,
  };
}
