import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, ok, Q, referAtoB, registerPerson, world, type World } from './world.js';

describe('audit trail (CONTRACT.md section 3)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  it('records reads and changes with who, organisation, person and request id', async () => {
    const { id, personId } = await referAtoB(t, w);
    ok(await t.gql(Q.person, { id: personId }, w.b.worker.token), 'person');
    ok(await t.gql(Q.referral, { id }, w.b.worker.token), 'referral');
    ok(
      await t.gql(
        Q.transition,
        { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } },
        w.b.worker.token,
      ),
      'transitionReferral',
    );
    const events = ok(await t.gql(Q.audit, { personId }, w.admin.token), 'auditEvents').nodes;
    expect(events.map((e: any) => e.action)).toEqual([
      'referral.transition',
      'referral.read',
      'person.read',
      'referral.make',
      'consent.record',
      'person.register',
    ]);
    expect(events[0]).toMatchObject({
      outcome: 'SUCCESS',
      personId,
      staff: { id: w.b.worker.id },
      organisation: { id: w.b.id },
    });
    expect(events.every((e: any) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true);
    expect(new Set(events.map((e: any) => e.requestId)).size).toBe(events.length);
  });

  it('a failed mutation leaves no audit of a change', async () => {
    const { id, personId } = await referAtoB(t, w);
    const before = await auditRows(t, personId);
    expect(
      errorCode(
        await t.gql(
          Q.transition,
          { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 7 } },
          w.b.worker.token,
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      errorCode(
        await t.gql(
          Q.transition,
          { input: { referralId: id, to: 'REJECTED', expectedVersion: 1 } },
          w.b.worker.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(
          Q.transition,
          { input: { referralId: id, to: 'COMPLETED', expectedVersion: 1 } },
          w.b.worker.token,
        ),
      ),
    ).toBe('INVALID_TRANSITION');
    expect(
      errorCode(await t.gql(Q.update, { id: personId, input: { nhsNumber: '1' } }, w.a.worker.token)),
    ).toBe('BAD_USER_INPUT');
    expect(await auditRows(t, personId)).toEqual(before);
  });

  it('refusals with FORBIDDEN, NOT_FOUND and CONSENT_REQUIRED are recorded DENIED', async () => {
    const { id, personId } = await referAtoB(t, w);
    // wrong party
    expect(
      errorCode(
        await t.gql(
          Q.transition,
          { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } },
          w.a.worker.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    // invisible
    expect(errorCode(await t.gql(Q.person, { id: personId }, w.c.worker.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(Q.referral, { id }, w.c.worker.token))).toBe('NOT_FOUND');
    // no consent
    const p2 = await registerPerson(t, w.a.worker.token);
    expect(
      errorCode(
        await t.gql(
          Q.make,
          {
            input: {
              personId: p2,
              fromServiceId: w.a.service,
              toServiceId: w.b.service,
              route: 'STAFF',
              needs: ['HOUSING'],
            },
          },
          w.a.worker.token,
        ),
      ),
    ).toBe('CONSENT_REQUIRED');
    const denied = await t.db.query(
      `SELECT action, staff_id, person_id FROM audit_events WHERE outcome = 'DENIED' ORDER BY seq`,
    );
    expect(denied).toEqual(
      expect.arrayContaining([
        { action: 'referral.transition', staff_id: w.a.worker.id, person_id: personId },
        { action: 'person.read', staff_id: w.c.worker.id, person_id: personId },
        { action: 'referral.read', staff_id: w.c.worker.id, person_id: personId },
        { action: 'referral.make', staff_id: w.a.worker.id, person_id: p2 },
      ]),
    );
  });

  it('a refusal that names a referral or a consent, not the person, is recorded against their person', async () => {
    const { id, personId } = await referAtoB(t, w);
    const [{ id: consentId }] = await t.db.query<{ id: string }>(
      'SELECT id FROM consents WHERE person_id = $1',
      [personId],
    );
    const transition = { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } };
    const refusals: [string, Record<string, unknown>, string, string][] = [
      // The role check (before anything is read), for each shape of argument.
      [Q.referral, { id }, w.admin.token, 'FORBIDDEN'],
      [Q.transition, transition, w.admin.token, 'FORBIDDEN'],
      [Q.withdraw, { id: consentId }, w.commissioner.token, 'FORBIDDEN'],
      [Q.referrals, { filter: { personId } }, w.admin.token, 'FORBIDDEN'],
      // An organisation that is not a party.
      [Q.transition, transition, w.c.worker.token, 'NOT_FOUND'],
      [Q.withdraw, { id: consentId }, w.c.worker.token, 'NOT_FOUND'],
    ];
    const seqBefore = await t.db.query<{ max: string | null }>(
      'SELECT max(seq)::text AS max FROM audit_events',
    );
    for (const [doc, vars, token, code] of refusals)
      expect(errorCode(await t.gql(doc, vars, token))).toBe(code);
    const denied = await t.db.query(
      `SELECT action, staff_id, person_id FROM audit_events
        WHERE outcome = 'DENIED' AND seq > coalesce($1::bigint, 0) ORDER BY seq`,
      [seqBefore[0].max],
    );
    expect(denied).toEqual([
      { action: 'referral.read', staff_id: w.admin.id, person_id: personId },
      { action: 'referral.transition', staff_id: w.admin.id, person_id: personId },
      { action: 'consent.withdraw', staff_id: w.commissioner.id, person_id: personId },
      { action: 'referral.read', staff_id: w.admin.id, person_id: personId },
      { action: 'referral.transition', staff_id: w.c.worker.id, person_id: personId },
      { action: 'consent.withdraw', staff_id: w.c.worker.id, person_id: personId },
    ]);
    // An id that is no record at all is recorded without a person.
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect(errorCode(await t.gql(Q.referral, { id: unknown }, w.c.worker.token))).toBe('NOT_FOUND');
    const [last] = await t.db.query(
      `SELECT action, person_id FROM audit_events WHERE outcome = 'DENIED' ORDER BY seq DESC LIMIT 1`,
    );
    expect(last).toEqual({ action: 'referral.read', person_id: null });
  });

  it('auditEvents is ADMIN only', async () => {
    for (const s of [w.a.worker, w.a.manager, w.commissioner])
      expect(errorCode(await t.gql(Q.audit, {}, s.token))).toBe('FORBIDDEN');
  });

  it('is newest first with keyset cursors, filterable by staff', async () => {
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = ok(
        await t.gql(Q.audit, { staffId: w.b.worker.id, first: 2, after }, w.admin.token),
        'auditEvents',
      );
      all.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const rows = await t.db.query('SELECT id FROM audit_events WHERE staff_id = $1 ORDER BY seq DESC', [
      w.b.worker.id,
    ]);
    expect(all).toEqual(rows.map((r) => r.id));
    expect(ok(await t.gql(Q.audit, { personId: 'nope' }, w.admin.token), 'auditEvents').nodes).toEqual([]);
    const bad = await t.gql(Q.audit, { after: 'zzz' }, w.admin.token);
    expect([errorCode(bad), bad.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
    // Made by hand: 19 digits, but past PostgreSQL's bigint.
    const huge = Buffer.from(JSON.stringify(['9999999999999999999'])).toString('base64url');
    const past = await t.gql(Q.audit, { after: huge }, w.admin.token);
    expect([errorCode(past), past.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
  });

  it('is newest first by number, and pages lose and repeat nothing, when the numbers gain a digit', async () => {
    // The next events are numbered across 99,999 → 100,000 (as text, "99999" sorts after "100000").
    await t.db.query(
      `SELECT setval(pg_get_serial_sequence('audit_events', 'seq'),
                     greatest(99994, (SELECT coalesce(max(seq), 0) FROM audit_events)))`,
    );
    const { personId } = await referAtoB(t, w);
    for (let i = 0; i < 4; i++) ok(await t.gql(Q.person, { id: personId }, w.b.worker.token), 'person');
    const expected = (
      await t.db.query('SELECT id, seq FROM audit_events WHERE person_id = $1 ORDER BY seq DESC', [personId])
    ).map((r) => r.id);
    const seqs = await t.db.query('SELECT min(seq)::int AS lo, max(seq)::int AS hi FROM audit_events');
    expect([seqs[0].lo < 100_000, seqs[0].hi >= 100_000]).toEqual([true, true]);

    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = ok(await t.gql(Q.audit, { personId, first: 3, after }, w.admin.token), 'auditEvents');
      paged.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(expected);

    const [newest] = await t.db.query('SELECT id FROM audit_events ORDER BY seq DESC LIMIT 1');
    const first = ok(await t.gql(Q.audit, { first: 1 }, w.admin.token), 'auditEvents');
    expect(first.nodes.map((n: any) => n.id)).toEqual([newest.id]);
  });

  it('cannot be changed or deleted', async () => {
    await expect(t.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`UPDATE referral_events SET note = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('a read whose audit cannot be written fails', async () => {
    const personId = await registerPerson(t, w.a.worker.token);
    await referAtoB(t, w);
    await t.db.query(
      `CREATE FUNCTION audit_broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER audit_broken BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_broken()`,
    );
    try {
      const res = await t.gql(Q.person, { id: personId }, w.a.worker.token);
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(res.data?.person ?? null).toBeNull();
      const journey = await t.gql(
        `query($id: ID!) { journey(personId: $id) { entries { kind } } }`,
        { id: personId },
        w.a.worker.token,
      );
      expect(errorCode(journey)).toBe('INTERNAL_SERVER_ERROR');
      expect(journey.data?.journey ?? null).toBeNull();
      for (const direction of ['OUTBOX', 'ALL']) {
        const list = await t.gql(Q.referrals, { filter: { direction } }, w.a.worker.token);
        expect(errorCode(list)).toBe('INTERNAL_SERVER_ERROR');
        expect(list.data?.referrals ?? null).toBeNull();
      }
    } finally {
      await t.db.query('DROP TRIGGER audit_broken ON audit_events');
      await t.db.query('DROP FUNCTION audit_broken()');
    }
  });
});
