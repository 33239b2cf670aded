import type { Queryable } from '#libs/database';

/** CONTRACT.md section 10: 10 failed sign-ins for one email from one IP address within 15 minutes lock both out. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;

/**
 * The key failures are counted under: the email as matched (trimmed, case-insensitive), folded
 * through upper case as staff emails are (so σ and a final ς, or s and ſ, count as one address).
 */
export function emailKey(email: string): string {
  // PostgreSQL cannot store a NUL; no staff email holds one (they have no control characters).
  return email.trim().normalize('NFC').toUpperCase().toLowerCase().replaceAll('\u0000', '\ufffd');
}

/**
 * Seconds until this email may try again from this IP, or null when it is not locked. Locked while
 * the window holds LOGIN_MAX_FAILURES failures; it frees when the oldest of the latest ten leaves it.
 * Uses login_failures_lookup_idx.
 */
export async function lockedForSeconds(q: Queryable, key: string, ip: string): Promise<number | null> {
  const rows = await q.query<{ retry: number }>(
    `SELECT EXTRACT(EPOCH FROM (at + make_interval(mins => $3) - clock_timestamp()))::float8 AS retry
       FROM login_failures
      WHERE email_key = $1 AND ip = $2 AND at > clock_timestamp() - make_interval(mins => $3)
      ORDER BY at DESC
      OFFSET $4 LIMIT 1`,
    [key, ip, LOGIN_WINDOW_MINUTES, LOGIN_MAX_FAILURES - 1],
  );
  return rows.length ? Math.max(1, Math.ceil(rows[0].retry)) : null;
}

export async function recordFailure(q: Queryable, key: string, ip: string): Promise<void> {
  await q.query('INSERT INTO login_failures (email_key, ip) VALUES ($1, $2)', [key, ip]);
}

/** A successful sign-in forgets this email's earlier failures from this IP address. */
export async function clearFailures(q: Queryable, key: string, ip: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE email_key = $1 AND ip = $2', [key, ip]);
}

/** Failures older than the window no longer matter (uses login_failures_at_idx). */
export async function pruneFailures(q: Queryable): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE at < clock_timestamp() - make_interval(mins => $1)', [
    LOGIN_WINDOW_MINUTES,
  ]);
}
