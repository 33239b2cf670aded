/**
 * Every error a client receives in the end-to-end suite passes through here (t.gql): its message
 * and extensions must not reveal internals — stack frames, SQL, table or constraint names, file
 * paths or library names (CONTRACT.md section 2).
 */
const TABLES = [
  'organisations',
  'services',
  'staff',
  'staff_services',
  'login_failures',
  'people',
  'consents',
  'referrals',
  'referral_events',
  'audit_events',
  'wellbeing_assessments',
  'outcomes',
  'migrations',
];

export const LEAK_PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'a stack frame', re: /\bat (?:async )?[\w.<>$]+ \(|\bat [\w/.-]+:\d+:\d+|\.(?:js|ts|mjs|cjs):\d+/ },
  {
    what: 'SQL',
    // Upper case, as SQL is written here (a message may well say "Select a service").
    re: /\b(?:SELECT\s+[\w*"]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|ALTER\s+TABLE|CREATE\s+TABLE|DROP\s+TABLE|RETURNING\s+\w|WHERE\s+\w+\s*=|ON CONFLICT)\b/,
  },
  {
    what: 'a PostgreSQL message',
    re: /violates|constraint|relation "|column "|syntax error at|duplicate key|null value in|invalid input syntax|deadlock|could not serialize|canceling statement|terminating connection|ECONNREFUSED|ETIMEDOUT|sqlstate/i,
  },
  // GraphQL's own messages quote field names such as "services"; only SQL's wording or the
  // snake_case names (never GraphQL names) give a table away.
  {
    what: 'a table name',
    re: new RegExp(
      `(?:table|relation)\\s+"?(?:${TABLES.join('|')})\\b|\\b(?:${TABLES.filter((t) => t.includes('_')).join('|')})\\b`,
      'i',
    ),
  },
  {
    what: 'a table name in SQL',
    re: new RegExp(`\\b(?:FROM|INTO|JOIN|UPDATE)\\s+"?(?:${TABLES.join('|')})\\b`),
  },
  { what: 'a constraint or index name', re: /\b\w+_(?:pkey|fkey|key|idx|check|uniq|excl)\b/ },
  { what: 'a file path', re: /(?:\/|\\)(?:node_modules|dist|src|libs|apps|usr|home|tmp|work|root)(?:\/|\\)/ },
  {
    what: 'a library name',
    re: /\b(?:pg|pg-pool|postgres(?:ql)?|typeorm|nestjs|@nestjs|express|class-validator|class-transformer|dataloader|ioredis|graphql-armor|graphql-query-complexity|node_modules)\b/i,
  },
  {
    what: 'an internal error class',
    re: /\b(?:TypeError|ReferenceError|RangeError|QueryFailedError|DatabaseError|HttpException)\b/,
  },
];

/** Every string inside a request's variables (what the client sent may be echoed back to it). */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 2) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  return out;
}

export function findLeaks(errors: unknown, sent?: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  const found: string[] = [];
  // Longest first, so a value containing another is removed whole.
  const echoes = stringsIn(sent).sort((a, b) => b.length - a.length);
  for (const e of errors as { message?: unknown; extensions?: unknown }[]) {
    let text = `${String(e?.message ?? '')} ${JSON.stringify(e?.extensions ?? {})}`;
    for (const echo of echoes) {
      text = text.split(echo).join('«sent»').split(JSON.stringify(echo).slice(1, -1)).join('«sent»');
    }
    for (const { what, re } of LEAK_PATTERNS)
      if (re.test(text)) found.push(`${what} in ${JSON.stringify(text)}`);
    const ext = (e?.extensions ?? {}) as Record<string, unknown>;
    if ('stacktrace' in ext || 'exception' in ext)
      found.push(`a stacktrace extension in ${JSON.stringify(text)}`);
  }
  return found;
}

/** Throws (failing the test) when any error of a GraphQL response reveals internals. */
export function assertNoLeak(body: unknown, sent?: unknown): void {
  const leaks = findLeaks((body as { errors?: unknown })?.errors, sent);
  if (leaks.length) throw new Error(`an error response reveals internals:\n${leaks.join('\n')}`);
}
