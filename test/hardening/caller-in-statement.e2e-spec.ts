import { randomUUID } from 'node:crypto';
import { issueToken } from '#libs/auth';
import { Role } from '#libs/common';
import {
  errorCode,
  startTestApp,
  type StaffFixture,
  TEST_SECRET,
  type TestApp,
} from '../support/test-app.js';
import { consent, ok, Q, referAtoB, registerPerson, world, type World } from '../referrals/world.js';

/**
 * makeReferral, transitionReferral, journey and referrals check their caller in their own statement
 * (CallerCheckedInStatement): a token's organisation and role claims are taken without a lookup, and
 * the statement reads and writes nothing unless the staff row still matches them, active and at the
 * token's generation. These tests hold those operations to the same rules as every other one
 * (CONTRACT.md sections 2 and 3): an invalid caller gets UNAUTHENTICATED before any other error,
 * and nothing is written for them, not even a DENIED audit event.
 */
describe('operations that check their caller in their own statement', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setStaffActive(staffId: $id, active: $active) { id } }`;
  const JOURNEY = `query($p: ID!) { journey(personId: $p) { person { id } hiddenEntries entries { kind summary referral { id } } } }`;

  /** Everything written on behalf of a staff member. */
  const written = async (staffId: string) => {
    const [r] = await t.db.query<{ referrals: number; events: number; audits: number }>(
      `SELECT (SELECT count(*) FROM referrals WHERE created_by_staff_id = $1)::int AS referrals,
              (SELECT count(*) FROM referral_events WHERE by_staff_id = $1)::int AS events,
              (SELECT count(*) FROM audit_events WHERE staff_id = $1)::int AS audits`,
      [staffId],
    );
    return r;
  };

  /** The ways a token's caller stops being valid, each applied to a new staff member of `org`. */
  const INVALIDATIONS: [string, (s: StaffFixture, manager: StaffFixture) => Promise<string>][] = [
    [
      'deactivated',
      async (s, manager) => {
        ok(await t.gql(SET_ACTIVE, { id: s.id, active: false }, manager.token), 'setStaffActive');
        return s.token;
      },
    ],
    [
      'deactivated and reactivated (the token stays dead)',
      async (s, manager) => {
        ok(await t.gql(SET_ACTIVE, { id: s.id, active: false }, manager.token), 'setStaffActive');
        ok(await t.gql(SET_ACTIVE, { id: s.id, active: true }, manager.token), 'setStaffActive');
        return s.token;
      },
    ],
    [
      'no longer of the role the token claims',
      async (s) => {
        await t.db.query(`UPDATE staff SET role = 'LINK_WORKER' WHERE id = $1`, [s.id]);
        return s.token;
      },
    ],
    [
      'no longer of the organisation the token claims',
      async (s) => {
        await t.db.query(`UPDATE staff SET organisation_id = $2 WHERE id = $1`, [s.id, w.c.id]);
        return s.token;
      },
    ],
    [
      'unknown (a correctly signed token for no staff member)',
      async (s) =>
        issueToken(TEST_SECRET, randomUUID(), Date.now(), undefined, {
          organisationId: s.organisationId,
          role: s.role,
        }).token,
    ],
  ];

  /** A referral from A's service to B's for `personId`. */
  const referralInput = (personId: string) => ({
    personId,
    fromServiceId: w.a.service,
    toServiceId: w.b.service,
    route: 'STAFF',
    needs: ['ENGLISH_LANGUAGE'],
  });

  /** A frontline worker of A (or B), valid now; `invalid` then makes their token invalid. */
  const caller = (org: 'a' | 'b') => t.fixtures.staff(w[org].id, Role.FAMILY_SUPPORT_WORKER);

  describe.each(INVALIDATIONS)('a caller %s', (_label, invalidate) => {
    /** Runs `send` as an invalidated caller of `org`: UNAUTHENTICATED, and nothing written for them. */
    const refused = async (org: 'a' | 'b', send: (token: string) => Promise<unknown>) => {
      const s = await caller(org);
      const token = await invalidate(s, w[org].manager);
      const before = await written(s.id);
      const res = (await send(token)) as Parameters<typeof errorCode>[0];
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(await written(s.id)).toEqual(before);
    };

    it('makeReferral: refused before its rules, and writes no referral, event or audit', async () => {
      const person = await registerPerson(t, w.a.worker.token);
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const input = referralInput(person);
      // Every rule passes, …
      await refused('a', (tk) => t.gql(Q.make, { input }, tk));
      // … an input rule refuses, …
      await refused('a', (tk) => t.gql(Q.make, { input: { ...input, needs: [] } }, tk));
      // … and no consent covers the receiver (CONSENT_REQUIRED, audited DENIED, for a valid caller).
      const unconsented = await registerPerson(t, w.a.worker.token);
      await refused('a', (tk) => t.gql(Q.make, { input: { ...input, personId: unconsented } }, tk));
    });

    it('makeReferral: a retry with an idempotency key already used is refused too', async () => {
      const s = await caller('a');
      const person = await registerPerson(t, w.a.worker.token);
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const input = { ...referralInput(person), idempotencyKey: `retry-${randomUUID()}` };
      ok(await t.gql(Q.make, { input }, s.token), 'makeReferral');
      const token = await invalidate(s, w.a.manager);
      const before = await written(s.id);
      expect(errorCode(await t.gql(Q.make, { input }, token))).toBe('UNAUTHENTICATED');
      expect(await written(s.id)).toEqual(before);
    });

    it('transitionReferral: refused before its rules, and changes nothing', async () => {
      const { id } = await referAtoB(t, w);
      const move = (input: Record<string, unknown>) => (tk: string) => t.gql(Q.transition, { input }, tk);
      await refused('b', move({ referralId: id, to: 'ACCEPTED', expectedVersion: 1 }));
      await refused('b', move({ referralId: id, to: 'ACCEPTED', expectedVersion: 7 }));
      await refused('b', move({ referralId: id, to: 'COMPLETED', expectedVersion: 1 }));
      await refused('b', move({ referralId: 'not-an-id', to: 'ACCEPTED', expectedVersion: 1 }));
      const [row] = await t.db.query<{ status: string; version: number }>(
        'SELECT status, version FROM referrals WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ status: 'REQUESTED', version: 1 });
    });

    it('journey: refused, whether the person is visible or not, and audits nothing', async () => {
      const { personId } = await referAtoB(t, w);
      const stranger = await registerPerson(t, w.c.worker.token);
      await refused('a', (tk) => t.gql(JOURNEY, { p: personId }, tk));
      await refused('a', (tk) => t.gql(JOURNEY, { p: stranger }, tk));
      await refused('a', (tk) => t.gql(JOURNEY, { p: 'not-an-id' }, tk));
    });

    it('referrals: refused, with any filter or page, and audits nothing', async () => {
      const { personId } = await referAtoB(t, w);
      const list = (vars: Record<string, unknown>) => (tk: string) => t.gql(Q.referrals, vars, tk);
      await refused('b', list({ filter: { direction: 'INBOX' } }));
      await refused('b', list({ filter: { personId } }));
      await refused('b', list({ filter: { serviceId: 'not-an-id' } }));
      await refused('b', list({ first: 0 }));
      await refused('b', list({ after: 'not-a-cursor' }));
    });

    it('with another field in the same document, nothing is answered', async () => {
      const { personId } = await referAtoB(t, w);
      const s = await caller('a');
      const token = await invalidate(s, w.a.manager);
      const before = await written(s.id);
      const res = await t.gql(
        `query($p: ID!) { journey(personId: $p) { hiddenEntries } me { id } }`,
        { p: personId },
        token,
      );
      // me is non-null: whichever field fails first nulls the whole answer (one error or both).
      expect(res.data).toBeNull();
      expect(res.errors!.length).toBeGreaterThan(0);
      for (const e of res.errors!) expect(e.extensions.code).toBe('UNAUTHENTICATED');
      expect(await written(s.id)).toEqual(before);
    });
  });

  describe('a caller deactivated while their mutation document runs', () => {
    // Stands in for a manager's setStaffActive(false) landing between two fields of the document:
    // registering a person named "Deactivated-Meanwhile" deactivates the staff member who registers them.
    beforeAll(async () => {
      await t.db.query(`
        CREATE FUNCTION test_deactivate_registrar() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE staff SET active = false, token_generation = token_generation + 1
           WHERE id = NEW.registered_by_staff_id;
          RETURN NULL;
        END $$`);
      await t.db.query(`
        CREATE TRIGGER test_deactivate_registrar AFTER INSERT ON people FOR EACH ROW
          WHEN (NEW.given_name = 'Deactivated-Meanwhile') EXECUTE FUNCTION test_deactivate_registrar()`);
    });
    afterAll(async () => {
      await t.db.query(`DROP TRIGGER test_deactivate_registrar ON people`);
      await t.db.query(`DROP FUNCTION test_deactivate_registrar()`);
    });

    const FIRST = `a: registerPerson(input: { givenName: "Deactivated-Meanwhile", familyName: "First" }) { id }`;
    const registered = async (staffId: string) =>
      (
        await t.db.query<{ family_name: string }>(
          `SELECT family_name FROM people WHERE registered_by_staff_id = $1 ORDER BY family_name`,
          [staffId],
        )
      ).map((p) => p.family_name);

    it('the fields after the deactivation are UNAUTHENTICATED and write nothing', async () => {
      const s = await caller('a');
      const res = await t.gql(
        `mutation { ${FIRST}
           b: registerPerson(input: { givenName: "Ada", familyName: "Second" }) { id }
           c: registerPerson(input: { givenName: "Ada", familyName: "Third" }) { id } }`,
        {},
        s.token,
      );
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0].path).toEqual(['b']);
      expect(await registered(s.id)).toEqual(['First']);
      const audits = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE staff_id = $1 ORDER BY seq`,
        [s.id],
      );
      expect(audits.map((a) => a.action)).toEqual(['person.register']);
    });

    it('also for an operation that checks its caller in its own statement (makeReferral)', async () => {
      const s = await caller('a');
      const person = await registerPerson(t, w.a.worker.token);
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const before = await written(s.id);
      const res = await t.gql(
        `mutation($input: MakeReferralInput!) { ${FIRST} b: makeReferral(input: $input) { id } }`,
        { input: referralInput(person) },
        s.token,
      );
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0].path).toEqual(['b']);
      const after = await written(s.id);
      expect([after.referrals, after.events]).toEqual([before.referrals, before.events]);
      expect(await registered(s.id)).toEqual(['First']);
    });

    it('a caller still active acts for every field of the document', async () => {
      const s = await caller('a');
      const res = await t.gql(
        `mutation { b: registerPerson(input: { givenName: "Ada", familyName: "Second" }) { id }
                    c: registerPerson(input: { givenName: "Ada", familyName: "Third" }) { id registeredBy { id } } }`,
        {},
        s.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.c.registeredBy).toEqual({ id: w.a.id });
      expect(await registered(s.id)).toEqual(['Second', 'Third']);
    });
  });

  describe('a valid caller', () => {
    it.each(['with claims', 'without claims'])('%s: all four operations answer as before', async (kind) => {
      const a = await caller('a');
      const b = await caller('b');
      // The token as login issues it (with claims), or as it was issued before the claims.
      const tokenOf = (s: StaffFixture) =>
        kind === 'with claims' ? s.token : issueToken(TEST_SECRET, s.id).token;
      const person = await registerPerson(t, w.a.worker.token);
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const made = ok(await t.gql(Q.make, { input: referralInput(person) }, tokenOf(a)), 'makeReferral');
      // Nested fields resolve for the verified caller (createdBy, history's by).
      expect(made).toMatchObject({ status: 'REQUESTED', createdBy: { id: a.id }, person: { id: person } });
      const moved = ok(
        await t.gql(
          Q.transition,
          { input: { referralId: made.id, to: 'ACCEPTED', expectedVersion: 1 } },
          tokenOf(b),
        ),
        'transitionReferral',
      );
      expect(moved).toMatchObject({ status: 'ACCEPTED', version: 2 });
      const inbox = ok(await t.gql(Q.referrals, { filter: { personId: person } }, tokenOf(b)), 'referrals');
      expect(inbox.edges.map((e: any) => [e.node.id, e.node.person.id])).toEqual([[made.id, person]]);
      const journey = ok(await t.gql(JOURNEY, { p: person }, tokenOf(a)), 'journey');
      expect(journey.entries.map((e: any) => e.kind)).toEqual([
        'REGISTERED',
        'CONSENT_GIVEN',
        'REFERRAL_MADE',
        'REFERRAL_STATUS_CHANGED',
      ]);
      // Each success audited for its caller: make, transition, the list's read, the journey's read.
      expect((await written(a.id)).audits).toBe(2);
      expect((await written(b.id)).audits).toBe(2);
    });

    it("gets each operation's own refusal, audited DENIED where the contract says so", async () => {
      const a = await caller('a');
      const b = await caller('b');
      const stranger = await registerPerson(t, w.c.worker.token);
      expect(errorCode(await t.gql(JOURNEY, { p: stranger }, a.token))).toBe('NOT_FOUND');
      const unconsented = await registerPerson(t, w.a.worker.token);
      const res = await t.gql(Q.make, { input: referralInput(unconsented) }, a.token);
      expect(errorCode(res)).toBe('CONSENT_REQUIRED');
      const denied = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE staff_id = $1 AND outcome = 'DENIED' ORDER BY seq`,
        [a.id],
      );
      expect(denied.map((d) => d.action)).toEqual(['journey.read', 'referral.make']);
      const { id } = await referAtoB(t, w);
      const move = (input: Record<string, unknown>) => t.gql(Q.transition, { input }, b.token);
      expect(errorCode(await move({ referralId: id, to: 'ACCEPTED', expectedVersion: 7 }))).toBe('CONFLICT');
      expect(errorCode(await move({ referralId: id, to: 'COMPLETED', expectedVersion: 1 }))).toBe(
        'INVALID_TRANSITION',
      );
      expect(errorCode(await t.gql(Q.referrals, { first: 0 }, b.token))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(Q.referrals, { after: 'not-a-cursor' }, b.token))).toBe('BAD_USER_INPUT');
      expect(
        ok(await t.gql(Q.referrals, { filter: { serviceId: 'x' } }, b.token), 'referrals').totalCount,
      ).toBe(0);
    });

    it('a role that may not call the operation is FORBIDDEN, and UNAUTHENTICATED once deactivated', async () => {
      const commissioner = await t.fixtures.staff(w.a.id, Role.COMMISSIONER);
      const person = await registerPerson(t, w.a.worker.token);
      expect(errorCode(await t.gql(JOURNEY, { p: person }, commissioner.token))).toBe('FORBIDDEN');
      await t.db.query('UPDATE staff SET active = false WHERE id = $1', [commissioner.id]);
      expect(errorCode(await t.gql(JOURNEY, { p: person }, commissioner.token))).toBe('UNAUTHENTICATED');
    });
  });
});
