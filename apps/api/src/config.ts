import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, StartupError } from '#libs/database';
import type { DemoSeedMode } from '#libs/demo';
import { bootstrapAdminProblem } from '#libs/directory';
import { DEFAULT_COST_LIMIT } from './graphql/limits/query-cost.js';
import { MAX_LIST_ITEMS } from './graphql/list-budget.js';

/** Everything configurable, read once from the environment (CONTRACT.md sections 1 and 10). */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  dataDir: string;
  /** External PostgreSQL; when unset an embedded one runs in DATA_DIR. */
  databaseUrl: string | null;
  /** When the demo is seeded (CONTRACT.md section 1; see DemoSeedMode). */
  seedDemo: DemoSeedMode;
  authSecret: string;
  bootstrapAdmin: { email: string; password: string } | null;
  /** What the operator should know about the settings (logged as warnings at start). */
  warnings: string[];
  introspection: boolean;
  corsOrigins: string[];
  /**
   * Which proxies in front of the API may tell it the client's address (X-Forwarded-For), as
   * Express's 'trust proxy' takes it: a list of addresses, subnets and the names loopback,
   * linklocal and uniquelocal, or a number of hops (TRUST_PROXY; default loopback).
   */
  trustProxy: string | number;
  rateLimitPerMinute: number;
  rateLimitAnonPerMinute: number;
  disclosureThreshold: number;
  disclosureRounding: number;
  /** How often the analytics summary's people bitmaps are repaired; 0 = never. */
  analyticsRepairIntervalSeconds: number;
  logLevel: string;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
  dbAcquireTimeoutMs: number;
  /** Cap on the cost of one GraphQL document. */
  queryCostLimit: number;
  /** The most list items one answer may hold (GRAPHQL_MAX_LIST_ITEMS; see list-budget.ts). */
  maxListItems: number;
  /** Redis for rate-limit counts shared by replicas; in-memory counts when unset. */
  redisUrl: string | null;
}

/**
 * A whole number written in decimal digits (spaces around allowed); unset, empty or blank means the
 * default, as for the true/false settings. Anything else is refused at start: Number() read " " as
 * 0 (turning disclosure control or a rate limit off), and "0x10" or "1e3" as numbers nobody meant.
 */
function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  const digits = raw?.trim() ?? '';
  if (digits === '') return fallback;
  // At most 15 digits: every such number is exact, and none of these settings needs more.
  const n = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new StartupError(
      `${name} must be a whole number of at least ${min} and at most 15 digits (got "${raw}").`,
    );
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string): boolean | null {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return null;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new StartupError(`${name} must be true or false (got "${env[name]}").`);
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet (a.b.c.d/n, ::1/128) Express's 'trust proxy' takes. */
function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(bits) === 4; // a netmask: 10.0.0.0/255.0.0.0
}

/**
 * TRUST_PROXY: whose X-Forwarded-For the API believes. Blank means loopback (a proxy on the same
 * machine). "true" (everyone) is refused: any client could then choose its own address, and with it
 * escape the per-address limits or lock someone else's sign-in.
 */
function trustProxy(env: NodeJS.ProcessEnv): string | number {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '') return 'loopback';
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((s) => s.trim());
  const bad = entries.find((e) => !PROXY_NAMES.has(e) && !isAddressOrSubnet(e));
  if (bad !== undefined)
    throw new StartupError(
      `TRUST_PROXY must list the proxies in front of the API (addresses, subnets such as 10.0.0.0/8, or loopback, linklocal, uniquelocal), or give a number of hops (got "${bad}").`,
    );
  return entries.join(', ');
}

/**
 * Reads the secret from DATA_DIR, creating it once (outside production only). `replaced`: the file
 * was there but held no usable secret (empty, or too short), so a new one was written and tokens
 * signed before no longer work.
 */
