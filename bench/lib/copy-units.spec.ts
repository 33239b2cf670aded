import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_TABLES, type DemoOptions } from '#libs/demo';
import { formattedUnits, type Part } from './copy-units.js';

// The thread runs the compiled module next to its own compiled script (npm test builds first).
const BUILT = path.resolve('dist/bench/lib/copy-units.js');

async function unitsInThread(options: DemoOptions, ahead?: number): Promise<AsyncGenerator<Part[]>> {
  if (!existsSync(BUILT)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  const built = (await import(pathToFileURL(BUILT).href)) as typeof import('./copy-units.js');
  return built.unitsInThread(options, ahead);
}

const OPTIONS: DemoOptions = { seed: 7, people: 300, chunkSize: 100, asOf: new Date('2026-06-01T12:00:00Z') };
const text = (u: Part[]) =>
  u.map((p) => ({ table: p.table, rows: p.rows, text: Buffer.from(p.data).toString() }));

describe('the bench loader’s units of COPY text', () => {
  it('come in foreign-key order: the partnership, then each chunk of people', () => {
    const units = [...formattedUnits(OPTIONS)];
    expect(units[0].map((p) => p.table)).toEqual(['organisations', 'services', 'staff', 'staff_services']);
    for (const unit of units.slice(1)) {
      expect(unit[0].table).toBe('people');
      const tables = unit.map((p) => DEMO_TABLES.indexOf(p.table));
      expect(tables).toEqual([...tables].sort((a, b) => a - b));
    }
    const people = units.flat().filter((p) => p.table === 'people');
    expect(people.reduce((n, p) => n + p.rows, 0)).toBe(301); // 300 and the showcase person
    for (const part of units.flat())
      expect(Buffer.from(part.data).toString().split('\n')).toHaveLength(part.rows + 1);
  });

  it('are the same bytes from the worker thread, in the same order, whatever it runs ahead', async () => {
    const here = [...formattedUnits(OPTIONS)].map(text);
    for (const ahead of [1, 3]) {
      const there: ReturnType<typeof text>[] = [];
      for await (const unit of await unitsInThread(OPTIONS, ahead)) there.push(text(unit));
      expect(there).toEqual(here);
    }
  });

  it('stop the thread when the loader stops early', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    let during = 0;
    for await (const unit of await unitsInThread(OPTIONS)) {
      expect(unit[0].table).toBe('organisations');
      during = ports();
      break;
    }
    expect(during).toBe(before + 1);
    expect(ports()).toBe(before);
  });

  it('pass a failure in the thread on to the loader', async () => {
    const broken = { ...OPTIONS, asOf: new Date(Number.NaN) };
    const read = async () => {
      for await (const unit of await unitsInThread(broken)) void unit;
    };
    await expect(read()).rejects.toThrow(/Invalid time value/);
  });
});
