import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, consent, ok, Q, registerPerson, world, type World } from './world.js';

describe('makeReferral (CONTRACT.md sections 4–6)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const make = (token: string, input: Record<string, unknown>) => t.gql(Q.make, { input }, token);
  const counts = async () => {
    const [r] = await t.db.query(
      `SELECT (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM referral_events)::int AS events,
              (SELECT count(*) FROM audit_events WHERE outcome = 'SUCCESS')::int AS audits`,
    );
    return r;
  };
  let person: string;
  beforeEach(async () => {
    person = await registerPerson(t, w.a.worker.token);
  });
  const base = () => ({
    personId: person,
    fromServiceId: w.a.service,
    toServiceId: w.b.service,
    route: 'STAFF',
    needs: ['ENGLISH_LANGUAGE', 'EMPLOYMENT'],
  });

  it('creates a REQUESTED referral, version 1, with its creation event and audit', async () => {
    await consent(t, w.a.worker.token, person, [w.b.id]);
    const r = ok(await make(w.a.worker.token, { ...base(), note: '  Speaks Urdu  ' }), 'makeReferral');
    expect(r).toMatchObject({
      status: 'REQUESTED',
      version: 1,
      route: 'STAFF',
      needs: ['ENGLISH_LANGUAGE', 'EMPLOYMENT'],
      note: 'Speaks Urdu',
      safeguardingOverride: false,
      safeguardingJustification: null,
      statusReason: null,
      person: { id: person },
      fromService: { id: w.a.service },
      toService: { id: w.b.service },
      createdBy: { id: w.a.worker.id },
    });
    expect(r.history).toEqual([
      expect.objectContaining({ from: null, to: 'REQUESTED', by: { id: w.a.worker.id } }),
    ]);
    expect((await auditRows(t, person, 'referral.make')).map((a) => a.outcome)).toEqual(['SUCCESS']);
    const [row] = await t.db.query(
      'SELECT to_organisation_id, creator_organisation_id, to_category, from_category FROM referrals WHERE id = $1',
      [r.id],
    );
    expect(row).toEqual({
      to_organisation_id: w.b.id,
      creator_organisation_id: w.a.id,
      to_category: 'ESOL',
      from_category: 'ESOL',
    });
  });

  it('a referral from outside the partnership has no fromService and a non-STAFF route', async () => {
    const own = await t.fixtures.service(w.a.id);
    const r = ok(
      await make(w.a.worker.token, { personId: person, toServiceId: own, route: 'GP', needs: ['HOUSING'] }),
      'makeReferral',
    );
    expect(r.fromService).toBeNull();
    expect(r.route).toBe('GP');
  });

  describe('input rules', () => {
    it.each([
      ['route STAFF without fromServiceId', { fromServiceId: undefined }, 'route'],
      ['a fromServiceId with route GP', { route: 'GP' }, 'route'],
      ['no needs', { needs: [] }, 'needs'],
      ['a repeated need', { needs: ['HOUSING', 'HOUSING'] }, 'needs'],
      ['a note over 4,000 characters', { note: 'x'.repeat(4001) }, 'note'],
      ['a control character in the note', { note: 'a\u0007b' }, 'note'],
      [
        'a safeguarding justification under 20 characters',
        { safeguardingJustification: 'at risk' },
        'safeguardingJustification',
      ],
      [
        'a safeguarding justification of 19 characters, ten of them emoji (29 UTF-16 units)',
        { safeguardingJustification: `harm risk${'😀'.repeat(10)}` },
        'safeguardingJustification',
      ],
      [
        'a safeguarding justification of 25 zero-width spaces (blank on every screen)',
        { safeguardingJustification: '\u200b'.repeat(25) },
        'safeguardingJustification',
      ],
      [
        'a safeguarding justification of one letter and 19 combining grapheme joiners (an "x" on screen)',
        { safeguardingJustification: `x${'\u034f'.repeat(19)}` },
        'safeguardingJustification',
      ],
      ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
      ['a NUL in the idempotency key', { idempotencyKey: 'a\u0000b' }, 'idempotencyKey'],
      ['a control character in the idempotency key', { idempotencyKey: 'a\u001bb' }, 'idempotencyKey'],
      ['an idempotency key over 100 characters', { idempotencyKey: 'k'.repeat(101) }, 'idempotencyKey'],
    ])('%s is BAD_USER_INPUT naming %s, nothing written', async (_l, over, field) => {
      const before = await counts();
      const res = await make(w.a.worker.token, { ...base(), ...over });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
      expect(await counts()).toEqual(before);
    });
  });

  describe('access', () => {
    it('fromServiceId of another organisation is FORBIDDEN (before visibility)', async () => {
      const res = await make(w.a.worker.token, {
        ...base(),
        fromServiceId: w.b.service,
        personId: '00000000-0000-4000-8000-000000000000',
      });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(errorCode(await make(w.a.worker.token, { ...base(), fromServiceId: 'not-an-id' }))).toBe(
        'FORBIDDEN',
      );
    });
    it('a person the organisation cannot see is NOT_FOUND, audited DENIED', async () => {
      const res = await make(w.c.worker.token, { ...base(), fromServiceId: w.c.service });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect((await auditRows(t, person, 'referral.make')).map((a) => a.outcome)).toEqual(['DENIED']);
    });
    it('an unknown toService is NOT_FOUND', async () => {
      expect(
        errorCode(
          await make(w.a.worker.token, { ...base(), toServiceId: '00000000-0000-4000-8000-000000000000' }),
        ),
      ).toBe('NOT_FOUND');
      expect(errorCode(await make(w.a.worker.token, { ...base(), toServiceId: 'x' }))).toBe('NOT_FOUND');
    });
    it('ADMIN and COMMISSIONER are FORBIDDEN, audited DENIED', async () => {
      for (const s of [w.admin, w.commissioner])
        expect(errorCode(await make(s.token, base()))).toBe('FORBIDDEN');
      expect((await auditRows(t, person, 'referral.make')).map((a) => [a.outcome, a.staff_id])).toEqual([
        ['DENIED', w.admin.id],
        ['DENIED', w.commissioner.id],
      ]);
    });
  });

  describe('capacity', () => {
    it('a CLOSED service refuses with SERVICE_CLOSED; a WAITLIST one accepts', async () => {
      const closed = await t.fixtures.service(w.b.id, { capacity: 'CLOSED' });
      const waitlist = await t.fixtures.service(w.b.id, { capacity: 'WAITLIST' });
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const before = await counts();
      expect(errorCode(await make(w.a.worker.token, { ...base(), toServiceId: closed }))).toBe(
        'SERVICE_CLOSED',
      );
      expect(await counts()).toEqual(before);
      expect(
        ok(await make(w.a.worker.token, { ...base(), toServiceId: waitlist }), 'makeReferral').status,
      ).toBe('REQUESTED');
    });
    it('SERVICE_CLOSED comes before CONSENT_REQUIRED', async () => {
      const closed = await t.fixtures.service(w.b.id, { capacity: 'CLOSED' });
      expect(errorCode(await make(w.a.worker.token, { ...base(), toServiceId: closed }))).toBe(
        'SERVICE_CLOSED',
      );
    });
  });

  describe('consent', () => {
    it('cross-organisation without REFERRAL_SHARING consent is CONSENT_REQUIRED, nothing written, audited DENIED', async () => {
      const before = await counts();
      expect(errorCode(await make(w.a.worker.token, base()))).toBe('CONSENT_REQUIRED');
      expect(await counts()).toEqual(before);
      expect((await auditRows(t, person, 'referral.make')).map((a) => a.outcome)).toEqual(['DENIED']);
    });
    it('consent for another purpose or another organisation does not count', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id], 'JOURNEY_SHARING');
      await consent(t, w.a.worker.token, person, [w.c.id]);
      expect(errorCode(await make(w.a.worker.token, base()))).toBe('CONSENT_REQUIRED');
    });
    it('withdrawn or expired consent does not count', async () => {
      const c1 = await consent(t, w.a.worker.token, person, [w.b.id]);
      ok(await t.gql(Q.withdraw, { id: c1 }, w.a.worker.token), 'withdrawConsent');
      expect(errorCode(await make(w.a.worker.token, base()))).toBe('CONSENT_REQUIRED');
      const c2 = await consent(t, w.a.worker.token, person, [w.b.id]);
      await t.db.query(`UPDATE consents SET expires_at = now() - interval '1 minute' WHERE id = $1`, [c2]);
      expect(errorCode(await make(w.a.worker.token, base()))).toBe('CONSENT_REQUIRED');
    });
    it('consent given for every organisation (organisationIds omitted) counts', async () => {
      await consent(t, w.a.worker.token, person);
      expect(ok(await make(w.a.worker.token, base()), 'makeReferral').status).toBe('REQUESTED');
    });
    it('within one organisation no consent is needed', async () => {
      const own = await t.fixtures.service(w.a.id);
      expect(
        ok(await make(w.a.worker.token, { ...base(), toServiceId: own }), 'makeReferral')
          .safeguardingOverride,
      ).toBe(false);
    });
    it('a safeguarding justification sends it anyway: override true, justification kept for both parties, audited', async () => {
      const justification = 'Disclosed risk of harm at home; sharing to protect the child.';
      const r = ok(
        await make(w.a.worker.token, { ...base(), safeguardingJustification: justification }),
        'makeReferral',
      );
      expect(r.safeguardingOverride).toBe(true);
      expect(r.safeguardingJustification).toBe(justification);
      const seen = ok(await t.gql(Q.referral, { id: r.id }, w.b.worker.token), 'referral');
      expect(seen.safeguardingJustification).toBe(justification);
      expect((await auditRows(t, person)).map((a) => a.action)).toEqual(
        expect.arrayContaining(['referral.make', 'referral.safeguarding_override']),
      );
    });
  });

  it('counts characters, not UTF-16 units: 4,000 emoji in a note, a 20-character justification, a 100-character key', async () => {
    const note = '😀'.repeat(4000);
    const justification = `harm risk${'😀'.repeat(11)}`;
    const idempotencyKey = '𝒜'.repeat(100);
    const r = ok(
      await make(w.a.worker.token, {
        ...base(),
        note,
        safeguardingJustification: justification,
        idempotencyKey,
      }),
      'makeReferral',
    );
    expect(r.note).toBe(note);
    expect(r.safeguardingJustification).toBe(justification);
    expect(r.safeguardingOverride).toBe(true);
  });

  describe('made while the person or their consent is being changed', () => {
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it("a person's update that commits while the referral is being made is the referral's groups (analytics)", async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      await t.db.query(`UPDATE people SET ward = 'Old ward' WHERE id = $1`, [person]);
      let pending!: ReturnType<typeof make>;
      await t.db.transaction(async (tx) => {
        await tx.query(`UPDATE people SET ward = 'New ward', gender = 'Updated' WHERE id = $1`, [person]);
        pending = make(w.a.worker.token, base());
        await pause(400);
      });
      const r = ok(await pending, 'makeReferral');
      const [row] = await t.db.query('SELECT person_ward, person_gender FROM referrals WHERE id = $1', [
        r.id,
      ]);
      expect(row).toEqual({ person_ward: 'New ward', person_gender: 'Updated' });
    });

    it('a withdrawal that commits while the referral is being made refuses it: CONSENT_REQUIRED, nothing written', async () => {
      const consentId = await consent(t, w.a.worker.token, person, [w.b.id]);
      const before = await counts();
      let pending!: ReturnType<typeof make>;
      await t.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE consents SET withdrawn_at = clock_timestamp(), withdrawn_by_staff_id = $2,
                  withdrawn_by_organisation_id = $3 WHERE id = $1`,
          [consentId, w.a.worker.id, w.a.id],
        );
        pending = make(w.a.worker.token, base());
        await pause(400);
      });
      expect(errorCode(await pending)).toBe('CONSENT_REQUIRED');
      expect(await counts()).toEqual(before);
    });
  });

  describe('idempotency', () => {
    it('same key and identical input returns the original in its current state; nothing new written', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const input = { ...base(), idempotencyKey: 'abc-1', note: 'hello' };
      const first = ok(await make(w.a.worker.token, input), 'makeReferral');
      ok(
        await t.gql(
          Q.transition,
          { input: { referralId: first.id, to: 'ACCEPTED', expectedVersion: 1 } },
          w.b.worker.token,
        ),
        'transitionReferral',
      );
      const before = await counts();
      const again = ok(
        await make(w.a.worker.token, {
          ...input,
          note: '  hello ',
          needs: ['EMPLOYMENT', 'ENGLISH_LANGUAGE'],
          safeguardingJustification: null,
        }),
        'makeReferral',
      );
      expect(again.id).toBe(first.id);
      expect(again.status).toBe('ACCEPTED');
      expect(again.version).toBe(2);
      expect(await counts()).toEqual(before);
    });
    it('same key with different input is CONFLICT', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      ok(await make(w.a.worker.token, { ...base(), idempotencyKey: 'k2' }), 'makeReferral');
      expect(
        errorCode(await make(w.a.worker.token, { ...base(), idempotencyKey: 'k2', needs: ['HOUSING'] })),
      ).toBe('CONFLICT');
      expect(errorCode(await make(w.a.worker.token, { ...base(), idempotencyKey: 'k2', note: 'x' }))).toBe(
        'CONFLICT',
      );
    });
    it('keys are scoped per staff member', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const r1 = ok(await make(w.a.worker.token, { ...base(), idempotencyKey: 'shared' }), 'makeReferral');
      const r2 = ok(await make(w.a.worker2.token, { ...base(), idempotencyKey: 'shared' }), 'makeReferral');
      expect(r2.id).not.toBe(r1.id);
    });
    it('a failed call does not use up its key', async () => {
      expect(errorCode(await make(w.a.worker.token, { ...base(), idempotencyKey: 'retry-me' }))).toBe(
        'CONSENT_REQUIRED',
      );
      await consent(t, w.a.worker.token, person, [w.b.id]);
      expect(
        ok(await make(w.a.worker.token, { ...base(), idempotencyKey: 'retry-me' }), 'makeReferral').status,
      ).toBe('REQUESTED');
    });
    it('two concurrent identical requests create one referral and both get it', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const input = { ...base(), idempotencyKey: 'race' };
      const before = await counts();
      const [x, y] = await Promise.all([make(w.a.worker.token, input), make(w.a.worker.token, input)]);
      expect(ok(x, 'makeReferral').id).toBe(ok(y, 'makeReferral').id);
      const after = await counts();
      expect(after.referrals - before.referrals).toBe(1);
      expect(after.events - before.events).toBe(1);
      expect((await auditRows(t, person, 'referral.make')).length).toBe(1);
    });
    it('many concurrent requests with one key but different inputs: one created, the rest CONFLICT', async () => {
      await consent(t, w.a.worker.token, person, [w.b.id]);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((n) =>
          make(w.a.worker.token, { ...base(), idempotencyKey: 'race-2', note: n }),
        ),
      );
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    });
  });
});
