import { Worker } from 'node:worker_threads';
import { type DemoOptions, type DemoTable, generateDemo, toCopyLine } from '#libs/demo';

/** A table's rows of one chunk of people, as COPY text (UTF-8). */
export interface Part {
  table: DemoTable;
  data: Uint8Array;
  rows: number;
}

/**
 * The generator's batches grouped into units that must be loaded in order: the partnership first,
 * then one unit per chunk of people (its people, consents, referrals, events, assessments and
 * outcomes, in foreign-key order). Different chunks hold different people, so their units are
 * independent of each other. Each part owns its bytes (TextEncoder, never Node's shared pool), so
 * a thread can hand them over without copying.
 */
export function* formattedUnits(options: DemoOptions): Generator<Part[]> {
  const encoder = new TextEncoder();
  let unit: Part[] = [];
  for (const batch of generateDemo(options)) {
    if (batch.table === 'people' && unit.length > 0) {
      yield unit;
      unit = [];
    }
    let text = '';
    for (const row of batch.rows) text += toCopyLine(batch.table, row as never);
    unit.push({ table: batch.table, data: encoder.encode(text), rows: batch.rows.length });
  }
  if (unit.length > 0) yield unit;
}

/**
 * Young-generation size of the generating thread (V8 makes its semi-spaces a third of it: 128 MB).
 * Its rows die young, so larger semi-spaces mean fewer scavenges: formatting 20,000 people's rows
 * took 7.0 s with Node's defaults and 4.4 s with 128 MB semi-spaces.
 */
const YOUNG_GENERATION_MB = 384;

/**
 * formattedUnits() run in a worker thread, at most `ahead` units ahead of the consumer. Generating
 * a chunk takes about 100 ms of synchronous work; on the loading thread it would stop the event
 * loop from feeding the COPY streams meanwhile. Here that thread only moves bytes.
 */
export async function* unitsInThread(options: DemoOptions, ahead = 3): AsyncGenerator<Part[]> {
  const worker = new Worker(new URL('./copy-units-thread.js', import.meta.url), {
    workerData: options,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const queue: (Part[] | null)[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (unit: Part[] | null) => {
    queue.push(unit);
    notify();
  });
  worker.on('error', (e: Error) => {
    failure = e;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  worker.postMessage(ahead);
  try {
    for (;;) {
      while (queue.length === 0 && failure === null && !exited) await new Promise<void>((r) => (wake = r));
      const unit = queue.shift();
      if (unit === undefined) throw failure ?? new Error('the row generator stopped before its last chunk');
      if (unit === null) return;
      worker.postMessage(1);
      yield unit;
    }
  } finally {
    await worker.terminate();
  }
}
