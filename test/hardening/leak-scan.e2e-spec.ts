import { findLeaks } from '../support/leak-scan.js';

// The scan itself (t.gql applies it to every response of the end-to-end suite).
describe('the leak scan of error responses', () => {
  const err = (message: string, extensions: Record<string, unknown> = { code: 'BAD_USER_INPUT' }) => [
    { message, extensions },
  ];

  it.each([
    ['a stack frame', 'Oops\n    at Object.<anonymous> (/app/dist/x.js:10:5)'],
    ['SQL', 'SELECT id FROM people WHERE id = $1'],
    ['a PostgreSQL message', 'duplicate key value violates unique constraint "staff_email_key"'],
    ['a table name', 'relation "people" does not exist'],
    ['a table name', 'bad row in referral_events'],
    ['a constraint name', 'conflict on referrals_idempotency_key'],
    ['a file path', 'cannot open /work/app/node_modules/pg/lib/client.js'],
    ['a library name', 'QueryFailedError from TypeORM'],
    ['a connection error', 'connect ECONNREFUSED 127.0.0.1:5432'],
  ])('finds %s', (_what, message) => {
    expect(findLeaks(err(message)).length).toBeGreaterThan(0);
  });

  it('finds a stacktrace extension', () => {
    expect(findLeaks(err('x', { code: 'X', stacktrace: ['a'] })).length).toBeGreaterThan(0);
  });

  it.each([
    'Cannot query field "services" on type "Service".',
    'Select at least one need.',
    'Referrals from services of your organisation only.',
    'Variable "$c" got invalid value "NOPE"; Value "NOPE" does not exist in "ServiceCategory" enum.',
    'Something went wrong on our side. Quote the request id if you report it.',
    'The query is too complex: Query depth limit of 10 exceeded, found 11.',
    'Enter a UK postcode such as HX1 5DT.',
  ])('passes an ordinary message: %s', (message) => {
    expect(findLeaks(err(message))).toEqual([]);
  });
});
