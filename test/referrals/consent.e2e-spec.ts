import { Role } from '#libs/common';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, ok, Q, referAtoB, registerPerson, world, type World } from './world.js';

describe('consent (CONTRACT.md section 4)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const record = (token: string, input: Record<string, unknown>) => t.gql(Q.recordConsent, { input }, token);
  let person: string;
  beforeEach(async () => {
    person = await registerPerson(t, w.a.worker.token);
  });
  /** The person's REFERRAL_SHARING consent covering organisation B, recorded by A. */
  const shareWithB = async () =>
    ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'REFERRAL_SHARING',
        organisationIds: [w.b.id],
      }),
      'recordConsent',
    );

  it('records a consent for the named organisations, active, given by PERSON by default, audited', async () => {
    const c = ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'REFERRAL_SHARING',
        organisationIds: [w.b.id, w.b.id],
      }),
      'recordConsent',
    );
    expect(c).toMatchObject({
      purpose: 'REFERRAL_SHARING',
      active: true,
      givenBy: 'PERSON',
      withdrawnAt: null,
      expiresAt: null,
    });
    expect(c.organisations).toEqual([{ id: w.b.id }]);
    expect(c.recordedBy).toEqual({ id: w.a.worker.id });
    expect((await auditRows(t, person, 'consent.record')).map((a) => a.outcome)).toEqual(['SUCCESS']);
  });

  it('an organisation named twice, once in capitals, is covered once', async () => {
    const c = ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'REFERRAL_SHARING',
        organisationIds: [w.b.id.toUpperCase(), w.b.id],
      }),
      'recordConsent',
    );
    expect(c.organisations).toEqual([{ id: w.b.id }]);
  });

  it('expiresAt may use the lower-case "t" and "z" of RFC 3339', async () => {
    const c = ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'REFERRAL_SHARING',
        organisationIds: [w.b.id],
        expiresAt: '2099-06-01t12:00:00z',
      }),
      'recordConsent',
    );
    expect(c.expiresAt).toBe('2099-06-01T12:00:00.000Z');
  });

  it('organisationIds omitted covers every organisation at that moment, and not those added later', async () => {
    const c = ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'JOURNEY_SHARING',
        givenBy: 'PARENT_OR_GUARDIAN',
      }),
      'recordConsent',
    );
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM organisations');
    expect(c.organisations.length).toBe(n);
    expect(c.givenBy).toBe('PARENT_OR_GUARDIAN');
    const later = await t.fixtures.organisation();
    const laterService = await t.fixtures.service(later);
    const reread = ok(await t.gql(Q.person, { id: person }, w.a.worker.token), 'person').consents;
    expect(reread[0].organisations.map((o: any) => o.id)).not.toContain(later);
    // a referral to the later organisation is not covered
    const res = await t.gql(
      Q.make,
      {
        input: {
          personId: person,
          fromServiceId: w.a.service,
          toServiceId: laterService,
          route: 'STAFF',
          needs: ['HOUSING'],
        },
      },
      w.a.worker.token,
    );
    expect(errorCode(res)).toBe('CONSENT_REQUIRED');
  });

  it.each([
    ['an empty organisation list', { organisationIds: [] }, 'organisationIds'],
    [
      'an unknown organisation id',
      { organisationIds: ['00000000-0000-4000-8000-000000000000'] },
      'organisationIds',
    ],
    ['a malformed organisation id', { organisationIds: ['nope'] }, 'organisationIds'],
    ['expiresAt in the past', { expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
    ['an expiresAt that does not exist (30 February)', { expiresAt: '2099-02-30T00:00:00Z' }, 'expiresAt'],
  ])('%s is BAD_USER_INPUT naming %s, nothing written', async (_l, over, field) => {
    const res = await record(w.a.worker.token, { personId: person, purpose: 'REFERRAL_SHARING', ...over });
    expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
    expect(await t.db.query('SELECT 1 FROM consents WHERE person_id = $1', [person])).toEqual([]);
    expect(await auditRows(t, person, 'consent.record')).toEqual([]);
  });

  it('an invisible person is NOT_FOUND (before input errors), audited DENIED', async () => {
    const res = await record(w.c.worker.token, {
      personId: person,
      purpose: 'REFERRAL_SHARING',
      organisationIds: [],
    });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect((await auditRows(t, person, 'consent.record')).map((a) => a.outcome)).toEqual(['DENIED']);
  });

  it('expiry: active is computed at read time', async () => {
    const soon = new Date(Date.now() + 3600_000).toISOString();
    const c = ok(
      await record(w.a.worker.token, {
        personId: person,
        purpose: 'REFERRAL_SHARING',
        organisationIds: [w.b.id],
        expiresAt: soon,
      }),
      'recordConsent',
    );
    expect(c.active).toBe(true);
    await t.db.query(`UPDATE consents SET expires_at = now() - interval '1 second' WHERE id = $1`, [c.id]);
    const reread = ok(await t.gql(Q.person, { id: person }, w.a.worker.token), 'person').consents;
    expect(reread[0].active).toBe(false);
  });

  it('withdrawal is immediate, permanent and idempotent', async () => {
    const c = await shareWithB();
    const w1 = ok(await t.gql(Q.withdraw, { id: c.id }, w.a.worker2.token), 'withdrawConsent');
    expect(w1.active).toBe(false);
    expect(w1.withdrawnAt).not.toBeNull();
    const w2 = ok(await t.gql(Q.withdraw, { id: c.id }, w.a.worker.token), 'withdrawConsent');
    expect(w2).toEqual(w1);
    expect((await auditRows(t, person, 'consent.withdraw')).length).toBe(1);
    const res = await t.gql(
      Q.make,
      {
        input: {
          personId: person,
          fromServiceId: w.a.service,
          toServiceId: w.b.service,
          route: 'STAFF',
          needs: ['HOUSING'],
        },
      },
      w.a.worker.token,
    );
    expect(errorCode(res)).toBe('CONSENT_REQUIRED');
  });

  it('a withdrawal that waits for a referral still being made is stamped after it, as the journey orders them', async () => {
    const c = await shareWithB();
    let withdrawal: ReturnType<typeof t.gql> | undefined;
    // Held as makeReferral holds it while it makes a referral that relies on the consent.
    const releasedAt = await t.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM consents WHERE id = $1 FOR SHARE', [c.id]);
      withdrawal = t.gql(Q.withdraw, { id: c.id }, w.a.worker.token);
      await new Promise((r) => setTimeout(r, 500));
      return (await tx.one<{ at: Date }>('SELECT clock_timestamp() AS at'))!.at;
    });
    const withdrawn = ok(await withdrawal!, 'withdrawConsent');
    expect(new Date(withdrawn.withdrawnAt).getTime()).toBeGreaterThanOrEqual(releasedAt.getTime());
  });

  it('withdrawConsent: unknown, malformed or invisible ids are NOT_FOUND', async () => {
    const c = await shareWithB();
    expect(errorCode(await t.gql(Q.withdraw, { id: c.id }, w.c.worker.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(Q.withdraw, { id: 'x' }, w.a.worker.token))).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(Q.withdraw, { id: '00000000-0000-4000-8000-000000000000' }, w.a.worker.token)),
    ).toBe('NOT_FOUND');
    expect((await auditRows(t, person, 'consent.withdraw')).map((a) => a.outcome)).toEqual(['DENIED']);
  });

  it('recordedBy is null for a viewer of another organisation', async () => {
    const { personId } = await referAtoB(t, w);
    const consents = ok(await t.gql(Q.person, { id: personId }, w.b.worker.token), 'person').consents;
    expect(consents.length).toBe(1);
    expect(consents[0].recordedBy).toBeNull();
    const own = ok(await t.gql(Q.person, { id: personId }, w.a.worker2.token), 'person').consents;
    expect(own[0].recordedBy).toEqual({ id: w.a.worker.id });
  });

  it('the receiving organisation can record and withdraw consents of a person it can see', async () => {
    const { personId } = await referAtoB(t, w);
    const c = ok(
      await record(w.b.worker.token, { personId, purpose: 'JOURNEY_SHARING', organisationIds: [w.a.id] }),
      'recordConsent',
    );
    expect(ok(await t.gql(Q.withdraw, { id: c.id }, w.b.worker.token), 'withdrawConsent').active).toBe(false);
  });

  it('withdrawing consent does not hide existing referrals from the two parties', async () => {
    const { id, personId } = await referAtoB(t, w);
    const consentId = (await t.db.query('SELECT id FROM consents WHERE person_id = $1', [personId]))[0].id;
    ok(await t.gql(Q.withdraw, { id: consentId }, w.a.worker.token), 'withdrawConsent');
    for (const s of [w.a.worker, w.b.worker]) {
      expect(ok(await t.gql(Q.referral, { id }, s.token), 'referral').id).toBe(id);
      expect(ok(await t.gql(Q.person, { id: personId }, s.token), 'person').id).toBe(personId);
    }
    // and the receiver can still work it
    expect(
      ok(
        await t.gql(
          Q.transition,
          { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } },
          w.b.worker.token,
        ),
        'transitionReferral',
      ).status,
    ).toBe('ACCEPTED');
  });

  describe("is judged by the database's clock, whatever the API host's clock says", () => {
    /** Runs `run` with the API's clock (Date, in this process) `skewMs` off the database's. */
    const withApiClockOff = async <T>(skewMs: number, run: () => Promise<T>): Promise<T> => {
      const Real = Date;
      class Skewed extends Real {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(Real.now() + skewMs);
          else super(...(args as [string]));
        }
        static override now(): number {
          return Real.now() + skewMs;
        }
      }
      globalThis.Date = Skewed as DateConstructor;
      try {
        return await run();
      } finally {
        globalThis.Date = Real;
      }
    };
    const HOUR = 3600_000;
    const input = (expiresAt: string) => ({
      personId: person,
      purpose: 'REFERRAL_SHARING',
      organisationIds: [w.b.id],
      expiresAt,
    });

    it('two hours ahead: a consent ending in an hour is recorded, active, and lets a referral through', async () => {
      const inAnHour = new Date(Date.now() + HOUR).toISOString();
      await withApiClockOff(2 * HOUR, async () => {
        const s = await t.fixtures.staff(w.a.id, Role.FAMILY_SUPPORT_WORKER);
        const c = ok(await record(s.token, input(inAnHour)), 'recordConsent');
        expect(c.active).toBe(true);
        const reread = ok(await t.gql(Q.person, { id: person }, s.token), 'person').consents;
        expect(reread.map((r: { active: boolean }) => r.active)).toEqual([true]);
      });
      // makeReferral's own check (in SQL) agrees that it covers B.
      await referAtoB(t, w, { personId: person });
    });

    it('two hours behind: a consent that ended an hour ago is refused, naming expiresAt', async () => {
      const anHourAgo = new Date(Date.now() - HOUR).toISOString();
      await withApiClockOff(-2 * HOUR, async () => {
        const s = await t.fixtures.staff(w.a.id, Role.FAMILY_SUPPORT_WORKER);
        const res = await record(s.token, input(anHourAgo));
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions.field).toBe('expiresAt');
      });
      expect(await t.db.query('SELECT 1 FROM consents WHERE person_id = $1', [person])).toEqual([]);
    });
  });
});
