import { parentPort, workerData } from 'node:worker_threads';
import type { DemoOptions } from '#libs/demo';
import { formattedUnits } from './copy-units.js';

/*
 * The worker thread of unitsInThread(): formats the demo rows chunk by chunk and hands each chunk's
 * bytes over (transferred, not copied) as the loader asks for them: a number of credits, one unit
 * each; null after the last.
 */
const port = parentPort;
if (!port) throw new Error('copy-units-thread runs only as a worker thread');
let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (n: number) => {
  credits += n;
  wake?.();
  wake = null;
});
for (const unit of formattedUnits(workerData as DemoOptions)) {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits--;
  port.postMessage(
    unit,
    unit.map((p) => p.data.buffer as ArrayBuffer),
  );
}
port.postMessage(null); // the loader then ends this thread
