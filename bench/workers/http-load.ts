/**
 * The load generator, run as its own process so it never shares an event loop with the server:
 * `node dist/bench/workers/http-load.js <plan.json>`. Sends the plan's GraphQL bodies over HTTP
 * keep-alive with autocannon, checks every response (HTTP 200 and no GraphQL `errors`), and prints
 * one JSON line with throughput and latency percentiles.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { cpuPerRequest, takeSnapshot } from '../lib/cpu.js';
import { summarise } from '../lib/stats.js';
import type { HttpLoadPlan, LoadResult } from '../lib/load-plan.js';

function run(
  plan: HttpLoadPlan,
  bodies: readonly string[],
  amount: number,
): Promise<{
  latencies: number[];
  errors: number;
  sample: string | null;
  seconds: number;
  stopped: boolean;
}> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let errors = 0;
    let sample: string | null = null;
    const latencies: number[] = [];
    const started = performance.now();
    // autocannon notices the end of a fixed amount only at its next 1-second sample tick, so its
    // own end time overstates the run by up to a second: the run ends at the last response.
    let lastResponseAt = started;
    let stopped = false;
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.durationSeconds ? plan.connections : Math.min(plan.connections, amount),
        ...(plan.durationSeconds ? { duration: plan.durationSeconds } : { amount }),
        pipelining: 1,
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...plan.headers },
        requests: [
          {
            setupRequest: (req) => {
              const i = next++ % bodies.length;
              const headers = plan.headersPerBody?.[i];
              return headers
                ? { ...req, body: bodies[i], headers: { ...req.headers, ...headers } }
                : { ...req, body: bodies[i] };
            },
            onResponse: (status, body) => {
              if (status !== 200 || (plan.checkErrors !== false && body.includes('"errors"'))) {
                errors++;
                sample ??= `HTTP ${status}: ${body.slice(0, 400)}`;
              }
            },
          },
        ],
      },
      (err) => {
        clearTimeout(guard);
        if (err) reject(err);
        else {
          const ended = plan.durationSeconds ? performance.now() : lastResponseAt;
          resolve({ latencies, errors, sample, seconds: (ended - started) / 1000, stopped });
        }
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastResponseAt = performance.now();
    });
    instance.on('reqError', (e: Error) => {
      errors++;
      sample ??= `request error: ${e.message}`;
    });
    const guard = setTimeout(() => {
      stopped = true;
      instance.stop();
    }, plan.maxSeconds * 1000);
  });
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as HttpLoadPlan;
  if (plan.warmup > 0) await run(plan, plan.warmupBodies ?? plan.bodies, plan.warmup);
  const before = takeSnapshot(plan.cpu);
  const r = await run(plan, plan.bodies, plan.amount);
  const after = takeSnapshot(plan.cpu);
  const result: LoadResult = {
    requests: r.latencies.length,
    errors: r.errors,
    errorSample: r.sample,
    seconds: r.seconds,
    reqPerSec: r.latencies.length / r.seconds,
    latency: summarise(r.latencies),
    stoppedEarly: r.stopped,
    cpu: cpuPerRequest(before, after, r.latencies.length),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
