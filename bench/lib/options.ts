/** What one bench run does: the data size and how long each measurement lasts. */
export interface DataSize {
  people: number;
  /** Referrals in all (the generator's mean per person is referrals / people). */
  referrals: number;
}

export interface BenchOptions {
  quick: boolean;
  /**
   * Whether the run is less than the whole table at the default size and lengths (`--only`,
   * `--scale` other than 1, or a run length given): an experiment, not a record to compare runs by.
   */
  partial: boolean;
  size: DataSize;
  /** Only run scenarios whose id contains one of these (all when empty). */
  only: string[];
  /** Requests per measured run of the write scenarios (makeReferral, transitionReferral). */
  writeRequests: number;
  /** Requests per measured run of the read scenarios (journey, inbox, baselines, PostGraphile). */
  readRequests: number;
  /** Requests per analytics query and filter. */
  analyticsRequests: number;
  /** Warm-up requests before each measured run (JIT, plan caches, pools). */
  warmupRequests: number;
  /** Upper bound on any one measured run, seconds (it stops early and says so). */
  maxRunSeconds: number;
  soakSeconds: number;
  /** Start-to-ready measurements on the existing data dir. */
  restarts: number;
  /** Keep the data directory / scratch database afterwards (for profiling). */
  keep: boolean;
  /** Start the server with --cpu-prof, writing profiles into this directory. */
  cpuProfDir: string | null;
  databaseUrl: string | null;
}

export const FULL_SIZE: DataSize = { people: 100_000, referrals: 1_000_000 };
export const QUICK_SIZE: DataSize = { people: 5_000, referrals: 50_000 };

/** The options that change how long a measurement lasts. */
const RUN_LENGTHS = ['write-requests', 'read-requests', 'analytics-requests', 'soak-seconds'] as const;

/**
 * What the run is called in its header, its JSON (`mode`) and its results file: `quick` or `full`,
 * with `-partial` when it is not the whole table at the default size and lengths.
 */
export function runMode(opts: Pick<BenchOptions, 'quick' | 'partial'>): string {
  return `${opts.quick ? 'quick' : 'full'}${opts.partial ? '-partial' : ''}`;
}

function value(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = argv.find((a) => a.startsWith(prefix));
  if (hit) return hit.slice(prefix.length);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
}

function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive whole number (got "${raw}")`);
  return n;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick');
  const base = quick ? QUICK_SIZE : FULL_SIZE;
  const scale = Number(value(argv, 'scale') ?? '1');
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  const size: DataSize = {
    people: Math.round(base.people * scale),
    referrals: Math.round(base.referrals * scale),
  };
  const only = (value(argv, 'only') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const lengthGiven = RUN_LENGTHS.some((name) => value(argv, name) !== undefined);
  return {
    quick,
    partial: only.length > 0 || scale !== 1 || lengthGiven,
    size,
    only,
    writeRequests: positiveInt(value(argv, 'write-requests'), 'write-requests') ?? (quick ? 1_500 : 30_000),
    readRequests: positiveInt(value(argv, 'read-requests'), 'read-requests') ?? (quick ? 600 : 10_000),
    analyticsRequests:
      positiveInt(value(argv, 'analytics-requests'), 'analytics-requests') ?? (quick ? 6 : 50),
    warmupRequests: quick ? 50 : 1_000,
    maxRunSeconds: quick ? 10 : 30,
    soakSeconds: positiveInt(value(argv, 'soak-seconds'), 'soak-seconds') ?? (quick ? 10 : 300),
    restarts: quick ? 1 : 3,
    keep: argv.includes('--keep'),
    cpuProfDir: value(argv, 'cpu-prof') ?? (argv.includes('--cpu-prof') ? 'bench/results/profiles' : null),
    databaseUrl: env.BENCH_DATABASE_URL?.trim() || null,
  };
}
