import { Role } from '#libs/common';
import { errorCode, type GqlResponse, startTestApp, type TestApp } from '../support/test-app.js';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token expiresAt
    staff { id email role active organisation { id name services { id } } services { id } }
  }
}`;
const PASSWORD = 'a long enough passphrase';

describe('login (CONTRACT.md sections 2 and 10)', () => {
  let t: TestApp;
  let orgId: string;
  let serviceId: string;
  let adminToken: string;

  const login = (email: string, password: string) => t.gql(LOGIN, { email, password });
  /** The same request from another address: trust proxy is 'loopback', so X-Forwarded-For counts. */
  const loginFrom = async (ip: string, email: string, password: string): Promise<GqlResponse> => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', ip)
      .send({ query: LOGIN, variables: { email, password } });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };
  const createStaff = async (email: string, role = 'KEY_WORKER') => {
    const res = await t.gql(
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      {
        input: {
          email,
          name: 'Test Person',
          password: PASSWORD,
          role,
          organisationId: orgId,
          serviceIds: [serviceId],
        },
      },
      adminToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data.createStaff.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    orgId = await t.fixtures.organisation({ name: 'Calder Valley Hub' });
    serviceId = await t.fixtures.service(orgId);
    adminToken = (await t.fixtures.staff(orgId, Role.ADMIN)).token;
  });
  afterAll(() => t.close());

  it('signs in with the right password, case-insensitively, and the same response resolves as the new actor', async () => {
    const id = await createStaff('Pat.Lee@Example.org');
    const before = Date.now();
    const res = await login('  pat.lee@EXAMPLE.org ', PASSWORD);
    expect(res.errors).toBeUndefined();
    const payload = res.data.login;
    expect(payload.staff).toEqual({
      id,
      email: 'Pat.Lee@Example.org',
      role: 'KEY_WORKER',
      active: true,
      organisation: { id: orgId, name: 'Calder Valley Hub', services: [{ id: serviceId }] },
      services: [{ id: serviceId }],
    });
    // 8 hours from when it was issued, somewhere between sending the request and its answer (which
    // can take seconds on a busy machine); the expiry is given to the second.
    const after = Date.now();
    const expires = new Date(payload.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 8 * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(after + 8 * 3600_000 + 1000);

    const me = await t.gql('{ me { id email } }', {}, payload.token);
    expect(me.data.me).toEqual({ id, email: 'Pat.Lee@Example.org' });
  });

  it('signs in with the exact email stored, whatever its letters, under the rule that keeps emails unique', async () => {
    // JavaScript and PostgreSQL fold İ and a final Σ differently: one rule (the database's) decides both.
    for (const [email, otherCase] of [
      ['İlker.Kaya@example.org', 'İLKER.KAYA@EXAMPLE.ORG'],
      ['ΟΔΟΣ@example.org', 'ΟΔΟΣ@Example.Org'],
      ['Émile.Zoë@example.org', 'émile.zoë@example.org'],
    ]) {
      const id = await createStaff(email);
      for (const typed of [email, otherCase]) {
        const res = await login(typed, PASSWORD);
        expect(res.errors).toBeUndefined();
        expect(res.data.login.staff.id).toBe(id);
      }
      const again = await t.gql(
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        {
          input: {
            email: otherCase,
            name: 'Other',
            password: PASSWORD,
            role: 'KEY_WORKER',
            organisationId: orgId,
          },
        },
        adminToken,
      );
      expect(errorCode(again)).toBe('CONFLICT');
    }
  });

  it('gives the same UNAUTHENTICATED message for an unknown email, a wrong password and a deactivated account', async () => {
    const id = await createStaff('deactivated@example.org');
    await t.db.query('UPDATE staff SET active = false WHERE id = $1', [id]);
    await createStaff('known@example.org');
    const answers = [
      await login('nobody@example.org', PASSWORD),
      await login('known@example.org', 'the wrong passphrase'),
      await login('deactivated@example.org', PASSWORD),
      await login('', ''),
      // Control characters (a NUL cannot even be stored as a failure key) are just unknown emails.
      await login('known\u0000@example.org', PASSWORD),
      await login('known@example.org\u0007', PASSWORD),
      // scrypt's HMAC would read a trailing NUL as absent: the right password plus one is wrong.
      await login('known@example.org', `${PASSWORD}\u0000`),
    ];
    for (const res of answers) {
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    }
    expect(new Set(answers.map((r) => r.errors![0].message)).size).toBe(1);
  });

  it('locks one email from one IP after 10 failures, even for the right password, until the window passes', async () => {
    const email = 'locked.out@example.org';
    await createStaff(email);
    for (let i = 1; i <= 10; i++) {
      expect(errorCode(await login(email, `wrong guess ${i}`))).toBe('UNAUTHENTICATED');
    }
    const locked = await login(email, PASSWORD);
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    const retry = locked.errors![0].extensions.retryAfterSeconds;
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // Other casing is the same email.
    expect(errorCode(await login(email.toUpperCase(), PASSWORD))).toBe('RATE_LIMITED');
    // Attempts while locked are not counted as failures.
    expect(
      await t.db.one('SELECT count(*)::int AS n FROM login_failures WHERE email_key = $1', [email]),
    ).toEqual({ n: 10 });

    // The state is in PostgreSQL: once the failures are older than 15 minutes, the lock is gone.
    await t.db.query(`UPDATE login_failures SET at = at - interval '15 minutes' WHERE email_key = $1`, [
      email,
    ]);
    const ok = await login(email, PASSWORD);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.login.token).toEqual(expect.any(String));
  });

  it('frees the lock when the oldest of the last ten failures leaves the window', async () => {
    const email = 'sliding@example.org';
    await createStaff(email);
    for (let i = 0; i < 10; i++) await login(email, 'wrong wrong wrong');
    // Age one failure past the window: nine remain, so the right password works again.
    await t.db.query(
      `UPDATE login_failures SET at = at - interval '16 minutes'
        WHERE id = (SELECT min(id) FROM login_failures WHERE email_key = $1)`,
      [email],
    );
    const res = await login(email, PASSWORD);
    expect(res.errors).toBeUndefined();
  });

  it('does not lock another email, nor the same email from another IP address', async () => {
    const email = 'target@example.org';
    const bystander = 'bystander@example.org';
    await createStaff(email);
    await createStaff(bystander);
    for (let i = 0; i < 10; i++) await loginFrom('203.0.113.7', email, 'not the password');
    expect(errorCode(await loginFrom('203.0.113.7', email, PASSWORD))).toBe('RATE_LIMITED');
    const otherEmail = await loginFrom('203.0.113.7', bystander, PASSWORD);
    expect(otherEmail.errors).toBeUndefined();
    const otherIp = await loginFrom('198.51.100.20', email, PASSWORD);
    expect(otherIp.errors).toBeUndefined();
    expect(await t.db.one('SELECT ip FROM login_failures WHERE email_key = $1 GROUP BY ip', [email])).toEqual(
      { ip: '203.0.113.7' },
    );
  });

  it('counts one address once however it is written (IPv4 mapped into IPv6, IPv6 in any case or with zeros)', async () => {
    const spellings = [
      '203.0.113.55',
      '::ffff:203.0.113.55',
      '::FFFF:cb00:7137',
      '2001:DB8:0:0::55',
      '2001:db8::55',
    ];
    for (let i = 0; i < 10; i++) await loginFrom(spellings[i % 3], 'spelled@example.org', 'not the password');
    for (const ip of spellings.slice(0, 3))
      expect({ ip, code: errorCode(await loginFrom(ip, 'spelled@example.org', 'not the password')) }).toEqual(
        {
          ip,
          code: 'RATE_LIMITED',
        },
      );
    for (let i = 0; i < 10; i++) await loginFrom(spellings[3 + (i % 2)], 'spelled6@example.org', 'nope');
    expect(errorCode(await loginFrom('2001:db8:0000::55', 'spelled6@example.org', 'nope'))).toBe(
      'RATE_LIMITED',
    );
    expect(
      await t.db.query('SELECT DISTINCT ip FROM login_failures WHERE email_key LIKE $1 ORDER BY ip', [
        'spelled%',
      ]),
    ).toEqual([{ ip: '2001:db8::55' }, { ip: '203.0.113.55' }]);
  });

  it('counts failures for unknown emails too (no way to tell which emails exist)', async () => {
    for (let i = 0; i < 10; i++) await login('ghost@example.org', 'whatever it is');
    const res = await login('ghost@example.org', 'whatever it is');
    expect(errorCode(res)).toBe('RATE_LIMITED');
  });

  it('a successful sign-in clears earlier failures for that email and address', async () => {
    const email = 'clumsy@example.org';
    await createStaff(email);
    for (let i = 0; i < 9; i++) await login(email, 'typo typo typo');
    expect((await login(email, PASSWORD)).errors).toBeUndefined();
    expect(
      await t.db.one('SELECT count(*)::int AS n FROM login_failures WHERE email_key = $1', [email]),
    ).toEqual({
      n: 0,
    });
    for (let i = 0; i < 9; i++) await login(email, 'typo typo typo');
    expect((await login(email, PASSWORD)).errors).toBeUndefined();
  });

  it('prunes failures older than the window', async () => {
    await t.db.query(
      `INSERT INTO login_failures (email_key, ip, at) VALUES ('old@example.org', '10.0.0.1', now() - interval '1 hour')`,
    );
    await login('someone-else@example.org', 'wrong password!');
    expect(
      await t.db.one(`SELECT count(*)::int AS n FROM login_failures WHERE email_key = 'old@example.org'`),
    ).toEqual({
      n: 0,
    });
  });

  it('lets no more than 10 guesses through when they arrive all at once', async () => {
    const email = 'burst@example.org';
    await createStaff(email);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(email, `parallel guess ${i}`)),
    );
    const codes = answers.map(errorCode).sort();
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(6);
  });

  it('is the only operation that needs no token', async () => {
    expect(errorCode(await t.gql('{ organisations { id } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('TRUST_PROXY: the client address behind a proxy on another host', () => {
  /** A sign-in that came through a proxy at 203.0.113.9 (itself reached over loopback) from `client`. */
  const viaProxy = async (t: TestApp, client: string, email: string, password: string) => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', `${client}, 203.0.113.9`)
      .send({ query: LOGIN, variables: { email, password } });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };
  /** Ten wrong passwords from one client, then the right one from another: locked out or not. */
  const secondClientAfterTenFailures = async (env: Record<string, string>) => {
    const t = await startTestApp(env);
    try {
      const org = await t.fixtures.organisation();
      const admin = (await t.fixtures.staff(org, Role.ADMIN)).token;
      const email = 'behind.proxy@example.org';
      const made = await t.gql(
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        {
          input: { email, name: 'Behind Proxy', password: PASSWORD, role: 'KEY_WORKER', organisationId: org },
        },
        admin,
      );
      expect(made.errors).toBeUndefined();
      for (let i = 0; i < 10; i++) await viaProxy(t, '198.51.100.7', email, `wrong guess ${i}`);
      const last = await viaProxy(t, '198.51.100.8', email, PASSWORD);
      return last.errors ? errorCode(last) : 'signed in';
    } finally {
      await t.close();
    }
  };

  it('by default only a proxy on this machine is believed: every client of a remote proxy shares its address', async () => {
    expect(await secondClientAfterTenFailures({})).toBe('RATE_LIMITED');
  });

  it('naming the proxy lets each client be counted on its own', async () => {
    expect(await secondClientAfterTenFailures({ TRUST_PROXY: 'loopback, 203.0.113.0/24' })).toBe('signed in');
  });
});
