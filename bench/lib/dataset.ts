import os from 'node:os';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFAULT_SEED, DEMO_COLUMNS, DEMO_TABLES, type DemoTable, generateDemo } from '#libs/demo';
import { type Part, unitsInThread } from './copy-units.js';
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
  /** False when a superuser loaded with session_replication_role = replica (the rows are consistent by construction). */
  foreignKeysChecked: boolean;
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
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY pg_relation_size(t.oid) DESC, ix.relname`,
      [DEMO_TABLES as string[]],
    );
    for (const r of rows) await c.query(`DROP INDEX ${r.name}`);
    return rows;
  } finally {
    await c.end();
  }
}

/**
 * Runs statements over `connections` connections at once (one per core), in the order given, each
 * connection taking the next when it is done; returns each statement's seconds under its name.
 */
async function runQueued(
  url: string,
  work: readonly { name: string; sql: string }[],
  connections: number,
  setup: readonly string[] = [],
): Promise<Map<string, number>> {
  const queue = [...work];
  const took = new Map<string, number>();
  const worker = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const sql of setup) await c.query(sql);
      for (let w = queue.shift(); w; w = queue.shift()) {
        const t0 = performance.now();
        await c.query(w.sql);
        took.set(w.name, (performance.now() - t0) / 1000);
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return took;
}

/** Builds the indexes again, two at a time (one per core), largest tables first; returns each one's seconds. */
function rebuildIndexes(url: string, defs: IndexDef[]): Promise<Map<string, number>> {
  return runQueued(
    url,
    defs.map((d) => ({ name: d.name, sql: d.definition })),
    2,
    [`SET maintenance_work_mem = '256MB'`],
  );
}

/**
 * VACUUM (ANALYZE) of every table of the schema, two at a time, largest first: the visibility map,
 * hint bits and statistics autovacuum would leave, in about half the time of one VACUUM of the
 * database on two cores.
 */
async function vacuumTables(url: string): Promise<Map<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let tables: { name: string }[];
  try {
    ({ rows: tables } = await c.query<{ name: string }>(
      `SELECT quote_ident(c.relname) AS name FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')
        ORDER BY pg_total_relation_size(c.oid) DESC, c.relname`,
    ));
  } finally {
    await c.end();
  }
  return runQueued(
    url,
    tables.map((t) => ({ name: t.name, sql: `VACUUM (ANALYZE) ${t.name}` })),
    2,
  );
}

/** One COPY ... FROM STDIN of already formatted lines. */
function copyData(client: pg.Client, table: DemoTable, data: Uint8Array): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${DEMO_COLUMNS[table].join(', ')}) FROM STDIN`));
  return new Promise((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
}

/**
 * The loaded tables' own triggers (not the internal foreign-key ones) that fire on insert, e.g. the
 * referral's age band and the person_pathways summary: they must fire during the load exactly as
 * for the API's writes.
 */
async function userTriggers(client: pg.Client): Promise<{ table: string; name: string }[]> {
  const { rows } = await client.query<{ table: string; name: string }>(
    `SELECT quote_ident(c.relname) AS table, quote_ident(t.tgname) AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND n.nspname = current_schema() AND c.relname = ANY($1::text[])`,
    [DEMO_TABLES as string[]],
  );
  return rows;
}

/**
 * Summaries kept by statement-level triggers that are cheaper to build once after a bulk load than
 * batch by batch: their insert trigger is off during the COPY and the summary is rebuilt from the
 * loaded rows afterwards (the e2e tests prove a rebuild equals what the triggers keep).
 */
const REBUILT_AFTER_LOAD = [
  {
    table: 'referrals',
    trigger: 'analytics_referral_groups_insert',
    rebuild: 'SELECT analytics_rebuild_referral_groups()',
  },
  {
    table: 'referrals',
    trigger: 'referrals_ward_pathways_insert',
    rebuild: 'SELECT analytics_rebuild_all_ward_pathways()',
  },
  {
    table: 'wellbeing_assessments',
    trigger: 'analytics_wellbeing_pairs_insert',
    rebuild: 'SELECT analytics_rebuild_wellbeing_pairs()',
  },
  {
    table: 'outcomes',
    trigger: 'analytics_outcome_groups_insert',
    rebuild: 'SELECT analytics_rebuild_outcome_groups()',
  },
];

async function rebuildSummaries(url: string): Promise<Map<string, number>> {
  const c = new pg.Client({ connectionString: url });
  const took = new Map<string, number>();
  await c.connect();
  try {
    await c.query(`SET work_mem = '256MB'`);
    for (const s of REBUILT_AFTER_LOAD) {
      const t0 = performance.now();
      await c.query(s.rebuild);
      took.set(s.rebuild, (performance.now() - t0) / 1000);
    }
  } finally {
    await c.end();
  }
  return took;
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

/** People per generated chunk: one COPY per table per chunk, so fewer, larger statements. */
const CHUNK_PEOPLE = 500;

/**
 * Loads the demo partnership at the given size with the demo library's deterministic streaming
 * generator: one COPY per table per chunk of people. The partnership goes first; the chunks then
 * go over one connection per core ("lanes"), each chunk in foreign-key order on one lane, while a
 * worker thread formats the next chunks (copy-units.ts). The secondary indexes are built after the
 * load and a VACUUM ANALYZE ends it.
 */
export async function loadDataset(
  url: string,
  size: DataSize,
  log: (line: string) => void,
): Promise<LoadReport> {
  const started = performance.now();
  const plan = peopleFor(size);
  const options = {
    seed: DEFAULT_SEED,
    people: plan.people,
    referralsPerPerson: plan.referralsPerPerson,
    chunkSize: CHUNK_PEOPLE,
  };
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
  const client = new pg.Client({ connectionString: url, application_name: 'pathways-bench-load' });
  await client.connect();
  const lanes: pg.Client[] = [];
  // A superuser skips the foreign-key checks (the generator's rows are consistent by construction)
  // with session_replication_role = replica, and has the tables' own triggers fire all the same
  // (ENABLE ALWAYS for the load, put back afterwards). Anyone else loads with every check on.
  const rebuilt = new Set(REBUILT_AFTER_LOAD.map((s) => s.trigger));
  const triggers = superuser ? (await userTriggers(client)).filter((t) => !rebuilt.has(t.name)) : [];
  try {
    for (const s of REBUILT_AFTER_LOAD)
      await client.query(`ALTER TABLE ${s.table} DISABLE TRIGGER ${s.trigger}`);
    if (superuser)
      for (const t of triggers) await client.query(`ALTER TABLE ${t.table} ENABLE ALWAYS TRIGGER ${t.name}`);
    for (let i = 0; i < Math.max(2, os.cpus().length); i++) {
      const lane = new pg.Client({ connectionString: url, application_name: `pathways-bench-load-${i}` });
      lanes.push(lane);
      await lane.connect();
      if (superuser) await lane.query('SET session_replication_role = replica');
    }
    const load = async (lane: pg.Client, unit: Part[]) => {
      for (const part of unit) await copyData(lane, part.table, part.data);
    };
    const busy: (Promise<number> | null)[] = lanes.map(() => null);
    let first = true;
    let failure: unknown = null;
    try {
      for await (const unit of unitsInThread(options)) {
        for (const part of unit) rows[part.table] = (rows[part.table] ?? 0) + part.rows;
        if (first) {
          // The partnership: every chunk refers to it, so it is in before any chunk starts.
          await load(lanes[0], unit);
          first = false;
          continue;
        }
        const free = busy.indexOf(null);
        const i = free >= 0 ? free : await Promise.race(busy as Promise<number>[]);
        const running = load(lanes[i], unit).then(() => {
          busy[i] = null;
          return i;
        });
        running.catch(() => undefined); // handled below (race or allSettled), never left unhandled
        busy[i] = running;
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`  loading... ${JSON.stringify(rows)}`);
        }
      }
    } catch (e) {
      failure = e;
    }
    // Every lane finishes (or fails) before the connections close; the first failure is thrown.
    const settled = await Promise.allSettled(busy.filter((b) => b !== null));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure !== null || failed) throw (failure ?? failed?.reason) as Error;
  } finally {
    await Promise.all(lanes.map((l) => l.end().catch(() => undefined)));
    if (superuser)
      for (const t of triggers) await client.query(`ALTER TABLE ${t.table} ENABLE TRIGGER ${t.name}`);
    for (const s of REBUILT_AFTER_LOAD)
      await client.query(`ALTER TABLE ${s.table} ENABLE TRIGGER ${s.trigger}`);
    await client.end();
  }
  const copySeconds = (performance.now() - started) / 1000;
  log(
    `  COPY done in ${copySeconds.toFixed(1)} s; building ${dropped.length} secondary indexes and the analytics summary...`,
  );
  const i0 = performance.now();
  const [indexTimes, summaryTimes] = await Promise.all([rebuildIndexes(url, dropped), rebuildSummaries(url)]);
  const indexSeconds = (performance.now() - i0) / 1000;
  const slowest = [...indexTimes, ...summaryTimes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, s]) => `${name} ${s.toFixed(1)} s`)
    .join(', ');
  log(`  indexes and summary built in ${indexSeconds.toFixed(1)} s (slowest: ${slowest}); VACUUM ANALYZE...`);
  const v0 = performance.now();
  await vacuumTables(url);
  const vacuumSeconds = (performance.now() - v0) / 1000;
  return {
    copySeconds,
    indexSeconds,
    vacuumSeconds,
    seconds: copySeconds + indexSeconds + vacuumSeconds,
    rows,
    foreignKeysChecked: !superuser,
  };
}
