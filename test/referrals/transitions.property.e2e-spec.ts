import fc from 'fast-check';
import {
  REASON_REQUIRED,
  REFERRAL_STATUSES,
  type ReferralParty,
  type ReferralStatusName,
  transitionParty,
} from '#libs/referrals';
import { errorCode, type StaffFixture, startTestApp, type TestApp } from '../support/test-app.js';
import { Q, referAtoB, world, type World } from './world.js';

/** The contract's model of one referral: what each attempt must answer, and the state it leaves. */
interface Model {
  status: ReferralStatusName;
  version: number;
  history: ReferralStatusName[];
}

function expectedAnswer(
  m: Model,
  parties: ReadonlySet<ReferralParty>,
  to: ReferralStatusName,
  withReason: boolean,
  stale: boolean,
) {
  const visible = parties.has('REFERRER') || (parties.has('RECEIVER') && m.status !== 'ENTERED_IN_ERROR');
  if (!visible) return 'NOT_FOUND';
  if (REASON_REQUIRED.has(to) && !withReason) return 'BAD_USER_INPUT';
  if (stale) return 'CONFLICT';
  const party = transitionParty(m.status, to);
  if (party === null) return 'INVALID_TRANSITION';
  if (!parties.has(party)) return 'FORBIDDEN';
  return 'OK';
}

describe('property: random transitions by random parties agree with the contract table', () => {
  let t: TestApp;
  let w: World;
  let actors: [StaffFixture, Set<ReferralParty>][];
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
    actors = [
      [w.a.worker, new Set<ReferralParty>(['REFERRER', 'CORRECTOR'])],
      [w.a.worker2, new Set<ReferralParty>(['REFERRER'])],
      [w.a.manager, new Set<ReferralParty>(['REFERRER', 'CORRECTOR'])],
      [w.b.worker, new Set<ReferralParty>(['RECEIVER'])],
      [w.b.manager, new Set<ReferralParty>(['RECEIVER', 'CORRECTOR'])],
      [w.c.worker, new Set<ReferralParty>()],
    ];
  });
  afterAll(() => t.close());

  it('stored status, version and history always match the model', async () => {
    const command = fc.record({
      actor: fc.integer({ min: 0, max: 5 }),
      // bias towards transitions the receiver can make so sequences get deep
      to: fc.constantFrom(...REFERRAL_STATUSES, 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED'),
      withReason: fc.boolean(),
      stale: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 10 }), async (commands) => {
        const { id } = await referAtoB(t, w);
        const m: Model = { status: 'REQUESTED', version: 1, history: ['REQUESTED'] };
        for (const c of commands) {
          const [actor, parties] = actors[c.actor];
          const to = c.to as ReferralStatusName;
          const expected = expectedAnswer(m, parties, to, c.withReason, c.stale);
          const res = await t.gql(
            Q.transition,
            {
              input: {
                referralId: id,
                to,
                reason: c.withReason ? 'OTHER' : null,
                expectedVersion: c.stale ? m.version + 1 : m.version,
              },
            },
            actor.token,
          );
          const got = res.errors ? errorCode(res) : 'OK';
          expect({ from: m.status, to, actor: c.actor, got }).toEqual({
            from: m.status,
            to,
            actor: c.actor,
            got: expected,
          });
          if (got === 'OK') {
            m.status = to;
            m.version++;
            m.history.push(to);
            expect(res.data!.transitionReferral).toMatchObject({ status: m.status, version: m.version });
          }
        }
        const [row] = await t.db.query('SELECT status, version FROM referrals WHERE id = $1', [id]);
        expect(row).toEqual({ status: m.status, version: m.version });
        const events = await t.db.query(
          'SELECT from_status, to_status FROM referral_events WHERE referral_id = $1 ORDER BY seq',
          [id],
        );
        expect(events.map((e) => e.to_status)).toEqual(m.history);
        expect(events.map((e) => e.from_status)).toEqual([null, ...m.history.slice(0, -1)]);
      }),
      { numRuns: 40 },
    );
  });
});
