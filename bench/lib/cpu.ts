import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time per request of each side of a measured run, read from /proc (Linux only; elsewhere the
 * server's and PostgreSQL's figures are null). Two cores are shared by the API, PostgreSQL and the
 * load generator, so a scenario's req/s can be no more than 2,000 divided by the milliseconds of CPU
 * one request costs them together: these figures say where a request's time goes, and they move
 * far less than req/s when the machine is busy with other work.
 */

/** The processes whose CPU a run measures besides its own (the load generator). */
export interface CpuWatch {
  /** The GraphQL server under load (the API, or PostGraphile); null for a raw-pg floor. */
  serverPid: number | null;
  /** PostgreSQL's postmaster when it runs on this machine: it and all its children are counted. */
  postmasterPid: number | null;
}

/** Milliseconds of CPU (user + system) per measured request; null where it could not be read. */
export interface CpuPerRequest {
  server: number | null;
  postgres: number | null;
  /** The load-generating process itself (for a raw-pg floor, the plain Node script doing the SQL work). */
  load: number;
}

/** The fields of /proc/<pid>/stat the bench reads. */
export interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself hold spaces
 * and parentheses, so the fields are counted after its last ')': state is field 3, ppid 4, utime 14,
 * stime 15.
 */
export function parseProcStat(text: string): ProcStat | null {
  const end = text.lastIndexOf(')');
  if (end < 0) return null;
  const f = text
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(f[1]);
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  if (f.length < 13 || ![ppid, utime, stime].every(Number.isInteger)) return null;
  return { ppid, cpuTicks: utime + stime };
}

let tickMs: number | undefined;
/** Milliseconds per clock tick (CLK_TCK, 100 a second on nearly every Linux). */
function msPerTick(): number {
  if (tickMs === undefined) {
    let hz = 100;
    try {
      const read = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      if (Number.isInteger(read) && read > 0) hz = read;
    } catch {
      // no getconf: keep the usual 100
    }
    tickMs = 1000 / hz;
  }
  return tickMs;
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

function commandName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** CPU milliseconds of the watched processes at one moment; PostgreSQL's per process. */
export interface CpuSnapshot {
  server: number | null;
  postgres: Map<number, number> | null;
  /** process.cpuUsage() of the measuring process, in ms. */
  self: number;
}

/** The postmaster and its children (backends, background workers) with their CPU so far. */
function postgresProcesses(postmasterPid: number): Map<number, number> | null {
  const own = readStat(postmasterPid);
  if (!own) return null;
  const ms = msPerTick();
  const out = new Map<number, number>([[postmasterPid, own.cpuTicks * ms]]);
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const name of pids) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = readStat(pid);
    if (s?.ppid === postmasterPid) out.set(pid, s.cpuTicks * ms);
  }
  return out;
}

export function takeSnapshot(watch: CpuWatch | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  const serverTicks = watch?.serverPid ? (readStat(watch.serverPid)?.cpuTicks ?? null) : null;
  return {
    server: serverTicks === null ? null : serverTicks * msPerTick(),
    postgres: watch?.postmasterPid ? postgresProcesses(watch.postmasterPid) : null,
    self: (usage.user + usage.system) / 1000,
  };
}

/**
 * The CPU each side spent between two snapshots, per request. A PostgreSQL process that started
 * during the run counts whole (it was born in it); one that ended during it is lost, which the
 * runs avoid by keeping their pools' connections open.
 */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuPerRequest {
  const per = (ms: number | null) => (ms === null || requests <= 0 ? null : ms / requests);
  let postgres: number | null = null;
  if (before.postgres && after.postgres) {
    postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  }
  return {
    server: per(before.server === null || after.server === null ? null : after.server - before.server),
    postgres: per(postgres),
    load: per(after.self - before.self) ?? 0,
  };
}

/**
 * The postmaster behind a connection when that PostgreSQL runs on this machine: the parent of the
 * connection's backend, if that pid here is a postgres process whose title names the connection's
 * database, and its parent is a postgres process too. Null for a remote server (its backend's pid
 * means nothing here) or where /proc cannot be read.
 */
export function localPostmaster(backendPid: number, database: string): number | null {
  if (commandName(backendPid) !== 'postgres') return null;
  let title: string;
  try {
    title = readFileSync(`/proc/${backendPid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
  if (!title.includes(` ${database} `)) return null;
  const ppid = readStat(backendPid)?.ppid;
  return ppid && commandName(ppid) === 'postgres' ? ppid : null;
}
