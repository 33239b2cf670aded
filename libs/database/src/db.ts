import pg from 'pg';

export interface Queryable {
  query<T = any>(sql: string, params?: readonly unknown[]): Promise<T[]>;
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

  async query<T = any>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count++;
    const res = await this.client.query(sql, params as unknown[]);
    return res.rows as T[];
  }

  async one<T = any>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
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

  constructor(options: DbOptions) {
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
  }

  async query<T = any>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count++;
    const res = await this.pool.query(sql, params as unknown[]);
    return res.rows as T[];
  }

  async one<T = any>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }

  /**
   * Runs `work` in one transaction: all of it commits or none of it does. Side effects that must
   * only happen after commit belong after this call returns.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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
      client.release(broken ? true : undefined);
    }
  }

  /** True when the database answers within `timeoutMs`. */
  async healthy(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
