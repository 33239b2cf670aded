import { GraphQLDate, isCalendarDate } from './date.scalar.js';
import { GraphQLDateTime } from './date-time.scalar.js';
import { londonToday } from '../dates/london.js';

describe('Date scalar', () => {
  it.each(['2026-03-01', '2024-02-29', '1900-01-01', '0001-01-01', '0099-12-31'])('accepts %s', (d) =>
    expect(GraphQLDate.parseValue(d)).toBe(d),
  );
  it.each([
    '2026-02-29',
    '0001-02-29',
    '0000-00-00',
    '0000-01-01',
    '2026-13-01',
    '2026-3-1',
    '01/03/2026',
    '',
    '2026-03-01T00:00:00Z',
  ])('rejects %s', (d) => {
    expect(() => GraphQLDate.parseValue(d)).toThrow();
    expect(isCalendarDate(d)).toBe(false);
  });
});

describe('DateTime scalar', () => {
  it('serialises as an ISO instant in UTC', () => {
    expect(GraphQLDateTime.serialize(new Date(Date.UTC(2026, 2, 1, 9, 30)))).toBe('2026-03-01T09:30:00.000Z');
  });
  it('needs an offset', () => {
    expect(() => GraphQLDateTime.parseValue('2026-03-01T09:30:00')).toThrow();
    expect(GraphQLDateTime.parseValue('2026-03-01T09:30:00+01:00').toISOString()).toBe(
      '2026-03-01T08:30:00.000Z',
    );
  });
  it.each([
    '2027-02-30T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-03-01T24:30:00Z',
    '2026-03-01T09:60:00Z',
  ])('refuses %s, which does not exist (Date would roll it over)', (v) =>
    expect(() => GraphQLDateTime.parseValue(v)).toThrow('DateTime is not a real instant.'),
  );
  it.each(['2027-06-01t12:00:00Z', '2027-06-01t12:00:00z', '2027-06-01T12:00:00z'])(
    'reads %s with lower-case letters, as RFC 3339 allows',
    (v) => expect(GraphQLDateTime.parseValue(v).toISOString()).toBe('2027-06-01T12:00:00.000Z'),
  );
  it('refuses a lower-case instant that does not exist', () =>
    expect(() => GraphQLDateTime.parseValue('2027-02-30t00:00:00z')).toThrow(
      'DateTime is not a real instant.',
    ));
  it('refuses an instant past the end of year 9999 in UTC, which could not be written back', () => {
    expect(GraphQLDateTime.parseValue('9999-12-31T23:59:59Z').toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(() => GraphQLDateTime.parseValue('9999-12-31T23:59:59-12:00')).toThrow('no later than 9999');
  });
  it('keeps a leap day that exists', () => {
    expect(GraphQLDateTime.parseValue('2028-02-29T12:00:00Z').toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
});

describe('London dates', () => {
  it('judges "today" in Europe/London (BST moves midnight)', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
