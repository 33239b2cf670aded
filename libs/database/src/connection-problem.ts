import type { PgError } from './pg-errors.js';

/** Where a connection string points, for messages (never its password). */
function target(url: string): { host: string; port: string; user: string; database: string } {
  try {
    const u = new URL(url);
    return {
      host: u.hostname || 'localhost',
      port: u.port || '5432',
      user: decodeURIComponent(u.username) || '(default user)',
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)',
    };
  } catch {
    return { host: '?', port: '?', user: '?', database: '?' };
  }
}

/**
 * What a newcomer should do when PostgreSQL at `url` could not be reached, from the error of the
 * first connection: the database missing, the login refused, nothing listening, an unknown host, or
 * no answer in time. Says nothing of the password.
 */
export function connectionProblem(err: unknown, url: string): string {
  const t = target(url);
  const e = (err ?? {}) as PgError & { hostname?: string };
  const at = `${t.host}:${t.port}`;
  switch (e.code) {
    case '3D000':
      return `database "${t.database}" does not exist on ${at}: create it (createdb ${t.database}) or correct the name.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${at} refused the login of "${t.user}": check the user name and password (and pg_hba.conf).`;
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${at}: check the host and port, and that PostgreSQL is running.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host "${e.hostname ?? t.host}" is not known: check the host name.`;
    case '57P03':
      return `PostgreSQL at ${at} is starting up or shutting down: try again in a moment.`;
    default:
      if (e.message === 'timeout')
        return `no answer from ${at} in time: check the host and port, and that PostgreSQL is running.`;
      return `${e.message || 'unknown error'} (${at}): check the host, port, credentials and that PostgreSQL is running.`;
  }
}
