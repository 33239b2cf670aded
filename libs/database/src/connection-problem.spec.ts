import { connectionProblem } from './connection-problem.js';

const URL_ = 'postgres://app:s3cret@db.example:6543/pathways';
const err = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`failure ${code}`), { code, ...extra });

describe('connectionProblem', () => {
  it.each([
    [
      err('3D000'),
      'database "pathways" does not exist on db.example:6543: create it (createdb pathways) or correct the name.',
    ],
    [
      err('28P01'),
      'PostgreSQL at db.example:6543 refused the login of "app": check the user name and password (and pg_hba.conf).',
    ],
    [
      err('28000'),
      'PostgreSQL at db.example:6543 refused the login of "app": check the user name and password (and pg_hba.conf).',
    ],
    [
      err('ECONNREFUSED'),
      'nothing accepts connections at db.example:6543: check the host and port, and that PostgreSQL is running.',
    ],
    [
      err('ENOTFOUND', { hostname: 'db.example' }),
      'the host "db.example" is not known: check the host name.',
    ],
    [
      new Error('timeout'),
      'no answer from db.example:6543 in time: check the host and port, and that PostgreSQL is running.',
    ],
    [
      err('XX000'),
      'failure XX000 (db.example:6543): check the host, port, credentials and that PostgreSQL is running.',
    ],
  ])('%s', (e, said) => {
    expect(connectionProblem(e, URL_)).toBe(said);
    expect(connectionProblem(e, URL_)).not.toContain('s3cret');
  });

  it('reads defaults when the URL leaves them out, and survives a string that is not a URL', () => {
    expect(connectionProblem(err('3D000'), 'postgres://localhost')).toBe(
      'database "(default database)" does not exist on localhost:5432: create it (createdb (default database)) or correct the name.',
    );
    expect(connectionProblem(err('ECONNREFUSED'), 'not a url')).toContain('?:?');
  });
});
