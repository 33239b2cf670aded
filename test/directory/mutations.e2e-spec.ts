import { Role } from '#libs/common';
import { errorCode, type StaffFixture, startTestApp, type TestApp } from '../support/test-app.js';

const CREATE_ORG = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name kind locallyRooted ward services { id } createdAt }
}`;
const CREATE_SERVICE = `mutation($input: CreateServiceInput!) {
  createService(input: $input) { id name category capacity sensitive site ward organisation { id } }
}`;
const SET_CAPACITY = `mutation($id: ID!, $c: ServiceCapacity!) {
  setServiceCapacity(serviceId: $id, capacity: $c) { id capacity }
}`;
const CREATE_STAFF = `mutation($input: CreateStaffInput!) {
  createStaff(input: $input) { id email name role active organisation { id } services { id } }
}`;
const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setStaffActive(staffId: $id, active: $active) { id active } }`;
const UNKNOWN_ID = '0b7a6c1e-5d2f-4c3b-9a8e-7f6d5c4b3a21';
const PASSWORD = 'correct horse battery';

describe('directory mutations (CONTRACT.md sections 2, 3 and 6)', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let serviceA: string;
  let serviceB: string;
  let admin: StaffFixture;
  let managerA: StaffFixture;
  let managerB: StaffFixture;
  let frontlineA: Record<string, StaffFixture>;
  let commissioner: StaffFixture;
  let n = 0;
  const email = () => `person${++n}@example.org`;

  beforeAll(async () => {
    t = await startTestApp();
    const adminOrg = await t.fixtures.organisation({ name: 'Partnership administration', kind: 'OTHER' });
    orgA = await t.fixtures.organisation({ name: 'Calder Family Trust' });
    orgB = await t.fixtures.organisation({ name: 'Halifax Learning' });
    serviceA = await t.fixtures.service(orgA);
    serviceB = await t.fixtures.service(orgB);
    admin = await t.fixtures.staff(adminOrg, Role.ADMIN);
    managerA = await t.fixtures.staff(orgA, Role.SERVICE_MANAGER);
    managerB = await t.fixtures.staff(orgB, Role.SERVICE_MANAGER);
    frontlineA = {
      FAMILY_SUPPORT_WORKER: await t.fixtures.staff(orgA, Role.FAMILY_SUPPORT_WORKER),
      KEY_WORKER: await t.fixtures.staff(orgA, Role.KEY_WORKER),
      LINK_WORKER: await t.fixtures.staff(orgA, Role.LINK_WORKER),
    };
    commissioner = await t.fixtures.staff(orgA, Role.COMMISSIONER);
  });
  afterAll(() => t.close());

  const notManagers = () => [...Object.values(frontlineA), commissioner];

  describe('createOrganisation', () => {
    it('lists organisations alphabetically whatever the case of their first letter', async () => {
      for (const name of ['aa lower Organisation', 'AB Upper Organisation'])
        expect(
          (await t.gql(CREATE_ORG, { input: { name, kind: 'OTHER', locallyRooted: false } }, admin.token))
            .errors,
        ).toBeUndefined();
      const names: string[] = (
        await t.gql('{ organisations { name } }', {}, admin.token)
      ).data.organisations.map((o: { name: string }) => o.name);
      expect(names.indexOf('aa lower Organisation')).toBeLessThan(names.indexOf('AB Upper Organisation'));
    });

    it('lets an ADMIN create an organisation, stored trimmed', async () => {
      const res = await t.gql(
        CREATE_ORG,
        {
          input: {
            name: '  Todmorden Food Hub ',
            kind: 'COMMUNITY_ANCHOR',
            locallyRooted: true,
            ward: ' Todmorden ',
          },
        },
        admin.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.createOrganisation).toMatchObject({
        name: 'Todmorden Food Hub',
        kind: 'COMMUNITY_ANCHOR',
        locallyRooted: true,
        ward: 'Todmorden',
        services: [],
      });
      const row = await t.db.one('SELECT name, ward FROM organisations WHERE id = $1', [
        res.data.createOrganisation.id,
      ]);
      expect(row).toEqual({ name: 'Todmorden Food Hub', ward: 'Todmorden' });
    });

    it.each(['SERVICE_MANAGER', 'FAMILY_SUPPORT_WORKER', 'KEY_WORKER', 'LINK_WORKER', 'COMMISSIONER'])(
      'refuses a %s with FORBIDDEN and writes nothing',
      async (role) => {
        const token =
          role === 'SERVICE_MANAGER'
            ? managerA.token
            : role === 'COMMISSIONER'
              ? commissioner.token
              : frontlineA[role].token;
        const before = await t.db.one('SELECT count(*)::int AS n FROM organisations');
        const res = await t.gql(
          CREATE_ORG,
          { input: { name: 'Nope', kind: 'CHARITY', locallyRooted: false } },
          token,
        );
        expect(errorCode(res)).toBe('FORBIDDEN');
        expect(await t.db.one('SELECT count(*)::int AS n FROM organisations')).toEqual(before);
      },
    );

    it('is UNAUTHENTICATED without a token', async () => {
      const res = await t.gql(CREATE_ORG, { input: { name: 'Nope', kind: 'CHARITY', locallyRooted: false } });
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    });

    it.each([
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'Bell\u0007 Trust' }, 'name'],
      [{ ward: 'w'.repeat(201) }, 'ward'],
      [{ ward: 'Park\nWard' }, 'ward'],
    ])('rejects %j with BAD_USER_INPUT naming %s', async (over, field) => {
      const res = await t.gql(
        CREATE_ORG,
        { input: { name: 'Valid', kind: 'CHARITY', locallyRooted: true, ...over } },
        admin.token,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
    });

    it.each([['n'], ['😀']])('accepts a name of exactly 100 characters (%s) after trimming', async (c) => {
      const name = c.repeat(100);
      const res = await t.gql(
        CREATE_ORG,
        { input: { name: ` ${name} `, kind: 'NHS', locallyRooted: false } },
        admin.token,
      );
      expect(res.data.createOrganisation.name).toBe(name);
    });
  });

  describe('createService', () => {
    const input = (organisationId: string, over: Record<string, unknown> = {}) => ({
      input: { organisationId, name: ' Stay and Play ', category: 'CHILDRENS_CENTRE', ...over },
    });

    it('lets an ADMIN create a service in any organisation, OPEN and not sensitive by default', async () => {
      const res = await t.gql(CREATE_SERVICE, input(orgB), admin.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.createService).toMatchObject({
        name: 'Stay and Play',
        category: 'CHILDRENS_CENTRE',
        capacity: 'OPEN',
        sensitive: false,
        site: null,
        ward: null,
        organisation: { id: orgB },
      });
    });

    it('lets a SERVICE_MANAGER create a service in its own organisation', async () => {
      const res = await t.gql(
        CREATE_SERVICE,
        input(orgA, { capacity: 'WAITLIST', sensitive: true, site: ' Ovenden Hall ', ward: 'Ovenden' }),
        managerA.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.createService).toMatchObject({
        capacity: 'WAITLIST',
        sensitive: true,
        site: 'Ovenden Hall',
        ward: 'Ovenden',
        organisation: { id: orgA },
      });
    });

    it('refuses a SERVICE_MANAGER in another organisation with FORBIDDEN, before looking at the input', async () => {
      const res = await t.gql(CREATE_SERVICE, input(orgA, { name: '' }), managerB.token);
      expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it('refuses frontline staff and commissioners with FORBIDDEN', async () => {
      for (const s of notManagers()) {
        expect(errorCode(await t.gql(CREATE_SERVICE, input(orgA), s.token))).toBe('FORBIDDEN');
      }
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expect(errorCode(await t.gql(CREATE_SERVICE, input(orgA)))).toBe('UNAUTHENTICATED');
    });

    it('answers NOT_FOUND for an unknown or malformed organisation id, before input rules', async () => {
      expect(errorCode(await t.gql(CREATE_SERVICE, input(UNKNOWN_ID, { name: '' }), admin.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(CREATE_SERVICE, input('not-a-uuid'), admin.token))).toBe('NOT_FOUND');
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ site: 's'.repeat(201) }, 'site'],
      [{ ward: '\u0000' }, 'ward'],
    ])('rejects %j with BAD_USER_INPUT naming %s', async (over, field) => {
      const res = await t.gql(CREATE_SERVICE, input(orgA, over), managerA.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
    });
  });

  describe('setServiceCapacity', () => {
    it('lets an ADMIN and the SERVICE_MANAGER of its organisation switch it', async () => {
      let res = await t.gql(SET_CAPACITY, { id: serviceA, c: 'WAITLIST' }, admin.token);
      expect(res.data.setServiceCapacity).toEqual({ id: serviceA, capacity: 'WAITLIST' });
      res = await t.gql(SET_CAPACITY, { id: serviceA, c: 'CLOSED' }, managerA.token);
      expect(res.data.setServiceCapacity).toEqual({ id: serviceA, capacity: 'CLOSED' });
      expect(await t.db.one('SELECT capacity FROM services WHERE id = $1', [serviceA])).toEqual({
        capacity: 'CLOSED',
      });
      res = await t.gql(SET_CAPACITY, { id: serviceA, c: 'OPEN' }, managerA.token);
      expect(res.data.setServiceCapacity.capacity).toBe('OPEN');
    });

    it("refuses another organisation's SERVICE_MANAGER, frontline staff and commissioners with FORBIDDEN", async () => {
      expect(errorCode(await t.gql(SET_CAPACITY, { id: serviceA, c: 'CLOSED' }, managerB.token))).toBe(
        'FORBIDDEN',
      );
      for (const s of notManagers()) {
        expect(errorCode(await t.gql(SET_CAPACITY, { id: serviceA, c: 'CLOSED' }, s.token))).toBe(
          'FORBIDDEN',
        );
      }
      expect(await t.db.one('SELECT capacity FROM services WHERE id = $1', [serviceA])).toEqual({
        capacity: 'OPEN',
      });
    });

    it('answers NOT_FOUND for unknown and malformed ids, UNAUTHENTICATED without a token', async () => {
      expect(errorCode(await t.gql(SET_CAPACITY, { id: UNKNOWN_ID, c: 'OPEN' }, admin.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(SET_CAPACITY, { id: '42', c: 'OPEN' }, managerA.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(SET_CAPACITY, { id: serviceB, c: 'OPEN' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('createStaff', () => {
    const input = (organisationId: string, role: string, over: Record<string, unknown> = {}) => ({
      input: { email: email(), name: 'Alex Morgan', password: PASSWORD, role, organisationId, ...over },
    });

    it('lets an ADMIN create any role in any organisation', async () => {
      for (const role of Object.values(Role)) {
        const res = await t.gql(CREATE_STAFF, input(orgB, role), admin.token);
        expect(res.errors).toBeUndefined();
        expect(res.data.createStaff).toMatchObject({ role, active: true, organisation: { id: orgB } });
      }
    });

    it.each(['FAMILY_SUPPORT_WORKER', 'KEY_WORKER', 'LINK_WORKER'])(
      'lets a SERVICE_MANAGER create a %s in its own organisation, with services',
      async (role) => {
        const res = await t.gql(CREATE_STAFF, input(orgA, role, { serviceIds: [serviceA] }), managerA.token);
        expect(res.errors).toBeUndefined();
        expect(res.data.createStaff).toMatchObject({
          role,
          organisation: { id: orgA },
          services: [{ id: serviceA }],
        });
      },
    );

    it.each(['ADMIN', 'SERVICE_MANAGER', 'COMMISSIONER'])(
      'refuses a SERVICE_MANAGER creating a %s with FORBIDDEN',
      async (role) => {
        expect(errorCode(await t.gql(CREATE_STAFF, input(orgA, role), managerA.token))).toBe('FORBIDDEN');
      },
    );

    it('refuses a SERVICE_MANAGER creating staff in another organisation, frontline staff and commissioners', async () => {
      expect(errorCode(await t.gql(CREATE_STAFF, input(orgB, 'KEY_WORKER'), managerA.token))).toBe(
        'FORBIDDEN',
      );
      for (const s of notManagers()) {
        expect(errorCode(await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER'), s.token))).toBe('FORBIDDEN');
      }
      expect(errorCode(await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER')))).toBe('UNAUTHENTICATED');
    });

    it('stores the email trimmed and never returns or stores the password in clear', async () => {
      const res = await t.gql(
        CREATE_STAFF,
        input(orgA, 'LINK_WORKER', { email: '  Jo.Bloggs@Example.org ', name: ' Jo Bloggs ' }),
        managerA.token,
      );
      expect(res.data.createStaff).toMatchObject({ email: 'Jo.Bloggs@Example.org', name: 'Jo Bloggs' });
      const row = await t.db.one('SELECT email, password_hash FROM staff WHERE id = $1', [
        res.data.createStaff.id,
      ]);
      expect(row.email).toBe('Jo.Bloggs@Example.org');
      expect(row.password_hash).toMatch(/^scrypt\$32768\$6\$1\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    });

    it('answers CONFLICT for an email already used in another case, and writes nothing', async () => {
      const first = await t.gql(
        CREATE_STAFF,
        input(orgA, 'KEY_WORKER', { email: 'Sam.Okafor@example.org' }),
        managerA.token,
      );
      expect(first.errors).toBeUndefined();
      const before = await t.db.one(
        'SELECT count(*)::int AS staff, (SELECT count(*)::int FROM staff_services) AS links FROM staff',
      );
      const dup = await t.gql(
        CREATE_STAFF,
        input(orgA, 'KEY_WORKER', { email: ' sam.okafor@EXAMPLE.ORG', serviceIds: [serviceA] }),
        managerA.token,
      );
      expect(errorCode(dup)).toBe('CONFLICT');
      const other = await t.gql(
        CREATE_STAFF,
        input(orgB, 'ADMIN', { email: 'SAM.OKAFOR@example.org' }),
        admin.token,
      );
      expect(errorCode(other)).toBe('CONFLICT');
      expect(
        await t.db.one(
          'SELECT count(*)::int AS staff, (SELECT count(*)::int FROM staff_services) AS links FROM staff',
        ),
      ).toEqual(before);
    });

    it.each([
      ['a final sigma', 'σίσυφος@case.example.org', ['ΣΊΣΥΦΟΣ@case.example.org', 'Σίσυφοσ@case.example.org']],
      ['the long s', 'ſam@case.example.org', ['SAM@case.example.org', 'sam@case.example.org']],
      ['a dotted capital I', 'İnci@case.example.org', ['inci@case.example.org']],
    ])(
      'folds letters that are one in capitals (%s): CONFLICT, and each spelling signs in to the one account',
      async (_label, email, others) => {
        const made = await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER', { email }), managerA.token);
        expect(made.errors).toBeUndefined();
        for (const other of others) {
          const dup = await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER', { email: other }), managerA.token);
          expect({ other, code: errorCode(dup) }).toEqual({ other, code: 'CONFLICT' });
          const login = await t.gql(
            `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { staff { id } } }`,
            { e: other, p: PASSWORD },
          );
          expect({ other, staff: login.data?.login.staff.id }).toEqual({
            other,
            staff: made.data.createStaff.id,
          });
        }
      },
    );

    it.each([
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'pat\u0000lee@example.org' }, 'email'],
      [{ email: 'a@b' }, 'email'],
      [{ name: ' ' }, 'name'],
      [{ name: 'y'.repeat(101) }, 'name'],
      [{ password: 'elevenchars' }, 'password'],
      [{ password: 'a long passphrase\u0000' }, 'password'],
      [{ password: 'a long\tpassphrase' }, 'password'],
      [{ password: ' '.repeat(12) }, 'password'],
      [{ password: 'e\u0301'.repeat(6) }, 'password'],
      [{ password: '\u200b'.repeat(12) }, 'password'],
      [{ email: 'pat\u200blee@example.org' }, 'email'],
      [{ name: '\u200b' }, 'name'],
    ])('rejects %j with BAD_USER_INPUT naming %s', async (over, field) => {
      const res = await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER', over), managerA.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
    });

    it('accepts a password of exactly 12 characters', async () => {
      const res = await t.gql(
        CREATE_STAFF,
        input(orgA, 'KEY_WORKER', { password: 'twelve chars' }),
        managerA.token,
      );
      expect(res.errors).toBeUndefined();
    });

    it('checks input rules before the duplicate email', async () => {
      await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER', { email: 'taken@example.org' }), managerA.token);
      const res = await t.gql(
        CREATE_STAFF,
        input(orgA, 'KEY_WORKER', { email: 'TAKEN@example.org', password: 'short' }),
        managerA.token,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('password');
    });

    it('answers NOT_FOUND for an unknown organisation or service, before input rules', async () => {
      expect(
        errorCode(await t.gql(CREATE_STAFF, input(UNKNOWN_ID, 'KEY_WORKER', { password: 'x' }), admin.token)),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await t.gql(
            CREATE_STAFF,
            input(orgA, 'KEY_WORKER', { serviceIds: [serviceA, UNKNOWN_ID], password: 'x' }),
            managerA.token,
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await t.gql(CREATE_STAFF, input(orgA, 'KEY_WORKER', { serviceIds: ['nope'] }), managerA.token),
        ),
      ).toBe('NOT_FOUND');
    });

    it("refuses another organisation's services with BAD_USER_INPUT naming serviceIds, writing nothing", async () => {
      const address = email();
      const res = await t.gql(
        CREATE_STAFF,
        input(orgA, 'KEY_WORKER', { email: address, serviceIds: [serviceA, serviceB] }),
        managerA.token,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('serviceIds');
      expect(await t.db.one('SELECT id FROM staff WHERE email = $1', [address])).toBeNull();
    });
  });

  describe('setStaffActive', () => {
    let fsw: StaffFixture;
    beforeAll(async () => {
      fsw = await t.fixtures.staff(orgA, Role.FAMILY_SUPPORT_WORKER);
    });

    it('lets the SERVICE_MANAGER of its organisation deactivate and reactivate frontline staff', async () => {
      let res = await t.gql(SET_ACTIVE, { id: fsw.id, active: false }, managerA.token);
      expect(res.data.setStaffActive).toEqual({ id: fsw.id, active: false });
      res = await t.gql(SET_ACTIVE, { id: fsw.id, active: true }, managerA.token);
      expect(res.data.setStaffActive).toEqual({ id: fsw.id, active: true });
    });

    it('lets an ADMIN change anyone else, in any organisation and role', async () => {
      const targets = [
        await t.fixtures.staff(orgB, Role.SERVICE_MANAGER),
        await t.fixtures.staff(orgA, Role.COMMISSIONER),
        await t.fixtures.staff(orgB, Role.ADMIN),
      ];
      for (const target of targets) {
        const res = await t.gql(SET_ACTIVE, { id: target.id, active: false }, admin.token);
        expect(res.data.setStaffActive).toEqual({ id: target.id, active: false });
        await t.gql(SET_ACTIVE, { id: target.id, active: true }, admin.token);
      }
    });

    it('of two administrators deactivating each other at once, exactly one succeeds', async () => {
      for (let round = 0; round < 10; round++) {
        const x = await t.fixtures.staff(admin.organisationId, Role.ADMIN);
        const y = await t.fixtures.staff(admin.organisationId, Role.ADMIN);
        const results = await Promise.all([
          t.gql(SET_ACTIVE, { id: y.id, active: false }, x.token),
          t.gql(SET_ACTIVE, { id: x.id, active: false }, y.token),
        ]);
        const outcomes = results.map((r) => (r.errors ? errorCode(r) : 'done')).sort();
        expect(outcomes).toEqual(['UNAUTHENTICATED', 'done']);
        const [{ n }] = await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM staff WHERE id = ANY($1) AND active',
          [[x.id, y.id]],
        );
        expect(n).toBe(1);
      }
    });

    it('refuses a SERVICE_MANAGER for managers, commissioners and other organisations', async () => {
      const otherManager = await t.fixtures.staff(orgA, Role.SERVICE_MANAGER);
      const otherOrgWorker = await t.fixtures.staff(orgB, Role.KEY_WORKER);
      for (const target of [otherManager, commissioner, admin, otherOrgWorker]) {
        expect(errorCode(await t.gql(SET_ACTIVE, { id: target.id, active: false }, managerA.token))).toBe(
          'FORBIDDEN',
        );
      }
      expect(
        await t.db.one('SELECT bool_and(active) AS all FROM staff WHERE id = ANY($1)', [
          [otherManager.id, otherOrgWorker.id],
        ]),
      ).toEqual({ all: true });
    });

    it('refuses frontline staff and commissioners', async () => {
      for (const s of notManagers()) {
        expect(errorCode(await t.gql(SET_ACTIVE, { id: fsw.id, active: false }, s.token))).toBe('FORBIDDEN');
      }
    });

    it('refuses deactivating yourself', async () => {
      expect(errorCode(await t.gql(SET_ACTIVE, { id: admin.id, active: false }, admin.token))).toBe(
        'FORBIDDEN',
      );
    });

    it('answers NOT_FOUND for unknown and malformed ids, UNAUTHENTICATED without a token', async () => {
      expect(errorCode(await t.gql(SET_ACTIVE, { id: UNKNOWN_ID, active: false }, admin.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(SET_ACTIVE, { id: 'x', active: false }, managerA.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(SET_ACTIVE, { id: fsw.id, active: false }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('deactivation takes effect at once', () => {
    it("a deactivated member's token and password stop working immediately", async () => {
      const address = email();
      const created = await t.gql(
        CREATE_STAFF,
        {
          input: {
            email: address,
            name: 'Riley Shaw',
            password: PASSWORD,
            role: 'KEY_WORKER',
            organisationId: orgA,
          },
        },
        managerA.token,
      );
      const id = created.data.createStaff.id;
      const login = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: address, p: PASSWORD },
      );
      const token = login.data.login.token;
      expect((await t.gql('{ me { id } }', {}, token)).data.me.id).toBe(id);

      await t.gql(SET_ACTIVE, { id, active: false }, managerA.token);
      expect(errorCode(await t.gql('{ me { id } }', {}, token))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql('{ services { id } }', {}, token))).toBe('UNAUTHENTICATED');
      const again = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: address, p: PASSWORD },
      );
      expect(errorCode(again)).toBe('UNAUTHENTICATED');

      // Reactivation does not revive tokens issued before the deactivation; signing in again works.
      await t.gql(SET_ACTIVE, { id, active: true }, managerA.token);
      expect(errorCode(await t.gql('{ me { id } }', {}, token))).toBe('UNAUTHENTICATED');
      const fresh = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: address, p: PASSWORD },
      );
      expect((await t.gql('{ me { id } }', {}, fresh.data.login.token)).data.me.id).toBe(id);
    });
  });
});
