import { buildPartnership, type Partnership } from './partnership.js';
import { generatePerson, type PopulationOptions } from './population.js';
import { emptyRecords, type PersonRecords } from './records.js';
import type { DemoRows, DemoTable } from './rows.js';
import { buildShowcase } from './showcase.js';

/**
 * The demo data generator: a streaming, deterministic source of plain rows.
 *
 *   for (const batch of generateDemo({ seed: 42, people: 2000 })) {
 *     // batch.table: 'organisations' | 'services' | … ; batch.rows: DemoRows[table][]
 *   }
 *
 * - Deterministic: the same options (seed, people, referralsPerPerson, days, asOf) give the same
 *   rows, ids included, every time. Without `asOf` the timeline ends an hour before now, so the
 *   rows are the same except that every timestamp moves with the calendar.
 * - Streaming: batches are yielded in foreign-key order per chunk of `chunkSize` people (the
 *   partnership and showcase first, then people, consents, referrals, referral_events,
 *   wellbeing_assessments, outcomes for each chunk); memory stays bounded at any size.
 * - One table at a time: `streamTable(table, options)` yields only that table's rows (each person
 *   is regenerated from (seed, index), identically), for PostgreSQL COPY — load the tables in
 *   DEMO_TABLES order with DEMO_COLUMNS[table] as the column list and toCopyLine() per row.
 * - Rows are consistent: events after creation in lawful life-cycle order with the right parties;
 *   accepted_at ≤ started_at ≤ completed_at from the events; cross-organisation referrals only with
 *   an active REFERRAL_SHARING consent covering the receiver (or a recorded safeguarding override);
 *   assessments and outcomes by the receiving service after the support started; nothing later
 *   than asOf minus one hour.
 *
 * Speed (compiled, one core): about 180,000 rows a second, so the benchmark size takes ~25 s per
 * pass; either COPY each batch of generateDemo as it comes (one COPY statement per batch, in the
 * order given), or make one pass per table with streamTable.
 *
 * Defaults: 2,000 people with a mean of 3.3 referrals each over two years (about 6,000 referrals,
 * 21,000 events, 3,300 assessments and 1,800 outcomes). BENCHMARK_SIZE gives about 100,000
 * people, 1,000,000 referrals with 3,500,000 events, 300,000 assessments and 200,000 outcomes.
 */
export interface DemoOptions {
  seed?: number;
  people?: number;
  referralsPerPerson?: number;
  /** Chance that an adult's started support gets a baseline wellbeing assessment (default 0.6). */
  wellbeingShare?: number;
  /** Chance that completed support records a contracted outcome (default 0.5). */
  outcomeShare?: number;
  /** Registrations spread over this many days before asOf (default 730). */
  days?: number;
  /** The end of the timeline (default: an hour ago, truncated to the minute). */
  asOf?: Date;
  /** People per chunk of batches (default 100: small chunks keep garbage collection cheap). */
  chunkSize?: number;
  /** Include the partnership's organisations, services and staff (default true). */
  includePartnership?: boolean;
  /** Include the showcase person (default true). */
  includeShowcase?: boolean;
  /** Hash stored for every demo login (default: a value no password matches). */
  passwordHash?: string;
}

export const DEFAULT_SEED = 20_260_301;

/** About 100k people, 1M referrals (with full history), 300k assessments, 200k outcomes. */
export const BENCHMARK_SIZE: DemoOptions = Object.freeze({
  people: 100_000,
  referralsPerPerson: 11.5,
  wellbeingShare: 0.33,
  outcomeShare: 0.29,
});
export const NO_LOGIN_HASH = 'demo:no-login';

export interface Batch<T extends DemoTable = DemoTable> {
  table: T;
  rows: DemoRows[T][];
}

export interface ResolvedOptions extends PopulationOptions {
  chunkSize: number;
  includePartnership: boolean;
  includeShowcase: boolean;
  passwordHash: string;
}

export function resolveOptions(options: DemoOptions = {}): ResolvedOptions {
  const asOf = options.asOf ?? new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
  return {
    seed: options.seed ?? DEFAULT_SEED,
    people: options.people ?? 2000,
    referralsPerPerson: options.referralsPerPerson ?? 3.3,
    days: options.days ?? 730,
    wellbeingShare: options.wellbeingShare ?? 0.6,
    outcomeShare: options.outcomeShare ?? 0.5,
    asOf,
    chunkSize: options.chunkSize ?? 100,
    includePartnership: options.includePartnership ?? true,
    includeShowcase: options.includeShowcase ?? true,
    passwordHash: options.passwordHash ?? NO_LOGIN_HASH,
  };
}

const PERSON_TABLES = [
  'people',
  'consents',
  'referrals',
  'referral_events',
  'wellbeing_assessments',
  'outcomes',
] as const;

function* recordBatches(r: PersonRecords): Generator<Batch> {
  for (const t of PERSON_TABLES) if (r[t].length) yield { table: t, rows: r[t] } as Batch;
}

function* partnershipBatches(p: Partnership): Generator<Batch> {
  yield { table: 'organisations', rows: p.organisations };
  yield { table: 'services', rows: p.services };
  yield { table: 'staff', rows: p.staff };
  yield { table: 'staff_services', rows: p.staffServices };
}

/** Every row of the demo, in batches, in an order that satisfies the foreign keys. */
export function* generateDemo(options: DemoOptions = {}): Generator<Batch> {
  const o = resolveOptions(options);
  const p = buildPartnership(o.asOf, o.passwordHash);
  if (o.includePartnership) yield* partnershipBatches(p);
  if (o.includeShowcase) yield* recordBatches(buildShowcase(p, o.asOf));
  for (let start = 0; start < o.people; start += o.chunkSize) {
    const chunk = emptyRecords();
    for (let i = start; i < Math.min(o.people, start + o.chunkSize); i++) {
      const r = generatePerson(p, o, i);
      for (const t of PERSON_TABLES) (chunk[t] as unknown[]).push(...r[t]);
    }
    yield* recordBatches(chunk);
  }
}

/** Only `table`'s rows, in batches of about `chunkSize` people's worth (for COPY, table by table). */
export function* streamTable<T extends DemoTable>(
  table: T,
  options: DemoOptions = {},
): Generator<DemoRows[T][]> {
  for (const batch of generateDemo(options)) if (batch.table === table) yield batch.rows as DemoRows[T][];
}

/** Every row in memory, by table (small data sets only: tests computing expected figures naively). */
export function collectDemo(options: DemoOptions = {}): { [T in DemoTable]: DemoRows[T][] } {
  const out = {} as { [T in DemoTable]: DemoRows[T][] };
  for (const b of generateDemo(options)) ((out[b.table] ??= []) as unknown[]).push(...b.rows);
  return out;
}
