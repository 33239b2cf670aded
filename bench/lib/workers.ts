import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FloorPlan } from './floor-plan.js';
import type { HttpLoadPlan, LoadResult } from './load-plan.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const workerPath = (name: string) => path.join(here, '..', 'workers', `${name}.js`);

/** Runs a worker script in its own Node process with a plan file and returns the JSON it prints. */
async function runWorker(name: string, plan: unknown): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `pathways-bench-plan-${randomBytes(6).toString('hex')}.json`);
  await writeFile(file, JSON.stringify(plan));
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      const child = spawn(process.execPath, [workerPath(name), file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => {
        const last = out.trim().split('\n').pop() ?? '';
        if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as LoadResult);
        else reject(new Error(`${name} exited with ${code}: ${err.slice(-2000) || out.slice(-2000)}`));
      });
    });
  } finally {
    await rm(file, { force: true });
  }
}

export const runHttpLoad = (plan: HttpLoadPlan) => runWorker('http-load', plan);
export const runPgFloor = (plan: FloorPlan) => runWorker('pg-floor', plan);
