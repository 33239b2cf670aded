import {
  allowedTransitions,
  REASON_REQUIRED,
  REFERRAL_STATUSES,
  type ReferralParty,
  type ReferralStatusName,
  transitionParty,
} from '#libs/referrals';
import { errorCode, type StaffFixture, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, ok, Q, referAtoB, world, type World } from './world.js';

describe('referral life cycle (CONTRACT.md section 5)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const transition = (token: string, input: Record<string, unknown>) => t.gql(Q.transition, { input }, token);

  async function setStatus(id: string, status: ReferralStatusName): Promise<number> {
    const [row] = await t.db.query<{ version: number }>(
      'UPDATE referrals SET status = $2 WHERE id = $1 RETURNING version',
      [id, status],
    );
    return row.version;
  }

  // Every actor of a cross-organisation referral made by A's worker to B's service, with the parties
  // the contract gives them. C's worker can see nothing of it.
  const actors: [string, (w: World) => StaffFixture, ReferralParty[]][] = [
    ['the creator (referrer worker)', (w) => w.a.worker, ['REFERRER', 'CORRECTOR']],
    ['a colleague of the creator', (w) => w.a.worker2, ['REFERRER']],
    ["the referrer's SERVICE_MANAGER", (w) => w.a.manager, ['REFERRER', 'CORRECTOR']],
    ['a receiver worker', (w) => w.b.worker, ['RECEIVER']],
    ["the receiver's SERVICE_MANAGER", (w) => w.b.manager, ['RECEIVER', 'CORRECTOR']],
    ['an unrelated organisation', (w) => w.c.worker, []],
  ];

  describe.each(actors)('by %s', (_label, actorOf, partyList) => {
    const parties = new Set(partyList);
    it.each(REFERRAL_STATUSES.map((s) => [s]))(
      'from %s: every target status answers as the table says',
      async (from) => {
        const actor = actorOf(w);
        const { id } = await referAtoB(t, w);
        for (const to of REFERRAL_STATUSES) {
          const version = await setStatus(id, from);
          const before = await t.db.query('SELECT 1 FROM referral_events WHERE referral_id = $1', [id]);
          const res = await transition(actor.token, {
            referralId: id,
            to,
            reason: 'OTHER',
            note: `by test ${from}→${to}`,
            expectedVersion: version,
          });
          const party = transitionParty(from, to);
          const visible = parties.has('REFERRER') || (parties.has('RECEIVER') && from !== 'ENTERED_IN_ERROR');
          const after = await t.db.query('SELECT 1 FROM referral_events WHERE referral_id = $1', [id]);
          if (!visible) {
            expect([to, errorCode(res)]).toEqual([to, 'NOT_FOUND']);
          } else if (party === null) {
            expect([to, errorCode(res)]).toEqual([to, 'INVALID_TRANSITION']);
            expect(res.errors![0].extensions.allowed).toEqual(allowedTransitions(from, parties));
            const article = /^[AEIOU]/.test(from) ? 'An' : 'A';
            expect(res.errors![0].message).toBe(`${article} ${from} referral cannot move to ${to}.`);
          } else if (!parties.has(party)) {
            expect([to, errorCode(res)]).toEqual([to, 'FORBIDDEN']);
          } else {
            const r = ok(res, 'transitionReferral');
            expect([to, r.status, r.version, r.statusReason]).toEqual([to, to, version + 1, 'OTHER']);
            expect(r.history.at(-1)).toMatchObject({ from, to, by: { id: actor.id } });
            expect(after.length).toBe(before.length + 1);
            continue;
          }
          expect(after.length).toBe(before.length);
        }
      },
    );
  });

  it('within one organisation its staff are both receiver and referrer', async () => {
    const other = await t.fixtures.service(w.a.id);
    const { id } = await referAtoB(t, w, { toServiceId: other });
    let r = ok(
      await transition(w.a.worker2.token, { referralId: id, to: 'ACCEPTED', expectedVersion: 1 }),
      'transitionReferral',
    );
    expect(r.status).toBe('ACCEPTED');
    r = ok(
      await transition(w.a.worker2.token, {
        referralId: id,
        to: 'CANCELLED',
        reason: 'NO_LONGER_NEEDED',
        expectedVersion: 2,
      }),
      'transitionReferral',
    );
    expect(r.status).toBe('CANCELLED');
    // A colleague who did not create it is not a corrector; the refusal says who may.
    const refused = await transition(w.a.worker2.token, {
      referralId: id,
      to: 'ENTERED_IN_ERROR',
      reason: 'DUPLICATE',
      expectedVersion: 3,
    });
    expect([errorCode(refused), refused.errors![0].message]).toEqual([
      'FORBIDDEN',
      'Only the staff member who made it, or a service manager of either organisation, may move this referral to ENTERED_IN_ERROR.',
    ]);
  });

  describe('reasons', () => {
    it.each([...REASON_REQUIRED].map((s) => [s]))(
      '→ %s without a reason is BAD_USER_INPUT on reason, nothing written',
      async (to) => {
        const { id } = await referAtoB(t, w);
        const from: ReferralStatusName = to === 'ON_HOLD' || to === 'FAILED' ? 'ACCEPTED' : 'REQUESTED';
        const version = await setStatus(id, from);
        const actor = to === 'CANCELLED' || to === 'ENTERED_IN_ERROR' ? w.a.worker : w.b.worker;
        const res = await transition(actor.token, { referralId: id, to, expectedVersion: version });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions.field).toBe('reason');
        const [row] = await t.db.query('SELECT status, version FROM referrals WHERE id = $1', [id]);
        expect(row).toEqual({ status: from, version });
      },
    );

    it('a reason is allowed on any transition and statusReason is the latest event reason', async () => {
      const { id } = await referAtoB(t, w);
      let r = ok(
        await transition(w.b.worker.token, {
          referralId: id,
          to: 'ACCEPTED',
          reason: 'OTHER',
          expectedVersion: 1,
        }),
        'transitionReferral',
      );
      expect(r.statusReason).toBe('OTHER');
      r = ok(
        await transition(w.b.worker.token, { referralId: id, to: 'IN_PROGRESS', expectedVersion: 2 }),
        'transitionReferral',
      );
      expect(r.statusReason).toBeNull();
      expect(r.history.map((e: any) => [e.from, e.to, e.reason])).toEqual([
        [null, 'REQUESTED', null],
        ['REQUESTED', 'ACCEPTED', 'OTHER'],
        ['ACCEPTED', 'IN_PROGRESS', null],
      ]);
    });

    it('a note over 4,000 characters is BAD_USER_INPUT on note', async () => {
      const { id } = await referAtoB(t, w);
      const res = await transition(w.b.worker.token, {
        referralId: id,
        to: 'ACCEPTED',
        note: 'x'.repeat(4001),
        expectedVersion: 1,
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('note');
    });
  });

  describe('check order', () => {
    it('visibility before input before version before transition before party', async () => {
      const { id } = await referAtoB(t, w);
      // unrelated org, missing reason, stale version, impossible transition: NOT_FOUND first
      expect(
        errorCode(await transition(w.c.worker.token, { referralId: id, to: 'REJECTED', expectedVersion: 9 })),
      ).toBe('NOT_FOUND');
      // missing reason + stale version → BAD_USER_INPUT
      expect(
        errorCode(await transition(w.b.worker.token, { referralId: id, to: 'REJECTED', expectedVersion: 9 })),
      ).toBe('BAD_USER_INPUT');
      // stale version + impossible transition → CONFLICT
      expect(
        errorCode(
          await transition(w.b.worker.token, { referralId: id, to: 'COMPLETED', expectedVersion: 9 }),
        ),
      ).toBe('CONFLICT');
      // impossible transition + wrong party → INVALID_TRANSITION
      expect(
        errorCode(
          await transition(w.a.worker.token, { referralId: id, to: 'COMPLETED', expectedVersion: 1 }),
        ),
      ).toBe('INVALID_TRANSITION');
      expect(
        errorCode(await transition(w.a.worker.token, { referralId: id, to: 'ACCEPTED', expectedVersion: 1 })),
      ).toBe('FORBIDDEN');
    });

    it('malformed and unknown referral ids are NOT_FOUND', async () => {
      expect(
        errorCode(
          await transition(w.a.worker.token, { referralId: 'nope', to: 'ACCEPTED', expectedVersion: 1 }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await transition(w.a.worker.token, {
            referralId: '00000000-0000-4000-8000-000000000000',
            to: 'ACCEPTED',
            expectedVersion: 1,
          }),
        ),
      ).toBe('NOT_FOUND');
    });

    it('ADMIN and COMMISSIONER are FORBIDDEN', async () => {
      const { id } = await referAtoB(t, w);
      for (const s of [w.admin, w.commissioner])
        expect(
          errorCode(await transition(s.token, { referralId: id, to: 'ACCEPTED', expectedVersion: 1 })),
        ).toBe('FORBIDDEN');
    });
  });

  describe('concurrency', () => {
    it('10 concurrent transitions with the same expectedVersion: exactly one wins, nine CONFLICT, history +1', async () => {
      const { id } = await referAtoB(t, w);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          transition(w.b.worker.token, { referralId: id, to: 'ACCEPTED', expectedVersion: 1 }),
        ),
      );
      // Messages are kept in the failure output so an unexpected answer explains itself.
      const codes = results
        .map((r) =>
          r.errors ? `${errorCode(r)}${errorCode(r) === 'CONFLICT' ? '' : ` ${r.errors[0].message}`}` : 'OK',
        )
        .sort();
      expect(codes).toEqual([
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'OK',
      ]);
      const [row] = await t.db.query('SELECT status, version FROM referrals WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'ACCEPTED', version: 2 });
      const events = await t.db.query(
        'SELECT to_status FROM referral_events WHERE referral_id = $1 ORDER BY seq',
        [id],
      );
      expect(events.map((e) => e.to_status)).toEqual(['REQUESTED', 'ACCEPTED']);
      expect(
        (await auditRows(t, null, 'referral.transition')).filter((a) => a.outcome === 'SUCCESS').length,
      ).toBeGreaterThan(0);
    });

    it('10 concurrent different transitions from one version: one wins', async () => {
      const { id } = await referAtoB(t, w);
      await transition(w.b.worker.token, { referralId: id, to: 'ACCEPTED', expectedVersion: 1 });
      const targets = [
        'IN_PROGRESS',
        'COMPLETED',
        'ON_HOLD',
        'FAILED',
        'IN_PROGRESS',
        'COMPLETED',
        'ON_HOLD',
        'FAILED',
        'IN_PROGRESS',
        'COMPLETED',
      ];
      const results = await Promise.all(
        targets.map((to) =>
          transition(w.b.worker.token, { referralId: id, to, reason: 'OTHER', expectedVersion: 2 }),
        ),
      );
      expect(results.filter((r) => !r.errors).length).toBe(1);
      const events = await t.db.query('SELECT 1 FROM referral_events WHERE referral_id = $1', [id]);
      expect(events.length).toBe(3);
    });
  });

  describe('stage timestamps', () => {
    it('accepted_at, started_at and completed_at keep the first time each was reached', async () => {
      const { id } = await referAtoB(t, w);
      const step = async (to: string, v: number, reason?: string) =>
        ok(
          await transition(w.b.worker.token, { referralId: id, to, reason, expectedVersion: v }),
          'transitionReferral',
        );
      await step('ACCEPTED', 1);
      const [a1] = await t.db.query(
        'SELECT accepted_at, started_at, completed_at FROM referrals WHERE id = $1',
        [id],
      );
      expect(a1.accepted_at).not.toBeNull();
      expect(a1.started_at).toBeNull();
      await step('ON_HOLD', 2, 'OTHER');
      await step('ACCEPTED', 3);
      await step('COMPLETED', 4);
      const [a2] = await t.db.query(
        'SELECT accepted_at, started_at, completed_at, status_reason FROM referrals WHERE id = $1',
        [id],
      );
      expect(a2.accepted_at).toEqual(a1.accepted_at);
      expect(a2.started_at).not.toBeNull();
      expect(a2.completed_at).toEqual(a2.started_at);
    });
  });

  describe('ENTERED_IN_ERROR', () => {
    it('is returned to the caller who marks it, then NOT_FOUND and absent for the receiver, visible to the creator org', async () => {
      const { id, personId } = await referAtoB(t, w);
      const marked = await transition(w.b.manager.token, {
        referralId: id,
        to: 'ENTERED_IN_ERROR',
        reason: 'DUPLICATE',
        expectedVersion: 1,
      });
      expect(ok(marked, 'transitionReferral').status).toBe('ENTERED_IN_ERROR');
      expect(errorCode(await t.gql(Q.referral, { id }, w.b.worker.token))).toBe('NOT_FOUND');
      const inbox = ok(await t.gql(Q.referrals, { filter: { personId } }, w.b.worker.token), 'referrals');
      expect(inbox.totalCount).toBe(0);
      // the person is no longer visible to B through it
      expect(errorCode(await t.gql(Q.person, { id: personId }, w.b.worker.token))).toBe('NOT_FOUND');
      expect(ok(await t.gql(Q.referral, { id }, w.a.worker2.token), 'referral').status).toBe(
        'ENTERED_IN_ERROR',
      );
      expect(
        ok(await t.gql(Q.referrals, { filter: { personId } }, w.a.worker2.token), 'referrals').totalCount,
      ).toBe(1);
    });
  });

  describe('notes', () => {
    it('the note, justification and event notes are shown to both parties', async () => {
      const { id } = await referAtoB(t, w, { note: 'Prefers mornings' });
      await transition(w.b.worker.token, {
        referralId: id,
        to: 'ACCEPTED',
        note: 'Booked for Tuesday',
        expectedVersion: 1,
      });
      for (const s of [w.a.worker2, w.b.worker2]) {
        const r = ok(await t.gql(Q.referral, { id }, s.token), 'referral');
        expect(r.note).toBe('Prefers mornings');
        expect(r.history[1].note).toBe('Booked for Tuesday');
      }
    });
  });
});
