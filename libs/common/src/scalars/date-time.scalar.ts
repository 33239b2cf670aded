import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from './date.scalar.js';

// ISO 8601 instant with an offset (Z or ±hh:mm). Seconds and fractions optional.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function parseDateTime(input: unknown): Date {
  if (typeof input !== 'string' || !ISO_INSTANT.test(input)) {
    throw new GraphQLError(
      'DateTime must be an ISO 8601 instant with an offset, e.g. 2026-03-01T09:30:00.000Z.',
    );
  }
  // RFC 3339 allows a lower-case "t" and "z"; the only letters the pattern lets through are those.
  const value = input.toUpperCase();
  const [, hh, mm] = /T(\d{2}):(\d{2})/.exec(value)!;
  // JavaScript's Date rolls 30 February over to 2 March: the day, hour and minute must exist as written.
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !isCalendarDate(value.slice(0, 10)) || Number(hh) > 23 || Number(mm) > 59)
    throw new GraphQLError('DateTime is not a real instant.');
  // Answered in UTC: an instant past the end of year 9999 there could not be written back in this form.
  if (d.getTime() > LAST_INSTANT)
    throw new GraphQLError('DateTime must be no later than 9999-12-31T23:59:59.999Z.');
  return d;
}

export const GraphQLDateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO 8601 instant with offset, e.g. 2026-03-01T09:30:00.000Z',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date.');
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parseDateTime(ast.value);
  },
});
