/**
 * The Pathways benchmark: `npm run bench` (full) or `npm run bench -- --quick`.
 * See bench/README.md for what it does and how to read the table.
 */
import 'reflect-metadata';
import { execSync, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueToken } from '#libs/auth';
import type { Role } from '#libs/common';
import { freePort, runMigrations } from '#libs/database';
import { loadDataset, type LoadReport } from './lib/dataset.js';
import { type BenchActors, createBenchActors, JOURNEY_ENTRIES, REFERRER_ROLE } from './lib/fixtures.js';
import type { HttpLoadPlan, LoadResult } from './lib/load-plan.js';
import { type BenchOptions, parseOptions, runMode } from './lib/options.js';
import { type BenchDatabase, provisionDatabase } from './lib/postgres.js';
import * as Q from './lib/queries.js';
import { formatCpu, formatTable, type Row, type Target, verdict } from './lib/report.js';
import { ApiServer, AUTH_SECRET } from './lib/server.js';
import { localPostmaster } from './lib/cpu.js';
import { runHttpLoad, runPgFloor } from './lib/workers.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

const TARGETS: Record<string, Target> = {
  makeReferral: { minReqPerSec: 1000, maxP95Ms: 40, minFloorShare: 0.4 },
  transitionReferral: { minReqPerSec: 1200 },
  journey: { maxP95Ms: 15 },
  inbox: { maxP95Ms: 20 },
  analytics: { maxP95Ms: 150 },
};

