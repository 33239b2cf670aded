/** PostgreSQL error helpers: recognise expected failures by SQLSTATE and constraint name. */
export interface PgError extends Error {
  code?: string;
  constraint?: string;
}

export function isPgError(e: unknown): e is PgError {
  return typeof e === 'object' && e !== null && typeof (e as PgError).code === 'string' && e instanceof Error;
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  return isPgError(e) && e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export function isForeignKeyViolation(e: unknown, constraint?: string): boolean {
  return isPgError(e) && e.code === '23503' && (constraint === undefined || e.constraint === constraint);
}

/** Connection-level failures: the database is unreachable or went away. */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as PgError).code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
    ].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      e.message,
    )
  );
}
