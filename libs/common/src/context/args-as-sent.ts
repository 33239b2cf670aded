/**
 * An operation's arguments as the client sent them, when the variables did not coerce (read by the
 * checks made before a variables mistake: AuditedAs's `first`, ChecksFirst).
 */

/** The value at a dotted path of the arguments (undefined when the path is not there). */
export function valueAt(args: Record<string, unknown>, path: string): unknown {
  let v: unknown = args;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * An id as sent: a string, or an integer (which GraphQL's ID accepts), lower-cased as ids are
 * stored; anything else is null, left to the input rules.
 */
export function idAsSent(value: unknown): string | null {
  if (typeof value === 'string') return value.toLowerCase();
  return Number.isInteger(value) ? String(value) : null;
}