interface Context {
  opts: BenchOptions;
  db: BenchDatabase;
  server: ApiServer;
  actors: BenchActors;
  tokens: { referrer: string; receiver: string; commissioner: string; inbox: string; typicalInbox: string };
  inboxOrgId: string;
  inboxSizes: { largest: number; typical: number };
  ward: string;
  /** PostgreSQL's postmaster when it runs on this machine (its CPU is reported per request), else null. */
  postmasterPid: number | null;
  rows: Row[];
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function wanted(opts: BenchOptions, id: string): boolean {
  return opts.only.length === 0 || opts.only.some((o) => id.toLowerCase().includes(o.toLowerCase()));
}

async function measure(
  ctx: Context,
  row: Omit<Row, 'result'>,
  run: () => Promise<LoadResult>,
): Promise<LoadResult | null> {
  if (!wanted(ctx.opts, row.id)) return null;
  log(`${row.operation} (${row.connections} connections)...`);
  let result: LoadResult | null = null;
  try {
    result = await run();
    log(
      `  ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(1)} ms, p95 ${result.latency.p95.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, ${result.errors} errors, CPU ms/req server + PG + load ${formatCpu(result.cpu)}` +
        (result.errorSample ? `\n  first error: ${result.errorSample}` : ''),
    );
    ctx.rows.push({ ...row, result });
  } catch (e) {
    log(`  failed: ${(e as Error).message}`);
    ctx.rows.push({ ...row, result: null, note: 'failed' });
  }
  return result;
}

function httpPlan(
  ctx: Context,
  p: Partial<HttpLoadPlan> & Pick<HttpLoadPlan, 'connections' | 'amount' | 'bodies'>,
): HttpLoadPlan {
  return {
    url: ctx.server.graphqlUrl,
    headers: {},
    warmup: ctx.opts.warmupRequests,
    maxSeconds: ctx.opts.maxRunSeconds,
    cpu: { serverPid: ctx.server.proc.pid ?? null, postmasterPid: ctx.postmasterPid },
    ...p,
  };
}

interface Picks {
  /** The organisation that receives the most referrals (the worst inbox), and a typical one (the median). */
  largest: { orgId: string; referrals: number };
  typical: { orgId: string; referrals: number };
  ward: string;
}

/** A token for a staff member as login issues it (with the organisation and role claims). */
async function signIn(client: pg.Client, staffId: string): Promise<string> {
  const { rows } = await client.query<{ organisation_id: string; role: Role; token_generation: number }>(
    'SELECT organisation_id, role, token_generation FROM staff WHERE id = $1',
    [staffId],
  );
  const [s] = rows;
  return issueToken(AUTH_SECRET, staffId, Date.now(), undefined, {
    generation: s.token_generation,
    organisationId: s.organisation_id,
    role: s.role,
  }).token;
}

async function pick(client: pg.Client, actors: BenchActors): Promise<Picks> {
  const orgs = await client.query<{ id: string; n: number }>(
    `SELECT to_organisation_id AS id, count(*)::int AS n FROM referrals
      WHERE to_organisation_id NOT IN ($1, $2) GROUP BY 1 ORDER BY 2 DESC`,
    [actors.referrerOrgId, actors.receiverOrgId],
  );
  const ward = await client.query<{ ward: string }>(
    `SELECT to_ward AS ward FROM referrals WHERE to_ward IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const fallback = { id: actors.receiverOrgId, n: 0 };
  const largest = orgs.rows[0] ?? fallback;
  const typical = orgs.rows[Math.floor(orgs.rows.length / 2)] ?? fallback;
  return {
    largest: { orgId: largest.id, referrals: largest.n },
    typical: { orgId: typical.id, referrals: typical.n },
    ward: ward.rows[0]?.ward ?? 'Bench ward',
  };
}

/** A key worker of `orgId` (added by the bench; tokens are issued directly). */
async function inboxStaff(
  client: pg.Client,
  orgId: string,
  actors: BenchActors,
  tag: string,
): Promise<string> {
  if (orgId === actors.receiverOrgId) return actors.receiverStaffId;
  const r = await client.query<{ id: string }>(
    `INSERT INTO staff (email, name, role, organisation_id, password_hash)
     VALUES ($1, 'Bench inbox reader', 'KEY_WORKER', $2, 'bench:no-login') RETURNING id`,
    [`bench.inbox.${tag}@bench.invalid`, orgId],
  );
  return r.rows[0].id;
}

// ─── scenarios ───────────────────────────────────────────────────────────────

async function ceiling(ctx: Context) {
  await measure(
    ctx,
    {
      id: 'ceiling',
      operation: 'baseline: { __typename } (framework ceiling)',
      connections: 32,
      kind: 'ceiling',
    },
    () =>
      runHttpLoad(
        httpPlan(ctx, {
          connections: 32,
          amount: ctx.opts.readRequests * 2,
          headers: bearer(ctx.tokens.referrer),
          bodies: [Q.body(Q.CEILING)],
        }),
      ),
  );
}

function referralInput(ctx: Context, personId: string) {
  return {
    personId,
    fromServiceId: ctx.actors.referrerServiceId,
    toServiceId: ctx.actors.receiverServiceId,
    route: 'STAFF',
    needs: ['ENGLISH_LANGUAGE', 'SOCIAL_ISOLATION'],
    note: 'Bench referral',
  };
}

async function makeReferral(ctx: Context) {
  const bodies = ctx.actors.consentedPeople.map((p) =>
    Q.body(Q.MAKE_REFERRAL, { input: referralInput(ctx, p) }),
  );
  await measure(
    ctx,
    {
      id: 'makeReferral',
      operation: 'makeReferral',
      connections: 32,
      kind: 'scenario',
      floorId: 'floor:makeReferral',
      target: TARGETS.makeReferral,
    },
    () =>
      runHttpLoad(
        httpPlan(ctx, {
          connections: 32,
          amount: ctx.opts.writeRequests,
          headers: bearer(ctx.tokens.referrer),
          bodies,
        }),
      ),
  );
  await measure(
    ctx,
    {
      id: 'floor:makeReferral',
      operation: 'baseline: makeReferral SQL via raw pg (floor)',
      connections: 32,
      kind: 'floor',
    },
    () =>
      runPgFloor({
        url: ctx.db.url,
        operation: 'makeReferral',
        concurrency: 32,
        poolSize: 10,
        amount: ctx.opts.writeRequests,
        warmup: ctx.opts.warmupRequests,
        maxSeconds: ctx.opts.maxRunSeconds,
        staffId: ctx.actors.referrerStaffId,
        organisationId: ctx.actors.referrerOrgId,
        role: REFERRER_ROLE,
        generation: 0,
        fromServiceId: ctx.actors.referrerServiceId,
        toServiceId: ctx.actors.receiverServiceId,
        personIds: ctx.actors.consentedPeople,
        cpu: { serverPid: null, postmasterPid: ctx.postmasterPid },
      }),
  );
}

async function transitionReferral(ctx: Context) {
  if (!wanted(ctx.opts, 'transitionReferral')) return;
  const client = new pg.Client({ connectionString: ctx.db.url });
  await client.connect();
  let ids: string[];
  try {
    // Referrals the bench made (through the API and the floor) that wait for the receiver.
    const need = ctx.opts.writeRequests + ctx.opts.warmupRequests;
    const r = await client.query<{ id: string }>(
      `SELECT id FROM referrals WHERE to_service_id = $1 AND status = 'REQUESTED' AND version = 1 ORDER BY created_at LIMIT $2`,
      [ctx.actors.receiverServiceId, need],
    );
    ids = r.rows.map((x) => x.id);
    if (ids.length < need) {
      // Not enough yet (e.g. --only): make the rest directly.
      const more = await client.query<{ id: string }>(
        `INSERT INTO referrals (person_id, from_service_id, to_service_id, creator_organisation_id, to_organisation_id,
           created_by_staff_id, route, needs, from_category, to_category, to_ward)
         SELECT p, $2, $3, $4, $5, $6, 'STAFF', ARRAY['ENGLISH_LANGUAGE'], 'FAMILY_SUPPORT', 'ESOL', 'Bench ward'
         FROM unnest($1::uuid[]) p, generate_series(1, $7::int) RETURNING id`,
        [
          ctx.actors.consentedPeople.slice(0, 100),
          ctx.actors.referrerServiceId,
          ctx.actors.receiverServiceId,
          ctx.actors.referrerOrgId,
          ctx.actors.receiverOrgId,
          ctx.actors.referrerStaffId,
          Math.ceil((need - ids.length) / 100),
        ],
      );
      await client.query(
        `INSERT INTO referral_events (referral_id, to_status, by_staff_id, by_organisation_id)
         SELECT unnest($1::uuid[]), 'REQUESTED', $2, $3`,
        [more.rows.map((x) => x.id), ctx.actors.referrerStaffId, ctx.actors.referrerOrgId],
      );
      ids = ids.concat(more.rows.map((x) => x.id)).slice(0, need);
    }
  } finally {
    await client.end();
  }
  const accept = (id: string) =>
    Q.body(Q.TRANSITION_REFERRAL, { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } });
  const warmupBodies = ids.slice(0, ctx.opts.warmupRequests).map(accept);
  const bodies = ids.slice(ctx.opts.warmupRequests).map(accept);
  await measure(
    ctx,
    {
      id: 'transitionReferral',
      operation: 'transitionReferral (REQUESTED→ACCEPTED)',
      connections: 32,
      kind: 'scenario',
      target: TARGETS.transitionReferral,
    },
    () =>
      runHttpLoad(
        httpPlan(ctx, {
          connections: 32,
          amount: bodies.length,
          headers: bearer(ctx.tokens.receiver),
          bodies,
          warmupBodies,
          warmup: warmupBodies.length,
        }),
      ),
  );
}

async function journey(ctx: Context) {
  await measure(
    ctx,
    {
      id: 'journey',
      operation: `journey (${JOURNEY_ENTRIES} entries)`,
      connections: 16,
      kind: 'scenario',
      floorId: 'floor:journey',
      target: TARGETS.journey,
    },
    () =>
      runHttpLoad(
        httpPlan(ctx, {
          connections: 16,
          amount: ctx.opts.readRequests,
          headers: bearer(ctx.tokens.referrer),
          bodies: [Q.body(Q.JOURNEY, { personId: ctx.actors.journeyPersonId })],
        }),
      ),
  );
  await measure(
    ctx,
    {
      id: 'floor:journey',
      operation: 'baseline: journey SQL via raw pg (floor)',
      connections: 16,
      kind: 'floor',
    },
    () =>
      runPgFloor({
        url: ctx.db.url,
        operation: 'journey',
        concurrency: 16,
        poolSize: 10,
        amount: ctx.opts.readRequests,
        warmup: ctx.opts.warmupRequests,
        maxSeconds: ctx.opts.maxRunSeconds,
        staffId: ctx.actors.referrerStaffId,
        organisationId: ctx.actors.referrerOrgId,
        role: REFERRER_ROLE,
        generation: 0,
        personIds: [ctx.actors.journeyPersonId],
        expectedEntries: JOURNEY_ENTRIES,
        cpu: { serverPid: null, postmasterPid: ctx.postmasterPid },
      }),
  );
}

async function inbox(ctx: Context) {
  const cases = [
    ['inbox', `largest inbox: ${ctx.inboxSizes.largest} referrals`, ctx.tokens.inbox],
    ['inbox:typical', `typical inbox: ${ctx.inboxSizes.typical} referrals`, ctx.tokens.typicalInbox],
  ] as const;
  for (const [id, label, token] of cases) {
    await measure(
      ctx,
      {
        id,
        operation: `referrals inbox, first page of 50 (${label})`,
        connections: 8,
        kind: 'scenario',
        postgraphileId: id === 'inbox' ? 'pgl:inbox' : undefined,
        target: TARGETS.inbox,
      },
      () =>
        runHttpLoad(
          httpPlan(ctx, {
            connections: 8,
            amount: ctx.opts.readRequests,
            headers: bearer(token),
            bodies: [Q.body(Q.INBOX)],
          }),
        ),
    );
  }
}

async function analytics(ctx: Context) {
  for (const a of Q.ANALYTICS) {
    for (const [label, filter] of [
      ['default filter', null],
      [`ward "${ctx.ward}"`, { wards: [ctx.ward] }],
    ] as const) {
      await measure(
        ctx,
        {
          id: `analytics:${a.name}:${filter ? 'ward' : 'default'}`,
          operation: `${a.name}, ${label}`,
          connections: 2,
          kind: 'scenario',
          target: TARGETS.analytics,
        },
        () =>
          runHttpLoad(
            httpPlan(ctx, {
              connections: 2,
              amount: ctx.opts.analyticsRequests,
              warmup: Math.min(ctx.opts.quick ? 2 : 10, ctx.opts.analyticsRequests),
              headers: bearer(ctx.tokens.commissioner),
              bodies: [Q.body(a.query, { filter })],
            }),
          ),
      );
    }
  }
}

async function postgraphile(ctx: Context) {
  if (!wanted(ctx.opts, 'pgl') && !wanted(ctx.opts, 'personReferrals')) return;
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/bench/workers/postgraphile.js'), ctx.db.url, String(port), '10'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      proc.once('exit', (code) =>
        reject(new Error(`PostGraphile exited with ${code}: ${stderr.slice(-1000)}`)),
      );
    });
    const pglUrl = `http://127.0.0.1:${port}/graphql`;
    const personBody = Q.body(Q.PERSON_REFERRALS, { personId: ctx.actors.journeyPersonId });
    await measure(
      ctx,
      {
        id: 'personReferrals',
        operation: "a person's referrals with their services",
        connections: 8,
        kind: 'scenario',
        postgraphileId: 'pgl:personReferrals',
      },
      () =>
        runHttpLoad(
          httpPlan(ctx, {
            connections: 8,
            amount: ctx.opts.readRequests,
            headers: bearer(ctx.tokens.referrer),
            bodies: [personBody],
          }),
        ),
    );
    await measure(
      ctx,
      {
        id: 'pgl:personReferrals',
        operation: "PostGraphile 4 (no rules): a person's referrals with services",
        connections: 8,
        kind: 'postgraphile',
      },
      () =>
        runHttpLoad(
          httpPlan(ctx, {
            url: pglUrl,
            cpu: { serverPid: proc.pid ?? null, postmasterPid: ctx.postmasterPid },
            connections: 8,
            amount: ctx.opts.readRequests,
            bodies: [Q.body(Q.PGL_PERSON_REFERRALS, { personId: ctx.actors.journeyPersonId })],
          }),
        ),
    );
    await measure(
      ctx,
      {
        id: 'pgl:inbox',
        operation: 'PostGraphile 4 (no rules): inbox page of 50',
        connections: 8,
        kind: 'postgraphile',
      },
      () =>
        runHttpLoad(
          httpPlan(ctx, {
            url: pglUrl,
            cpu: { serverPid: proc.pid ?? null, postmasterPid: ctx.postmasterPid },
            connections: 8,
            amount: ctx.opts.readRequests,
            bodies: [Q.body(Q.PGL_INBOX, { orgId: ctx.inboxOrgId })],
          }),
        ),
    );
  } catch (e) {
    log(`PostGraphile comparison failed: ${(e as Error).message}`);
  } finally {
    proc.kill('SIGTERM');
  }
}

interface SoakReport {
  seconds: number;
  rssStartMb: number | null;
  rssEndMb: number | null;
  rssPeakMb: number | null;
  growthPct: number | null;
  result: LoadResult | null;
}

async function soak(ctx: Context): Promise<SoakReport | null> {
  if (!wanted(ctx.opts, 'soak')) return null;
  log(
    `soak: ${ctx.opts.soakSeconds} s of mixed traffic (makeReferral, journey, inbox, person's referrals, flows)...`,
  );
  const bodies: string[] = [];
  const headers: Record<string, string>[] = [];
  const add = (b: string, token: string, times: number) => {
    for (let i = 0; i < times; i++) {
      bodies.push(b);
      headers.push(bearer(token));
    }
  };
  ctx.actors.consentedPeople
    .slice(0, 20)
    .forEach((p) => add(Q.body(Q.MAKE_REFERRAL, { input: referralInput(ctx, p) }), ctx.tokens.referrer, 1));
  add(Q.body(Q.JOURNEY, { personId: ctx.actors.journeyPersonId }), ctx.tokens.referrer, 20);
  add(Q.body(Q.INBOX), ctx.tokens.inbox, 10);
  add(Q.body(Q.PERSON_REFERRALS, { personId: ctx.actors.journeyPersonId }), ctx.tokens.referrer, 10);
  add(Q.body(Q.ANALYTICS[4].query, { filter: { wards: [ctx.ward] } }), ctx.tokens.commissioner, 1);
  // Warm up first, with the same mix for a fifth of the soak (at most 30 s), so the start figure is
  // the server's working size (V8 grows its heap for a while under a new load), not its cold size.
  const warmupSeconds = Math.min(30, Math.max(2, Math.round(ctx.opts.soakSeconds / 5)));
  await runHttpLoad(
    httpPlan(ctx, {
      connections: 8,
      amount: 0,
      durationSeconds: warmupSeconds,
      maxSeconds: warmupSeconds + 30,
      warmup: 0,
      bodies,
      headersPerBody: headers,
    }),
  );
  // V8's heap rises and falls by a hundred MB or more between collections at this load, so one
  // sample says more about the moment than the size. Every second is sampled; the start and end
  // figures are the lowest sample (just after a collection: what the server really keeps) of the
  // soak's first and last minute, and the peak is reported beside them.
  const window = Math.min(60, Math.max(5, Math.floor(ctx.opts.soakSeconds / 4)));
  const samples: { at: number; mb: number }[] = [];
  const t0 = performance.now();
  const sample = () => {
    const mb = ctx.server.rssMb();
    if (mb != null) samples.push({ at: (performance.now() - t0) / 1000, mb });
  };
  sample();
  const sampler = setInterval(sample, 1000);
  let result: LoadResult;
  try {
    result = await runHttpLoad(
      httpPlan(ctx, {
        connections: 8,
        amount: 0,
        durationSeconds: ctx.opts.soakSeconds,
        maxSeconds: ctx.opts.soakSeconds + 60,
        warmup: 0,
        bodies,
        headersPerBody: headers,
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const end = (performance.now() - t0) / 1000;
  const lowest = (from: number, to: number) => {
    const inWindow = samples.filter((x) => x.at >= from && x.at <= to).map((x) => x.mb);
    return inWindow.length > 0 ? Math.min(...inWindow) : null;
  };
  const rssStartMb = lowest(0, window);
  const rssEndMb = lowest(end - window, end);
  const rssPeakMb = samples.length > 0 ? Math.max(...samples.map((x) => x.mb)) : null;
  const growthPct = rssStartMb && rssEndMb ? ((rssEndMb - rssStartMb) / rssStartMb) * 100 : null;
  log(
    `  ${result.requests} requests (${result.reqPerSec.toFixed(0)} req/s, ${result.errors} errors); RSS ${rssStartMb?.toFixed(0)} → ${rssEndMb?.toFixed(0)} MB (peak ${rssPeakMb?.toFixed(0)}), growth ${growthPct?.toFixed(1)}%` +
      (result.errorSample ? `\n  first error: ${result.errorSample}` : ''),
  );
  return { seconds: ctx.opts.soakSeconds, rssStartMb, rssEndMb, rssPeakMb, growthPct, result };
}

/** Start-to-ready of a fresh server process on the existing data (embedded: it starts PostgreSQL itself). */
async function restarts(ctx: Context): Promise<number[]> {
  const times: number[] = [];
  if (!wanted(ctx.opts, 'restart')) return times;
  await ctx.server.stop();
  await ctx.db.stopServer();
  for (let i = 0; i < ctx.opts.restarts; i++) {
    const { server, readyMs } = await ApiServer.start({
      root: ROOT,
      databaseUrl: ctx.db.kind === 'external' ? ctx.db.url : null,
      dataDir: ctx.db.dataDir,
    });
    times.push(readyMs);
    log(`start-to-ready on the existing data: ${readyMs.toFixed(0)} ms`);
    await server.stop();
  }
  return times;
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const loadAtStart = os.loadavg();
  const commit = gitCommit(); // the code that runs: read now, not after a long run
  log(
    `${runMode(opts)} run: ${JSON.stringify(opts.size)} on ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const db = await provisionDatabase(opts.databaseUrl, log);
  let server: ApiServer | null = null;
  try {
    await runMigrations(db.url);
    log('migrations applied');
    const load: LoadReport = await loadDataset(db.url, opts.size, log);
    log(
      `loaded ${JSON.stringify(load.rows)} in ${load.seconds.toFixed(1)} s (COPY ${load.copySeconds.toFixed(1)} s, indexes + summary ${load.indexSeconds.toFixed(1)} s, VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s)`,
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let actors: BenchActors;
    let picks: Picks;
    let tokens: Context['tokens'];
    let postmasterPid: number | null;
    try {
      actors = await createBenchActors(client, opts.quick ? 200 : 1000);
      picks = await pick(client, actors);
      const inboxStaffId = await inboxStaff(client, picks.largest.orgId, actors, 'largest');
      const typicalInboxStaffId = await inboxStaff(client, picks.typical.orgId, actors, 'typical');
      await client.query('ANALYZE');
      const { rows: backend } = await client.query<{ pid: number; db: string }>(
        'SELECT pg_backend_pid() AS pid, current_database() AS db',
      );
      postmasterPid = localPostmaster(backend[0].pid, backend[0].db);
      const tok = (id: string) => signIn(client, id);
      tokens = {
        referrer: await tok(actors.referrerStaffId),
        receiver: await tok(actors.receiverStaffId),
        commissioner: await tok(actors.commissionerStaffId),
        inbox: await tok(inboxStaffId),
        typicalInbox: await tok(typicalInboxStaffId),
      };
    } finally {
      await client.end();
    }

    const first = await ApiServer.start({
      root: ROOT,
      databaseUrl: db.url,
      dataDir: null,
      cpuProfDir: opts.cpuProfDir,
    });
    server = first.server;
    log(`API server ready in ${first.readyMs.toFixed(0)} ms (external database, migrations already applied)`);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRssMb = server.rssMb();
    log(`idle RSS ${idleRssMb?.toFixed(0)} MB`);

    const ctx: Context = {
      opts,
      db,
      server,
      actors,
      tokens,
      inboxOrgId: picks.largest.orgId,
      inboxSizes: { largest: picks.largest.referrals, typical: picks.typical.referrals },
      ward: picks.ward,
      postmasterPid,
      rows: [],
    };

    await ceiling(ctx);
    await makeReferral(ctx);
    await transitionReferral(ctx);
    await journey(ctx);
    await inbox(ctx);
    await analytics(ctx);
    await postgraphile(ctx);
    const soakReport = await soak(ctx);
    const afterSoakRssMb = server.rssMb();
    const startTimes = await restarts(ctx);

    const table = formatTable(ctx.rows);
    const lines = [
      '',
      table,
      '',
      `load: ${load.seconds.toFixed(1)} s (COPY ${load.copySeconds.toFixed(1)} s + indexes + summary ${load.indexSeconds.toFixed(1)} s + VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s) for ${JSON.stringify(load.rows)} (target < 120 s at full size)`,
      `idle RSS: ${idleRssMb?.toFixed(0) ?? '-'} MB (target ≤ 200 MB)`,
      soakReport
        ? `soak ${soakReport.seconds} s: RSS after collections (lowest of first and last minute) ${soakReport.rssStartMb?.toFixed(0)} → ${soakReport.rssEndMb?.toFixed(0)} MB, peak ${soakReport.rssPeakMb?.toFixed(0)} MB, growth ${soakReport.growthPct?.toFixed(1)}% (target ≤ 10%), ${soakReport.result?.requests} requests, ${soakReport.result?.errors} errors`
        : 'soak: not run',
      `start-to-ready on the existing data: ${startTimes.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ') || 'not run'} (target ≤ 5 s)`,
      `machine: ${os.cpus().length} cores; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, now ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (above ${os.cpus().length}, other work competed with the bench)`,
      'PostGraphile 4 enforces none of our rules (no authentication, visibility, consent or audit): it is a ceiling for generic GraphQL over PostgreSQL, not a fair fight.',
    ];
    console.log(lines.join('\n'));

    const outDir = path.join(ROOT, 'bench', 'results');
    await mkdir(outDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(outDir, `${stamp}-${runMode(opts)}.json`);
    await writeFile(
      file,
      JSON.stringify(
        {
          mode: runMode(opts),
          at: new Date().toISOString(),
          commit,
          machine: {
            cores: os.cpus().length,
            cpuModel: os.cpus()[0]?.model ?? null,
            memoryGb: Math.round(os.totalmem() / 2 ** 30),
            node: process.version,
            platform: `${os.platform()} ${os.release()}`,
            loadAverageAtStart: loadAtStart,
            loadAverageAtEnd: os.loadavg(),
          },
          database: db.kind,
          size: opts.size,
          load,
          idleRssMb,
          afterSoakRssMb,
          soak: soakReport,
          startToReadyMs: startTimes,
          rows: ctx.rows.map((r) => ({ ...r, ...verdict(r, ctx.rows) })),
          note: 'PostGraphile rows enforce none of Pathways’ rules: a ceiling for generic GraphQL over PostgreSQL, not a fair fight.',
        },
        null,
        2,
      ) + '\n',
    );
    log(
      `results written to ${path.relative(ROOT, file)} (commit ${commit}); finished in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await server?.stop().catch(() => undefined);
    if (opts.keep) {
      await db.stopServer().catch(() => undefined);
      log(
        `kept the database: ${db.dataDir ? `${db.dataDir}/pg (password in ${db.dataDir}/pg.password; DATA_DIR=${db.dataDir} npm start serves it)` : db.url}`,
      );
    } else
      await db.destroy().catch((e) => log(`could not remove the bench database: ${(e as Error).message}`));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
