import { Role } from '#libs/common';
import { Db } from '#libs/database';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { issueToken, rootFieldAccess } from '#libs/auth';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config.js';
import { createLogger } from '../apps/api/src/logging.js';
import request from 'supertest';
import { errorCode, startTestApp, TEST_SECRET, type TestApp } from './support/test-app.js';

describe('errors at the GraphQL boundary (CONTRACT.md section 2)', () => {
  let t: TestApp;
  let admin: string;
  let worker: string;
  let org: string;
  let service: string;
  /** A person the worker's organisation registered (so can see). */
  let visiblePerson: string;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.fixtures.organisation();
    service = await t.fixtures.service(org);
    admin = (await t.fixtures.staff(org, Role.ADMIN)).token;
    worker = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
    const person = await t.gql(
      'mutation { registerPerson(input: { givenName: "Ann", familyName: "Lee" }) { id } }',
      {},
      worker,
    );
    visiblePerson = person.data.registerPerson.id;
  });
  afterAll(() => t.close());

  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const res = await t.gql('{ me { id ');
    expect(errorCode(res)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('an unknown field is GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await t.gql('{ nosuchfield }');
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it.each([
    [
      'an argument',
      'query($c: ServiceCategory) { services(category: $c) { id } }',
      { c: 'NOPE' },
      'category',
    ],
    [
      'an argument of a mutation',
      'mutation($s: ID!, $c: ServiceCapacity!) { setServiceCapacity(serviceId: $s, capacity: $c) { id } }',
      { s: 'KNOWN_SERVICE', c: 'FULL' },
      'capacity',
    ],
    ['a page size', 'query($f: Int) { referrals(first: $f) { totalCount } }', { f: 'ten' }, 'first'],
    [
      'a field of an input written in the document',
      'mutation($o: ID!, $k: ServiceCategory!) { createService(input: { organisationId: $o, name: "X", category: $k }) { id } }',
      { o: 'KNOWN_ORG', k: 'NOPE' },
      'category',
    ],
    [
      'a field inside a whole input variable',
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
      { input: { organisationId: 'KNOWN_ORG', name: 'X', category: 'NOPE' } },
      'category',
    ],
    [
      'an item of a list inside a whole input variable (named as the list, as the server names it)',
      'mutation($input: MakeReferralInput!) { makeReferral(input: $input) { id } }',
      {
        input: {
          personId: 'VISIBLE_PERSON',
          toServiceId: 'KNOWN_SERVICE',
          route: 'GP',
          needs: ['HOUSING', 'NOPE'],
        },
      },
      'needs',
    ],
    [
      'an item of a list written in the document',
      'query($c: ServiceCategory!) { referralFlows(filter: { categories: [ESOL, $c] }) { total { value } } }',
      { c: 'NOPE' },
      'filter.categories',
    ],
  ])(
    'a wrong value in variables is BAD_USER_INPUT naming the input field, not the variable: %s',
    async (_label, query, variables, field) => {
      // Signed in with a role that may call it, about a person, a service and an organisation that
      // exist and it can see: authentication, role and visibility come first (see below).
      const vars = JSON.parse(
        JSON.stringify(variables)
          .replace('VISIBLE_PERSON', visiblePerson)
          .replace('KNOWN_SERVICE', service)
          .replace('KNOWN_ORG', org),
      );
      const res = await t.gql(query, vars, /referrals|makeReferral/.test(query) ? worker : admin);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    },
  );

  it('more than 50 invalid values in the variables: each named, then one BAD_USER_INPUT saying so (not an internal error)', async () => {
    const res = await t.gql(
      'query($s: [ReferralStatus!]) { referrals(filter: { statuses: $s }) { totalCount } }',
      {
        s: Array.from({ length: 60 }, () => 'NOPE'),
      },
      worker,
    );
    const codes = new Set(res.errors!.map((e) => e.extensions.code));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
    expect(res.errors!.at(-1)!.message).toBe(
      'Too many invalid values in the variables; correct the ones named in the errors before this one.',
    );
  });

  describe('a mistake in the variables comes after authentication and role', () => {
    const register = 'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }';
    const badDate = { i: { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '2025-02-30' } };

    it('without a valid token: UNAUTHENTICATED', async () => {
      expect(errorCode(await t.gql(register, badDate))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(register, badDate, 'not-a-token'))).toBe('UNAUTHENTICATED');
      const org = await t.fixtures.organisation();
      const gone = await t.fixtures.staff(org, Role.KEY_WORKER, { active: false });
      const res = await t.gql(register, badDate, gone.token);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.status).toBe(200);
    });

    it('for a role that may not call the field: FORBIDDEN, audited DENIED as person-level data', async () => {
      const org = await t.fixtures.organisation();
      const commissioner = await t.fixtures.staff(org, Role.COMMISSIONER);
      const res = await t.gql(register, badDate, commissioner.token);
      expect(errorCode(res)).toBe('FORBIDDEN');
      const denied = await t.db.query(`SELECT action, outcome FROM audit_events WHERE staff_id = $1`, [
        commissioner.id,
      ]);
      expect(denied).toEqual([{ action: 'person.register', outcome: 'DENIED' }]);
      // A person's id in the arguments, with another variable wrong: DENIED against that person.
      const personId = '00000000-0000-4000-8000-0000000000aa';
      const read = await t.gql(
        'query($id: ID!, $f: Int) { person(id: $id) { id } referrals(first: $f) { totalCount } }',
        { id: personId, f: 'many' },
        admin,
      );
      expect(errorCode(read)).toBe('FORBIDDEN');
    });

    describe('then acting for a service and visibility, as the resolvers would check them', () => {
      const make = 'mutation($input: MakeReferralInput!) { makeReferral(input: $input) { id } }';
      const badNeeds = (over: Record<string, unknown>) => ({
        input: { personId: visiblePerson, toServiceId: service, route: 'GP', needs: ['NOPE'], ...over },
      });
      const deniedOf = (staffId: string) =>
        t.db.query<{ action: string; outcome: string; person_id: string | null }>(
          `SELECT action, outcome, person_id FROM audit_events WHERE staff_id = $1 ORDER BY seq`,
          [staffId],
        );

      it("a service of another organisation to act for: FORBIDDEN, audited DENIED, before the variables' mistake", async () => {
        const other = await t.fixtures.service(await t.fixtures.organisation());
        const caller = await t.fixtures.staff(org, Role.KEY_WORKER);
        const res = await t.gql(make, badNeeds({ fromServiceId: other, route: 'STAFF' }), caller.token);
        expect(res.errors![0].extensions).toEqual({ code: 'FORBIDDEN' });
        expect(res.errors![0].message).toBe('fromServiceId must be a service of your organisation.');
        const outcome = await t.gql(
          'mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }',
          { input: { personId: visiblePerson, serviceId: other, type: 'NOPE', achievedOn: '2026-01-05' } },
          caller.token,
        );
        expect(outcome.errors![0].extensions).toEqual({ code: 'FORBIDDEN' });
        expect(await deniedOf(caller.id)).toEqual([
          { action: 'referral.make', outcome: 'DENIED', person_id: visiblePerson },
          { action: 'outcome.record', outcome: 'DENIED', person_id: visiblePerson },
        ]);
      });

      it("a person or referral the caller's organisation cannot see: NOT_FOUND, audited DENIED, before the variables' mistake", async () => {
        const elsewhere = await t.fixtures.organisation();
        const stranger = await t.fixtures.staff(elsewhere, Role.KEY_WORKER);
        const made = await t.gql(
          make,
          {
            input: {
              personId: visiblePerson,
              fromServiceId: service,
              toServiceId: service,
              route: 'STAFF',
              needs: ['HOUSING'],
            },
          },
          worker,
        );
        const referralId = made.data.makeReferral.id as string;
        const cases: [string, Record<string, unknown>, string][] = [
          [make, badNeeds({}), 'Person'],
          [
            'mutation($input: TransitionReferralInput!) { transitionReferral(input: $input) { id } }',
            { input: { referralId, to: 'REJECTED', reason: 'NOPE', expectedVersion: 1 } },
            'Referral',
          ],
          [
            'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }',
            { id: visiblePerson, input: { equality: { disability: 'yes' } } },
            'Person',
          ],
          [
            'mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }',
            { input: { personId: visiblePerson, purpose: 'NOPE' } },
            'Person',
          ],
        ];
        for (const [query, variables, what] of cases) {
          const res = await t.gql(query, variables, stranger.token);
          expect({ what, error: res.errors![0].extensions }).toEqual({ what, error: { code: 'NOT_FOUND' } });
        }
        expect((await deniedOf(stranger.id)).map((e) => [e.action, e.outcome, e.person_id])).toEqual([
          ['referral.make', 'DENIED', visiblePerson],
          ['referral.transition', 'DENIED', visiblePerson],
          ['person.update', 'DENIED', visiblePerson],
          ['consent.record', 'DENIED', visiblePerson],
        ]);
        // A receiving service that does not exist is NOT_FOUND too, after the person.
        const colleague = await t.fixtures.staff(org, Role.KEY_WORKER);
        const unknownService = await t.gql(
          make,
          badNeeds({ toServiceId: '00000000-0000-4000-8000-00000000beef' }),
          colleague.token,
        );
        expect(unknownService.errors![0]).toMatchObject({
          message: 'Service not found.',
          extensions: { code: 'NOT_FOUND' },
        });
        expect(await deniedOf(colleague.id)).toEqual([
          { action: 'referral.make', outcome: 'DENIED', person_id: visiblePerson },
        ]);
        // The caller who can see them gets the variables' mistake.
        const own = await t.gql(cases[1][0], cases[1][1], worker);
        expect(own.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
      });

      it("an id sent as a number (GraphQL's ID takes integers) is checked as its digits, before the variables' mistake", async () => {
        const caller = await t.fixtures.staff(org, Role.KEY_WORKER);
        const update = await t.gql(
          'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }',
          { id: 12345, input: { interpreterNeeded: 'yes' } },
          caller.token,
        );
        expect(update.errors![0].extensions).toEqual({ code: 'NOT_FOUND' });
        const person = await t.gql(make, badNeeds({ personId: 12345 }), caller.token);
        expect(person.errors![0].extensions).toEqual({ code: 'NOT_FOUND' });
        const from = await t.gql(make, badNeeds({ fromServiceId: 12345, route: 'STAFF' }), caller.token);
        expect(from.errors![0]).toMatchObject({
          message: 'fromServiceId must be a service of your organisation.',
          extensions: { code: 'FORBIDDEN' },
        });
        expect((await deniedOf(caller.id)).map((e) => [e.action, e.outcome])).toEqual([
          ['person.update', 'DENIED'],
          ['referral.make', 'DENIED'],
          ['referral.make', 'DENIED'],
        ]);
      });
    });

    describe("then the directory's own checks: a service manager's organisation and roles, records that exist", () => {
      const createService = 'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }';
      const setCapacity =
        'mutation($s: ID!, $c: ServiceCapacity!) { setServiceCapacity(serviceId: $s, capacity: $c) { id } }';
      const createStaff = 'mutation($i: CreateStaffInput!) { createStaff(input: $i) { id } }';
      const setActive = 'mutation($s: ID!, $a: Boolean!) { setStaffActive(staffId: $s, active: $a) { id } }';
      const unknown = '00000000-0000-4000-8000-00000000f00d';
      const staffInput = (over: Record<string, unknown>) => ({
        i: {
          organisationId: org,
          name: 'New Person',
          email: `n${Math.random().toString(36).slice(2)}@example.org`,
          password: 'a-long-enough-password',
          role: 'KEY_WORKER',
          ...over,
        },
      });
      type Case = [string, string, Record<string, unknown>, { code: string; field?: string }, string?];

      it("refuses as the mutations would, before the variables' mistake", async () => {
        const elsewhere = await t.fixtures.organisation();
        const elsewhereService = await t.fixtures.service(elsewhere);
        const manager = await t.fixtures.staff(org, Role.SERVICE_MANAGER);
        const colleague = await t.fixtures.staff(org, Role.KEY_WORKER);
        const otherManager = await t.fixtures.staff(org, Role.SERVICE_MANAGER);
        const outsider = await t.fixtures.staff(elsewhere, Role.KEY_WORKER);
        const badService = (organisationId: string) => ({
          i: { organisationId, name: 'X', category: 'NOPE' },
        });
        const cases: Case[] = [
          // a service manager of another organisation, or for a role it may not manage: FORBIDDEN
          ['manager', createService, badService(elsewhere), { code: 'FORBIDDEN' }],
          ['manager', setCapacity, { s: elsewhereService, c: 'NOPE' }, { code: 'FORBIDDEN' }],
          [
            'manager',
            createStaff,
            staffInput({ organisationId: elsewhere, role: 'NOPE' }),
            { code: 'FORBIDDEN' },
          ],
          [
            'manager',
            createStaff,
            staffInput({ role: 'SERVICE_MANAGER', serviceIds: [{ a: 1 }] }),
            { code: 'FORBIDDEN' },
          ],
          ['manager', setActive, { s: outsider.id, a: 'yes' }, { code: 'FORBIDDEN' }],
          ['manager', setActive, { s: otherManager.id, a: 'yes' }, { code: 'FORBIDDEN' }],
          // records that do not exist: NOT_FOUND, for a manager and an administrator
          ['admin', createService, badService(unknown), { code: 'NOT_FOUND' }, 'Organisation not found.'],
          ['admin', setCapacity, { s: unknown, c: 'NOPE' }, { code: 'NOT_FOUND' }, 'Service not found.'],
          ['manager', setActive, { s: unknown, a: 'yes' }, { code: 'NOT_FOUND' }, 'Staff member not found.'],
          [
            'admin',
            createStaff,
            staffInput({ organisationId: unknown, role: 'NOPE' }),
            { code: 'NOT_FOUND' },
          ],
          [
            'manager',
            createStaff,
            staffInput({ serviceIds: [unknown], role: 'NOPE' }),
            { code: 'NOT_FOUND' },
            'Service not found.',
          ],
          // what the caller may do: the variables' mistake, naming the field
          ['manager', createService, badService(org), { code: 'BAD_USER_INPUT', field: 'category' }],
          ['manager', setCapacity, { s: service, c: 'NOPE' }, { code: 'BAD_USER_INPUT', field: 'capacity' }],
          ['manager', createStaff, staffInput({ role: 'NOPE' }), { code: 'BAD_USER_INPUT', field: 'role' }],
          ['manager', setActive, { s: colleague.id, a: 'yes' }, { code: 'BAD_USER_INPUT', field: 'active' }],
          ['admin', setActive, { s: manager.id, a: 'yes' }, { code: 'BAD_USER_INPUT', field: 'active' }],
        ];
        const tokens: Record<string, string> = { manager: manager.token, admin };
        const before = await t.db.query<{ n: string }>(
          'SELECT (SELECT count(*) FROM services) + (SELECT count(*) FROM staff) AS n',
        );
        for (const [who, query, variables, extensions, message] of cases) {
          const res = await t.gql(query, variables, tokens[who]);
          const seen = { who, query: query.slice(9, 40), error: res.errors?.[0].extensions };
          expect(seen).toEqual({ ...seen, error: extensions });
          if (message) expect(res.errors![0].message).toBe(message);
        }
        // nothing was written, and no one's capacity or activity changed
        expect(
          await t.db.query('SELECT (SELECT count(*) FROM services) + (SELECT count(*) FROM staff) AS n'),
        ).toEqual(before);
        const active = await t.db.query<{ active: boolean }>(
          'SELECT active FROM staff WHERE id = ANY($1::uuid[])',
          [[outsider.id, otherManager.id, colleague.id, manager.id]],
        );
        expect(active.every((r) => r.active)).toBe(true);
      });

      it('a deactivated caller is UNAUTHENTICATED first; another role FORBIDDEN', async () => {
        const gone = await t.fixtures.staff(org, Role.SERVICE_MANAGER, { active: false });
        expect(errorCode(await t.gql(setCapacity, { s: unknown, c: 'NOPE' }, gone.token))).toBe(
          'UNAUTHENTICATED',
        );
        expect(errorCode(await t.gql(setCapacity, { s: unknown, c: 'NOPE' }, worker))).toBe('FORBIDDEN');
      });
    });

    it('for a caller who may call it: BAD_USER_INPUT naming the field, as before', async () => {
      const res = await t.gql(register, badDate, worker);
      expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'dateOfBirth' });
    });

    it('knows the access rules of every Query and Mutation field of the schema', () => {
      const rules = rootFieldAccess(
        t.app.get(DiscoveryService),
        t.app.get(MetadataScanner),
        t.app.get(Reflector),
      );
      const { schema } = t.app.get(GraphQLSchemaHost);
      const fields = [
        ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
        ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
      ];
      expect(fields.filter((f) => !rules.has(f))).toEqual([]);
      expect(rules.get('Mutation.login')!.isPublic).toBe(true);
      expect(rules.get('Query.person')).toMatchObject({
        isPublic: false,
        audited: { action: 'person.read' },
      });
      // every directory mutation that checks anything before its input rules says so
      for (const f of ['createService', 'setServiceCapacity', 'createStaff', 'setStaffActive'])
        expect({ f, checksFirst: typeof rules.get(`Mutation.${f}`)!.checksFirst }).toEqual({
          f,
          checksFirst: 'function',
        });
    });

    it('login needs no token: its mistakes are BAD_USER_INPUT', async () => {
      const res = await t.gql(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        {
          e: 'someone@example.org',
        },
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    });
  });

  it('no token, a bad token and an expired token are UNAUTHENTICATED', async () => {
    expect(errorCode(await t.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ me { id } }', {}, 'not-a-token'))).toBe('UNAUTHENTICATED');
    const expired = issueToken(
      TEST_SECRET,
      '00000000-0000-4000-8000-000000000000',
      Date.now() - 9 * 3600_000,
    ).token;
    expect(errorCode(await t.gql('{ me { id } }', {}, expired))).toBe('UNAUTHENTICATED');
    const forged = issueToken('another-secret-entirely-123', '00000000-0000-4000-8000-000000000000').token;
    expect(errorCode(await t.gql('{ me { id } }', {}, forged))).toBe('UNAUTHENTICATED');
  });

  it('never includes a stack trace', async () => {
    const res = await t.gql('{ me { id } }');
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });
});

describe('unexpected failures', () => {
  it('are INTERNAL_SERVER_ERROR with only a request id, nothing internal', async () => {
    const config = await loadConfig({
      NODE_ENV: 'test',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
      LOG_LEVEL: 'silent',
    });
    const db = new Db({ url: 'postgres://nobody@127.0.0.1:1/nothing', acquireTimeoutMs: 500 });
    const app = await createApp(config, db, createLogger('silent'));
    await app.init();
    try {
      const token = issueToken(TEST_SECRET, '00000000-0000-4000-8000-000000000000').token;
      const res = await request(app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ me { id } }' });
      expect(res.body.errors).toHaveLength(1);
      const err = res.body.errors[0];
      expect(err.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(Object.keys(err.extensions).sort()).toEqual(['code', 'requestId']);
      expect(err.extensions.requestId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|SELECT|stack/i);

      const health = await request(app.getHttpServer()).get('/health');
      expect(health.status).toBe(503);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('gives each response a request id', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
