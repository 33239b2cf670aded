import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // There is no year 0 (PostgreSQL, like the calendar, goes from 1 BC to AD 1).
  if (y < 1) return false;
  const dt = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  dt.setUTCFullYear(y, mo - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD, e.g. 2026-03-01.');
  }
  return value;
}

/** Calendar dates travel as 'YYYY-MM-DD' strings end to end: no time zone can shift them. */
export const GraphQLDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO 8601 calendar date, e.g. 2026-03-01',
  serialize(value) {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value.');
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string.');
    return parseDate(ast.value);
  },
});
