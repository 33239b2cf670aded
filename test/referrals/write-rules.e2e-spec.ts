import { issueToken } from '#libs/auth';
import { errorCode, startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { consent, ok, Q, referAtoB, registerPerson, world, type World } from './world.js';

// makeReferral and transitionReferral read their checks in one statement and write in another:
// the order of the rules, the audit of every refusal and write, all-or-nothing writes, and the cost.
describe('referral writes: order of the rules, all-or-nothing, statements per call', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const MAKE_ID = `mutation($input: MakeReferralInput!) { makeReferral(input: $input) { id status version } }`;
  const TRANSITION_ID = `mutation($input: TransitionReferralInput!) { transitionReferral(input: $input) { id status version } }`;
  const make = (token: string, input: Record<string, unknown>) => t.gql(Q.make, { input }, token);
  const counts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM referral_events)::int AS events,
                (SELECT count(*) FROM audit_events WHERE outcome = 'SUCCESS')::int AS audits`,
      )
    )[0];
  const lastAudit = async () =>
    (
      await t.db.query<{ action: string; outcome: string; staff_id: string; person_id: string | null }>(
        `SELECT action, outcome, staff_id, person_id FROM audit_events ORDER BY seq DESC LIMIT 1`,
      )
    )[0];
  const NOBODY = '00000000-0000-4000-8000-000000000000';

  let person: string;
  beforeEach(async () => {
    person = await registerPerson(t, w.a.worker.token);
  });
  const base = () => ({
    personId: person,
    fromServiceId: w.a.service,
    toServiceId: w.b.service,
    route: 'STAFF',
    needs: ['ENGLISH_LANGUAGE'],
  });

  describe('makeReferral refuses in the contract order, before the input rules', () => {
    it('a fromService of another organisation is FORBIDDEN before the input rules, audited DENIED', async () => {
      const res = await make(w.a.worker.token, { ...base(), fromServiceId: w.b.service, needs: [] });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(await lastAudit()).toEqual({
        action: 'referral.make',
        outcome: 'DENIED',
        staff_id: w.a.worker.id,
        person_id: person,
      });
    });
    it('a person the caller cannot see is NOT_FOUND before the input rules, audited DENIED', async () => {
      const res = await make(w.c.worker.token, { ...base(), fromServiceId: w.c.service, needs: [] });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors![0].message).toMatch(/Person/);
      expect(await lastAudit()).toMatchObject({
        outcome: 'DENIED',
        staff_id: w.c.worker.id,
        person_id: person,
      });
    });
    it('a malformed person id is NOT_FOUND, audited DENIED without a person', async () => {
      const res = await make(w.a.worker.token, { ...base(), personId: 'not-a-person' });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(await lastAudit()).toEqual({
        action: 'referral.make',
        outcome: 'DENIED',
        staff_id: w.a.worker.id,
        person_id: null,
      });
    });
    it('an unknown toService is NOT_FOUND before the input rules, audited DENIED', async () => {
      const res = await make(w.a.worker.token, { ...base(), toServiceId: NOBODY, note: 'a\u0007b' });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors![0].message).toMatch(/Service/);
      expect(await lastAudit()).toMatchObject({ outcome: 'DENIED', person_id: person });
    });
    it('the input rules come before SERVICE_CLOSED and CONSENT_REQUIRED, not audited', async () => {
      const closed = await t.fixtures.service(w.b.id, { capacity: 'CLOSED' });
      const before = await lastAudit();
      const res = await make(w.a.worker.token, { ...base(), toServiceId: closed, needs: [] });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('needs');
      expect(errorCode(await make(w.a.worker.token, { ...base(), idempotencyKey: ' ' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await lastAudit()).toEqual(before);
    });
  });

  describe('makeReferral with an idempotency key', () => {
    it('a retry gets the original even after the service closed and consent was withdrawn; another input is CONFLICT', async () => {
      const service = await t.fixtures.service(w.b.id);
      const c = await consent(t, w.a.worker.token, person, [w.b.id]);
      const input = { ...base(), toServiceId: service, idempotencyKey: 'closing-later' };
      const first = ok(await make(w.a.worker.token, input), 'makeReferral');
      ok(await t.gql(Q.withdraw, { id: c }, w.a.worker.token), 'withdrawConsent');
      await t.db.query(`UPDATE services SET capacity = 'CLOSED' WHERE id = $1`, [service]);
      const before = await counts();
      const again = ok(await make(w.a.worker.token, input), 'makeReferral');
      expect(again.id).toBe(first.id);
      expect(errorCode(await make(w.a.worker.token, { ...input, note: 'changed' }))).toBe('CONFLICT');
      expect(await counts()).toEqual(before);
      // Without the key the rules apply as usual.
      expect(errorCode(await make(w.a.worker.token, { ...base(), toServiceId: service }))).toBe(
        'SERVICE_CLOSED',
      );
    });
  });

  describe('audit of writes', () => {
    it('a safeguarding override records referral.make then referral.safeguarding_override, once each, one request id', async () => {
      const before = await counts();
      ok(
        await make(w.a.worker.token, {
          ...base(),
          safeguardingJustification: 'Disclosed risk of harm at home; sharing to protect.',
        }),
        'makeReferral',
      );
      const rows = await t.db.query<{ action: string; outcome: string; request_id: string }>(
        `SELECT action, outcome, request_id FROM audit_events WHERE person_id = $1 AND action LIKE 'referral.%' ORDER BY seq`,
        [person],
      );
      expect(rows.map((r) => [r.action, r.outcome])).toEqual([
        ['referral.make', 'SUCCESS'],
        ['referral.safeguarding_override', 'SUCCESS'],
      ]);
      expect(rows[0].request_id).toBeTruthy();
      expect(rows[1].request_id).toBe(rows[0].request_id);
      const after = await counts();
      expect([after.referrals - before.referrals, after.events - before.events]).toEqual([1, 1]);
    });
    it('a transition records one referral.transition event for the person, with the history event', async () => {
      const { id, personId } = await referAtoB(t, w);
      const before = await counts();
      ok(
        await t.gql(
          TRANSITION_ID,
          { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } },
          w.b.worker.token,
        ),
        'transitionReferral',
      );
      expect(await lastAudit()).toEqual({
        action: 'referral.transition',
        outcome: 'SUCCESS',
        staff_id: w.b.worker.id,
        person_id: personId,
      });
      const after = await counts();
      expect([after.events - before.events, after.audits - before.audits]).toEqual([1, 1]);
      const [event] = await t.db.query(
        `SELECT e.from_status, e.to_status, e.by_staff_id, e.at = r.updated_at AS at_update
           FROM referral_events e JOIN referrals r ON r.id = e.referral_id
          WHERE e.referral_id = $1 ORDER BY e.seq DESC LIMIT 1`,
        [id],
      );
      expect(event).toEqual({
        from_status: 'REQUESTED',
        to_status: 'ACCEPTED',
        by_staff_id: w.b.worker.id,
        at_update: true,
      });
    });
  });

  describe('a write whose audit cannot be recorded writes nothing', () => {
    beforeEach(async () => {
      await t.db.query(
        `CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$`,
      );
    });
    afterEach(async () => {
      await t.db.query('DROP TRIGGER IF EXISTS audit_down ON audit_events');
      await t.db.query('DROP FUNCTION audit_down()');
    });
    const breakAudit = () =>
      t.db.query(
        `CREATE TRIGGER audit_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_down()`,
      );

    it('makeReferral', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      await breakAudit();
      const before = await counts();
      const res = await t.gql(
        MAKE_ID,
        { input: { ...base(), idempotencyKey: 'audit-down' } },
        w.a.worker.token,
      );
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(await counts()).toEqual(before);
      await t.db.query('DROP TRIGGER audit_down ON audit_events');
      // The key was not used up.
      const r = ok(
        await t.gql(MAKE_ID, { input: { ...base(), idempotencyKey: 'audit-down' } }, w.a.worker.token),
        'makeReferral',
      );
      expect(r.version).toBe(1);
    });
    it('transitionReferral', async () => {
      const { id } = await referAtoB(t, w);
      await breakAudit();
      const before = await counts();
      const input = { referralId: id, to: 'ACCEPTED', expectedVersion: 1 };
      expect(errorCode(await t.gql(TRANSITION_ID, { input }, w.b.worker.token))).toBe(
        'INTERNAL_SERVER_ERROR',
      );
      expect(await counts()).toEqual(before);
      const [row] = await t.db.query(`SELECT status, version, accepted_at FROM referrals WHERE id = $1`, [
        id,
      ]);
      expect(row).toEqual({ status: 'REQUESTED', version: 1, accepted_at: null });
    });
  });

  describe('statements per call (authentication included: the statement checks its caller)', () => {
    const statements = async (work: () => Promise<{ errors?: unknown }>) => {
      const before = t.db.counter.count;
      const res = await work();
      expect(res.errors).toBeUndefined();
      return t.db.counter.count - before;
    };
    it('makeReferral: one statement that checks the caller and the rules, and writes', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      expect(await statements(() => t.gql(MAKE_ID, { input: base() }, w.a.worker.token))).toBe(1);
      const keyed = { ...base(), idempotencyKey: 'counted' };
      expect(await statements(() => t.gql(MAKE_ID, { input: keyed }, w.a.worker.token))).toBe(1);
      // A retry: the write finds the key taken, then the caller is looked up and one read of every
      // check answers with the original.
      expect(await statements(() => t.gql(MAKE_ID, { input: keyed }, w.a.worker.token))).toBe(3);
      // An override too is one statement.
      const p2 = await registerPerson(t, w.a.worker.token);
      const justified = {
        ...base(),
        personId: p2,
        safeguardingJustification: 'Disclosed risk of harm at home; sharing to protect.',
      };
      expect(await statements(() => t.gql(MAKE_ID, { input: justified }, w.a.worker.token))).toBe(1);
    });
    it('transitionReferral: one statement that checks the caller and the rules, and writes', async () => {
      const { id } = await referAtoB(t, w);
      const input = { referralId: id, to: 'ACCEPTED', expectedVersion: 1 };
      expect(await statements(() => t.gql(TRANSITION_ID, { input }, w.b.worker.token))).toBe(1);
    });
    it('with a token issued before the claims: the lookup, then the same statement', async () => {
      const { id } = await referAtoB(t, w);
      const input = { referralId: id, to: 'ACCEPTED', expectedVersion: 1 };
      const bare = issueToken(TEST_SECRET, w.b.worker.id).token;
      expect(await statements(() => t.gql(TRANSITION_ID, { input }, bare))).toBe(2);
    });
  });
});
