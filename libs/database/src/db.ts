import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { isPgError } from './pg-errors.js';

/**
 * A hot statement sent as a named prepared statement: each connection parses and plans it once and
 * then only binds and executes it. Create these once, at module level, with `prepared(name, text)`.
 */
export interface PreparedSql {
  readonly name: string;
  readonly text: string;
}

/** A statement: plain SQL text (sent unnamed, as before) or a named prepared statement. */
export type Sql = string | PreparedSql;

const preparedTexts = new Map<string, string>();

/**
 * Declares a named prepared statement. A name stands for one text only (the driver would refuse a
 * second text on a connection that prepared the first), so a clash is refused here, at load time.
 */
export function prepared(name: string, text: string): PreparedSql {
  const known = preparedTexts.get(name);
  if (known !== undefined && known !== text)
    throw new Error(`prepared statement "${name}" is already declared with another text`);
  preparedTexts.set(name, text);
  return Object.freeze({ name, text });
}

/** Distinct texts `preparedShape` names in one process; texts beyond it are sent unnamed. */
export const SHAPE_LIMIT = 100;
const shapes = new Map<string, PreparedSql>();

/**
 * A statement built at run time from a bounded number of shapes (which filters are on, a page size),
 * named after a hash of its text so that each connection parses and plans each shape once, as for
 * `prepared`. Only the first SHAPE_LIMIT distinct texts of the process are named (each connection
 * keeps what it prepares): a client cycling through every shape cannot grow that without bound.
 * Values that change the plan's shape (a LIMIT) belong in the text; everything else stays a parameter.
 */
export function preparedShape(prefix: string, text: string): Sql {
  const known = shapes.get(text);
  if (known) return known;
  if (shapes.size >= SHAPE_LIMIT) return text;
  const name = `${prefix}_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
  const statement = prepared(name, text);
  shapes.set(text, statement);
  return statement;
}

function send(q: pg.Pool | pg.PoolClient, sql: Sql, params: readonly unknown[]): Promise<pg.QueryResult> {
  return typeof sql === 'string'
    ? q.query(sql, params as unknown[])
    : q.query({ name: sql.name, text: sql.text, values: params as unknown[] });
}

/**
 * deadlock_detected and serialization_failure: PostgreSQL ended the transaction (rolled back, nothing
 * of it kept) to let another one through. Two valid requests on one person (an update and a
 * referral marked entered in error, whose summary triggers lock the person and its referrals in
 * opposite orders) can meet this way; running the loser again is what PostgreSQL asks for.
 */
const RETRYABLE = new Set(['40P01', '40001']);
/** Attempts in all, the first included. */
export const MAX_ATTEMPTS = 4;

/** Runs `attempt` again, after a short random pause, while PostgreSQL ended it as retryable. */
async function retryingRollbacks<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= MAX_ATTEMPTS || !isPgError(e) || !RETRYABLE.has(e.code ?? '')) throw e;
      await sleep(5 + Math.random() * 20 * n);
    }
  }
}

export interface Queryable {
  query<T = any>(sql: Sql, params?: readonly unknown[]): Promise<T[]>;
}

export interface DbOptions {
  url: string;
  /** Pool size (DB_POOL_SIZE, default 10). */
  max?: number;
  /** How long a request waits for a free connection before failing (ms). */
  acquireTimeoutMs?: number;
  /** Server-side statement timeout (ms). */
  statementTimeoutMs?: number;
  applicationName?: string;
  onError?: (err: Error) => void;
}

/** A transaction's connection. Same query API as Db; committed or rolled back by Db.transaction. */
export class Tx implements Queryable {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly counter: QueryCounter,
  ) {}

  async query<T = any>(sql: Sql, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count++;
    const res = await send(this.client, sql, params);
    return res.rows as T[];
  }

  async one<T = any>(sql: Sql, params: readonly unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }
}

export class QueryCounter {
  count = 0;
}

/**
 * The application's single connection pool. Every SQL statement the API runs goes through here
 * (hand-written, parameterised SQL); TypeORM is used for migrations only.
 */
export class Db implements Queryable {
  readonly pool: pg.Pool;
  /** Statements sent so far (tests use the difference to prove queries are batched). */
  readonly counter = new QueryCounter();
  /** Connections checked out of the pool: a statement or a transaction of a request is on them. */
  private readonly busy = new Set<pg.PoolClient>();

  constructor(private readonly options: DbOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.acquireTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      idle_in_transaction_session_timeout: 30_000,
      application_name: options.applicationName ?? 'pathways',
      keepAlive: true,
    });
    // An idle client losing its connection must never crash the process.
    this.pool.on('error', (err) => options.onError?.(err));
    this.pool.on('acquire', (client) => this.busy.add(client));
    this.pool.on('release', (_err, client) => this.busy.delete(client));
    this.pool.on('remove', (client) => this.busy.delete(client as pg.PoolClient));
  }

  /**
   * Ends, in PostgreSQL, the work of every connection checked out of the pool: a statement still
   * running is cut short and its transaction rolled back. For a shutdown past its grace period: a
   * request given up on must not commit afterwards (a statement waiting on a lock would otherwise
   * carry on, and commit, once this process has gone). Only this pool's own sessions are ended (by
   * their process ids), never those of other replicas. Resolves to how many were ended; never throws.
   */
  async abandonBusy(timeoutMs = 2000): Promise<number> {
    const pids = [...this.busy]
      .map((c) => (c as unknown as { processID?: number }).processID)
      .filter((pid): pid is number => Number.isInteger(pid));
    if (pids.length === 0) return 0;
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: timeoutMs,
      statement_timeout: timeoutMs,
      application_name: this.options.applicationName ?? 'pathways',
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM unnest($1::int[]) AS pid',
        [pids],
      );
      return rows[0]?.n ?? 0;
    } catch {
      return 0;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** One statement, its own transaction; run again when PostgreSQL ended it to break a deadlock. */
  async query<T = any>(sql: Sql, params: readonly unknown[] = []): Promise<T[]> {
    return retryingRollbacks(async () => {
      this.counter.count++;
      const res = await send(this.pool, sql, params);
      return res.rows as T[];
    });
  }

  async one<T = any>(sql: Sql, params: readonly unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }

  /**
   * Runs `work` in one transaction: all of it commits or none of it does. Side effects that must
   * only happen after commit belong after this call returns. When PostgreSQL ends the transaction to
   * break a deadlock, `work` runs again from the start in a new one (so it must not keep anything
   * from a failed attempt but what it reads again).
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return retryingRollbacks(() => this.transactionOnce(work));
  }

  private async transactionOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out connection that PostgreSQL ends between statements (a restart, a terminated
    // session, an idle-in-transaction timeout) emits 'error'; unheard, that would end the process.
    // The transaction's next statement fails, and that failure is the request's answer.
    const onError = (err: Error) => this.options.onError?.(err);
    client.on('error', onError);
    let broken = false;
    try {
      this.counter.count++;
      await client.query('BEGIN');
      const result = await work(new Tx(client, this.counter));
      this.counter.count++;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: do not return it to the pool
      }
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken ? true : undefined);
    }
  }

  /** Null when the database answers within `timeoutMs`, otherwise why not (the error of the attempt). */
  async problem(timeoutMs = 2000): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
      return null;
    } catch (e) {
      return e ?? new Error('unknown error');
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when the database answers within `timeoutMs`. */
  async healthy(timeoutMs = 2000): Promise<boolean> {
    return (await this.problem(timeoutMs)) === null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
