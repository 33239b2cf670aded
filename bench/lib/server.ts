import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '#libs/database';

export const AUTH_SECRET = 'bench-secret-not-for-production-0123456789';

export interface ServerOptions {
  root: string;
  /** External database; when null the server starts the embedded one in dataDir. */
  databaseUrl: string | null;
  dataDir: string | null;
  cpuProfDir?: string | null;
  extraEnv?: Record<string, string>;
}

/** The real API server, run as its own process exactly as in production (node dist/apps/api/src/main.js). */
export class ApiServer {
  readonly url: string;
  readonly graphqlUrl: string;
  private exited: Promise<number | null>;
  private tail: string[] = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.graphqlUrl = `${this.url}/graphql`;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 50) this.tail.splice(0, this.tail.length - 50);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  static async start(options: ServerOptions): Promise<{ server: ApiServer; readyMs: number }> {
    const port = await freePort();
    const args: string[] = [];
    if (options.cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`);
    args.push(path.join(options.root, 'dist/apps/api/src/main.js'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AUTH_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
      PORT: String(port),
      SEED_DEMO: 'false',
      ...options.extraEnv,
    };
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    if (options.dataDir) env.DATA_DIR = options.dataDir;
    const started = performance.now();
    const proc = spawn(process.execPath, args, { cwd: options.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new ApiServer(proc, port);
    await server.waitReady(60_000);
    return { server, readyMs: performance.now() - started };
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (Date.now() < until) {
      if (gone) throw new Error(`the API server exited while starting:\n${this.log()}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the API server was not ready after ${timeoutMs} ms:\n${this.log()}`);
  }

  /** Resident set size of the server process in MB (from /proc; Linux only). */
  rssMb(): number | null {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return Number.isFinite(kb) ? kb / 1024 : null;
    } catch {
      return null;
    }
  }

  log(): string {
    return this.tail.join('\n');
  }

  /** SIGTERM (graceful shutdown) and wait for the exit. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.proc.kill('SIGKILL');
    }, 30_000);
    const code = await this.exited;
    clearTimeout(timer);
    if (killed || code !== 0)
      console.warn(
        `the API server did not stop cleanly (exit ${code}${killed ? ', killed after 30 s' : ''}):\n${this.log()}`,
      );
  }
}
