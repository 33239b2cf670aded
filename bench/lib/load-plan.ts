import type { CpuPerRequest, CpuWatch } from './cpu.js';
import type { LatencySummary } from './stats.js';

/** What the HTTP load process is asked to do. */
export interface HttpLoadPlan {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Measured requests (fixed count). */
  amount: number;
  /** Warm-up requests before measuring (not reported). */
  warmup: number;
  /** Upper bound on the measured run; it stops early and says so. */
  maxSeconds: number;
  /** JSON bodies, used in turn (cycled when fewer than amount). */
  bodies: string[];
  /** Bodies for the warm-up when it must not use the measured ones (e.g. one-shot transitions). */
  warmupBodies?: string[];
  /** Headers for each body (same length as bodies), e.g. a different token per kind of request in a soak. */
  headersPerBody?: Record<string, string>[];
  /** Run for this long instead of a fixed count (the soak). */
  durationSeconds?: number;
  /** Count responses with GraphQL `errors` as errors (default true). */
  checkErrors?: boolean;
  /** The server and PostgreSQL whose CPU the measured run reports per request. */
  cpu?: CpuWatch;
}

/** What a load process reports. */
export interface LoadResult {
  requests: number;
  errors: number;
  errorSample: string | null;
  seconds: number;
  reqPerSec: number;
  latency: LatencySummary;
  stoppedEarly: boolean;
  /** CPU milliseconds per measured request of the server, PostgreSQL and the load process (bench/lib/cpu.ts). */
  cpu?: CpuPerRequest;
}