async function loadOrCreateSecret(dataDir: string): Promise<{ secret: string; replaced: boolean }> {
  const file = path.join(dataDir, 'auth-secret');
  const existed = existsSync(file);
  if (existed) {
    const s = (await readFile(file, 'utf8')).trim();
    if (s.length >= 32) return { secret: s, replaced: false };
  }
  try {
    await makeDataDir(dataDir);
    const secret = randomBytes(48).toString('base64url');
    await writeFile(file, secret + '\n', { mode: 0o600 });
    return { secret, replaced: existed };
  } catch {
    throw new StartupError(`DATA_DIR ${dataDir} is not writable (needed to keep the generated AUTH_SECRET).`);
  }
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<AppConfig> {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(env.DATA_DIR || './.data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;

  const warnings: string[] = [];
  const adminEmail = env.BOOTSTRAP_ADMIN_EMAIL?.trim();
  const adminPassword = env.BOOTSTRAP_ADMIN_PASSWORD;
  // Checked before anything is started or written, as the other settings are.
  if (adminEmail && adminPassword) {
    const problem = bootstrapAdminProblem(adminEmail, adminPassword);
    if (problem) throw new StartupError(problem);
  } else if (adminEmail || adminPassword) {
    warnings.push(
      `BOOTSTRAP_ADMIN_${adminEmail ? 'EMAIL' : 'PASSWORD'} is set without BOOTSTRAP_ADMIN_${adminEmail ? 'PASSWORD' : 'EMAIL'}: no administrator is created; set both.`,
    );
  }

  let authSecret = env.AUTH_SECRET?.trim() ?? '';
  if (!authSecret) {
    if (production) throw new StartupError('AUTH_SECRET must be set when NODE_ENV=production.');
    const stored = await loadOrCreateSecret(dataDir);
    authSecret = stored.secret;
    if (stored.replaced)
      warnings.push(
        `${path.join(dataDir, 'auth-secret')} held no usable secret (empty, or under 32 characters): a new one was written, so tokens issued before no longer work.`,
      );
    if (databaseUrl)
      warnings.push(
        `AUTH_SECRET is not set: tokens are signed with a secret generated in ${path.join(dataDir, 'auth-secret')}. ` +
          'Set AUTH_SECRET so that every server on this database accepts the same tokens.',
      );
  } else if (authSecret.length < 16) {
    throw new StartupError('AUTH_SECRET must be at least 16 characters.');
  }

  const seedFlag = bool(env, 'SEED_DEMO');
  if (production && seedFlag === true)
    warnings.push(
      'SEED_DEMO=true is ignored with NODE_ENV=production: the demo is never seeded in production.',
    );
  const seedDemo: DemoSeedMode =
    production || seedFlag === false || (databaseUrl && seedFlag !== true)
      ? 'off'
      : seedFlag === true
        ? 'requested'
        : 'first-start';

  const introspectionFlag = bool(env, 'GRAPHQL_INTROSPECTION');

  return {
    nodeEnv,
    production,
    port: int(env, 'PORT', 3000, 0),
    dataDir,
    databaseUrl,
    seedDemo,
    authSecret,
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : null,
    warnings,
    introspection: introspectionFlag ?? !production,
    trustProxy: trustProxy(env),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200),
    rateLimitAnonPerMinute: int(env, 'RATE_LIMIT_ANON_PER_MINUTE', 300),
    disclosureThreshold: int(env, 'DISCLOSURE_THRESHOLD', 7),
    disclosureRounding: int(env, 'DISCLOSURE_ROUNDING', 5, 1),
    analyticsRepairIntervalSeconds: int(env, 'ANALYTICS_REPAIR_INTERVAL_SECONDS', 300),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100),
    dbAcquireTimeoutMs: int(env, 'DB_ACQUIRE_TIMEOUT_MS', 5_000, 100),
    queryCostLimit: int(env, 'GRAPHQL_COST_LIMIT', DEFAULT_COST_LIMIT, 1),
    maxListItems: int(env, 'GRAPHQL_MAX_LIST_ITEMS', MAX_LIST_ITEMS, 1),
    redisUrl: env.REDIS_URL?.trim() || null,
  };
}
