import { directionSql, ReferralDirection } from '#libs/referrals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ok, Q, referAtoB, world, type World } from './world.js';

/**
 * totalCount counts the whole filtered set visible to the caller (CONTRACT.md section 9), exactly,
 * after every kind of write. Without a service or person filter it is read from referral_counts
 * (migration 0052), so these tests compare it with a count of the referrals themselves.
 */
describe('referrals totalCount', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const STATUS_FILTERS: (string[] | undefined)[] = [
    undefined,
    ['REQUESTED'],
    ['ACCEPTED', 'IN_PROGRESS'],
    ['ENTERED_IN_ERROR'],
    [],
  ];

  /** The count straight from referrals, with the list's own predicate. */
  async function truth(orgId: string, direction: ReferralDirection, statuses?: string[]): Promise<number> {
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals r
        WHERE ${directionSql(direction)} AND ($2::text[] IS NULL OR r.status = ANY($2::text[]))`,
      [orgId, statuses ?? null],
    );
    return n;
  }

  async function expectExactCounts(): Promise<void> {
    for (const org of [w.a, w.b, w.c])
      for (const direction of Object.values(ReferralDirection))
        for (const statuses of STATUS_FILTERS) {
          const c = ok(
            await t.gql(Q.referrals, { filter: { direction, statuses }, first: 1 }, org.worker.token),
            'referrals',
          );
          expect({ direction, statuses, n: c.totalCount }).toEqual({
            direction,
            statuses,
            n: await truth(org.id, direction, statuses),
          });
        }
  }

  const NEEDS_REASON = new Set(['REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR', 'FAILED']);
  const transition = async (token: string, referralId: string, to: string, version: number) =>
    ok(
      await t.gql(
        Q.transition,
        {
          input: {
            referralId,
            to,
            expectedVersion: version,
            reason: NEEDS_REASON.has(to) ? 'DUPLICATE' : undefined,
          },
        },
        token,
      ),
      'transitionReferral',
    );

  it('stays exact through makes (also concurrent), transitions and ENTERED_IN_ERROR', async () => {
    await expectExactCounts();
    const made = await Promise.all(Array.from({ length: 12 }, () => referAtoB(t, w)));
    const withinA = await t.fixtures.service(w.a.id, { name: 'A second service' });
    const own = await referAtoB(t, w, { toServiceId: withinA });
    await expectExactCounts();

    await transition(w.b.worker.token, made[0].id, 'ACCEPTED', 1);
    await transition(w.b.worker.token, made[0].id, 'IN_PROGRESS', 2);
    await transition(w.b.worker.token, made[1].id, 'REJECTED', 1);
    await transition(w.a.worker.token, made[2].id, 'CANCELLED', 1);
    // Entered in error: gone from B's inbox, still in A's outbox; within one organisation, still in its inbox.
    await transition(w.a.worker.token, made[3].id, 'ENTERED_IN_ERROR', 1);
    await transition(w.a.worker.token, own.id, 'ENTERED_IN_ERROR', 1);
    await Promise.all(made.slice(4, 10).map((m) => transition(w.b.worker.token, m.id, 'ACCEPTED', 1)));
    await expectExactCounts();
  });

  it('reports the whole filtered set on a page past the end, and on every page', async () => {
    const all = ok(await t.gql(Q.referrals, { first: 200 }, w.a.worker.token), 'referrals');
    const last = all.edges.at(-1).cursor;
    const past = ok(await t.gql(Q.referrals, { first: 5, after: last }, w.a.worker.token), 'referrals');
    expect([past.edges.length, past.totalCount]).toEqual([0, all.totalCount]);
    const second = ok(
      await t.gql(Q.referrals, { first: 2, after: all.edges[1].cursor }, w.a.worker.token),
      'referrals',
    );
    expect(second.totalCount).toBe(all.totalCount);
  });

  it('does not count when totalCount is not asked for, and counts through fragments', async () => {
    const without = `{ referrals(first: 3) { edges { node { id } } } }`;
    const before = t.db.counter.count;
    ok(await t.gql(without, {}, w.a.worker.token), 'referrals');
    const withoutStatements = t.db.counter.count - before;
    const viaFragment = `{ referrals(first: 3) { ...C } } fragment C on ReferralConnection { edges { node { id } } ...N }
      fragment N on ReferralConnection { totalCount }`;
    const c = ok(await t.gql(viaFragment, {}, w.a.worker.token), 'referrals');
    expect(c.totalCount).toBe(await truth(w.a.id, ReferralDirection.ALL));
    // The count shares the page's statement: asking for it adds none.
    const mid = t.db.counter.count;
    ok(
      await t.gql(`{ referrals(first: 3) { totalCount edges { node { id } } } }`, {}, w.a.worker.token),
      'referrals',
    );
    expect(t.db.counter.count - mid).toBe(withoutStatements);
  });

  it('keeps referral_counts equal to the referrals grouped, slot by slot summed', async () => {
    const drift = await t.db.query(
      `SELECT * FROM (
         SELECT to_organisation_id, creator_organisation_id, status, count(*) AS n FROM referrals GROUP BY 1, 2, 3) r
       FULL JOIN (
         SELECT to_organisation_id, creator_organisation_id, status, sum(n) AS n FROM referral_counts GROUP BY 1, 2, 3
           HAVING sum(n) <> 0) c USING (to_organisation_id, creator_organisation_id, status)
       WHERE r.n IS DISTINCT FROM c.n`,
    );
    expect(drift).toEqual([]);
  });
});
