import { connectionProblem, Db, freePort } from '#libs/database';

/** What the first start says when PostgreSQL cannot be used, read from a real attempt. */
async function problemWith(url: string): Promise<string | null> {
  const db = new Db({ url, max: 1, acquireTimeoutMs: 3000 });
  try {
    const err = await db.problem(5000);
    return err === null ? null : connectionProblem(err, url);
  } finally {
    await db.close().catch(() => undefined);
  }
}

describe('why DATABASE_URL does not answer, in words a newcomer can act on', () => {
  const admin = () => new URL(process.env.PW_TEST_ADMIN_URL!);

  it('answers nothing when the database is there', async () => {
    expect(await problemWith(admin().toString())).toBeNull();
  });

  it('a database that does not exist: says which, and how to create it', async () => {
    const u = admin();
    u.pathname = '/no_such_database_here';
    expect(await problemWith(u.toString())).toBe(
      `database "no_such_database_here" does not exist on ${u.hostname}:${u.port}: create it (createdb no_such_database_here) or correct the name.`,
    );
  });

  it('a login refused: names the user, never the password', async () => {
    const u = admin();
    u.username = 'nobody_here';
    u.password = 'secret-password-123';
    const said = await problemWith(u.toString());
    expect(said).toMatch(/refused the login of "nobody_here"|does not exist|password/);
    expect(said).not.toContain('secret-password-123');
  });

  it('nothing listening on the port', async () => {
    const port = await freePort();
    expect(await problemWith(`postgres://x@127.0.0.1:${port}/x`)).toBe(
      `nothing accepts connections at 127.0.0.1:${port}: check the host and port, and that PostgreSQL is running.`,
    );
  });
});
