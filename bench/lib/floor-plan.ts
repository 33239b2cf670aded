import type { CpuWatch } from './cpu.js';

/** What the raw-pg floor process is asked to do (the same SQL work as an API operation, without the API). */
export interface FloorPlan {
  url: string;
  operation: 'makeReferral' | 'journey';
  concurrency: number;
  /** Pool size; the API's default DB_POOL_SIZE unless told otherwise. */
  poolSize: number;
  amount: number;
  warmup: number;
  maxSeconds: number;
  /** makeReferral: the acting staff, their organisation and service, the receiving service, the people. */
  staffId: string;
  organisationId: string;
  /** The acting staff member's role and token generation (the statements check them, as the API's do). */
  role: string;
  generation: number;
  fromServiceId?: string;
  toServiceId?: string;
  personIds: string[];
  /** journey: the number of entries the person's journey must have (the floor checks it). */
  expectedEntries?: number;
  /** PostgreSQL whose CPU the measured run reports per request (serverPid is null: there is no server). */
  cpu?: CpuWatch;
}
