import { directionSql, ReferralDirection } from '#libs/referrals';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, consent, ok, Q, referAtoB, registerPerson, world, type World } from './world.js';

describe('referrals list (CONTRACT.md section 9)', () => {
  let t: TestApp;
  let w: World;
  const made: { id: string; personId: string; dir: 'AtoB' | 'BtoA' | 'AtoA' }[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
    for (let i = 0; i < 5; i++) made.push({ ...(await referAtoB(t, w)), dir: 'AtoB' });
    const other = await t.fixtures.service(w.a.id, { name: 'A second service' });
    for (let i = 0; i < 2; i++)
      made.push({ ...(await referAtoB(t, w, { toServiceId: other })), dir: 'AtoA' });
    for (let i = 0; i < 3; i++) {
      const personId = await registerPerson(t, w.b.worker.token);
      const res = await t.gql(
        Q.make,
        {
          input: {
            personId,
            fromServiceId: w.b.service,
            toServiceId: w.a.service,
            route: 'STAFF',
            needs: ['HOUSING'],
            safeguardingJustification: 'Immediate risk of harm, shared to protect.',
          },
        },
        w.b.worker.token,
      );
      made.push({ id: ok(res, 'makeReferral').id, personId, dir: 'BtoA' });
    }
  });
  afterAll(() => t.close());

  const list = async (token: string, filter?: Record<string, unknown>, first?: number, after?: string) =>
    ok(await t.gql(Q.referrals, { filter, first, after }, token), 'referrals');
  const ids = (c: any) => c.edges.map((e: any) => e.node.id);
  const newestFirst = (dirs: string[]) =>
    made
      .filter((m) => dirs.includes(m.dir))
      .map((m) => m.id)
      .reverse();

  it('INBOX, OUTBOX and ALL are relative to the caller organisation, newest first', async () => {
    expect(ids(await list(w.a.worker.token, { direction: 'INBOX' }))).toEqual(newestFirst(['AtoA', 'BtoA']));
    expect(ids(await list(w.a.worker.token, { direction: 'OUTBOX' }))).toEqual(newestFirst(['AtoB', 'AtoA']));
    expect(ids(await list(w.a.worker.token))).toEqual(newestFirst(['AtoB', 'AtoA', 'BtoA']));
    expect(ids(await list(w.b.worker.token, { direction: 'INBOX' }))).toEqual(newestFirst(['AtoB']));
    expect(ids(await list(w.b.worker.token, { direction: 'OUTBOX' }))).toEqual(newestFirst(['BtoA']));
    const c = await list(w.c.worker.token);
    expect([c.totalCount, ids(c)]).toEqual([0, []]);
  });

  it('filters by statuses, service and person; totalCount counts the whole filtered set', async () => {
    const target = made[0];
    ok(
      await t.gql(
        Q.transition,
        { input: { referralId: target.id, to: 'ACCEPTED', expectedVersion: 1 } },
        w.b.worker.token,
      ),
      'transitionReferral',
    );
    const accepted = await list(w.b.worker.token, { direction: 'INBOX', statuses: ['ACCEPTED'] });
    expect([accepted.totalCount, ids(accepted)]).toEqual([1, [target.id]]);
    const byService = await list(w.a.worker.token, { direction: 'INBOX', serviceId: w.a.service });
    expect(ids(byService)).toEqual(newestFirst(['BtoA']));
    const byFromService = await list(w.a.worker.token, { direction: 'OUTBOX', serviceId: w.a.service });
    expect(byFromService.totalCount).toBe(7);
    const either = await list(w.a.worker.token, { direction: 'ALL', serviceId: w.a.service });
    expect(either.totalCount).toBe(10);
    const byPerson = await list(w.a.worker.token, { personId: target.personId });
    expect(ids(byPerson)).toEqual([target.id]);
    const page = await list(w.a.worker.token, {}, 3);
    expect([page.totalCount, page.edges.length, page.pageInfo.hasNextPage]).toEqual([10, 3, true]);
  });

  it('ids in filters never raise NOT_FOUND', async () => {
    for (const f of [
      { personId: 'nope' },
      { serviceId: 'nope' },
      { personId: '00000000-0000-4000-8000-000000000000' },
      { serviceId: w.c.service },
    ]) {
      const c = await list(w.a.worker.token, f);
      expect([c.totalCount, ids(c)]).toEqual([0, []]);
    }
    // a person visible only to B
    const c = await list(w.c.worker.token, { personId: made[0].personId });
    expect(c.totalCount).toBe(0);
  });

  it('first must be 1–200; a bad cursor is BAD_USER_INPUT', async () => {
    for (const first of [0, 201]) {
      const res = await t.gql(Q.referrals, { first }, w.a.worker.token);
      expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'first']);
    }
    const res = await t.gql(Q.referrals, { after: 'garbage' }, w.a.worker.token);
    expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
  });

  it.each([
    '2026-02-30T00:00:00.000000Z',
    '2026-13-45T00:00:00.000000Z',
    '2026-03-01T25:00:00.000000Z',
    '2026-03-01T10:60:00.000000Z',
    '0000-01-01T00:00:00.000000Z',
  ])('a cursor made by hand around a time that does not exist (%s) is BAD_USER_INPUT', async (at) => {
    const after = Buffer.from(JSON.stringify([at, '00000000-0000-4000-8000-000000000000'])).toString(
      'base64url',
    );
    const res = await t.gql(Q.referrals, { after }, w.a.worker.token);
    expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'after']);
  });

  it('keyset pagination loses or repeats nothing while others are inserted', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    const expected = newestFirst(['AtoB', 'AtoA', 'BtoA']);
    let pages = 0;
    for (;;) {
      // inserts race with every page read; they are newer than the cursor, so never shown after it
      const [page] = await Promise.all([
        list(w.a.worker.token, {}, 2, after),
        referAtoB(t, w),
        referAtoB(t, w),
      ]);
      pages++;
      seen.push(...ids(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // the first page may include referrals inserted concurrently with it; after that, nothing is lost or repeated
    const preexisting = seen.filter((id) => expected.includes(id));
    expect(preexisting).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    const everything = await list(w.a.worker.token, {}, 200);
    expect(everything.totalCount).toBe(expected.length + pages * 2);
  });

  it('orders by createdAt as it is shown, then id: a referral is stored to the millisecond', async () => {
    const person = await registerPerson(t, w.a.worker.token);
    await consent(t, w.a.worker.token, person, [w.b.id]);
    await Promise.all(Array.from({ length: 12 }, () => referAtoB(t, w, { personId: person })));
    // Made through the API, every referral here keeps the creation time the API shows, no finer:
    // what orders the list is what a client sees.
    const finer = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals WHERE created_at <> date_trunc('milliseconds', created_at)`,
    );
    expect(finer[0].n).toBe(0);
    const all = await list(w.a.worker.token, {}, 200);
    const seen = all.edges.map((e: any) => [e.node.createdAt as string, e.node.id as string]);
    const expected = [...seen].sort(([a, x], [b, y]) => (a === b ? (x < y ? 1 : -1) : a < b ? 1 : -1));
    expect(seen).toEqual(expected);
  });

  it('audits one referral.read per distinct person returned', async () => {
    const personId = made[8].personId;
    const before = (await auditRows(t, personId, 'referral.read')).length;
    await list(w.a.worker.token, { direction: 'INBOX' });
    expect((await auditRows(t, personId, 'referral.read')).length).toBe(before + 1);
  });

  it('audits no one when the client asks for nothing of a referral (totalCount, hasNextPage)', async () => {
    const count = () =>
      t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'referral.read'`);
    const [{ n: before }] = await count();
    for (const selection of [
      'totalCount',
      'pageInfo { hasNextPage }',
      '__typename',
      'totalCount edges @skip(if: true) { node { id } }',
      'pageInfo { hasNextPage endCursor @include(if: false) }',
    ]) {
      const res = await t.gql(
        `{ referrals(filter: { direction: INBOX }) { ${selection} } }`,
        {},
        w.b.worker.token,
      );
      expect(res.errors).toBeUndefined();
    }
    const total = await t.gql(
      '{ referrals(filter: { direction: INBOX }) { totalCount } }',
      {},
      w.b.worker.token,
    );
    expect(total.data.referrals.totalCount).toBeGreaterThan(0);
    expect((await count())[0].n).toBe(before);
    // Asking for the referrals themselves (even only their ids), or for cursors (each is made of a
    // referral's id and creation time), audits their people.
    let expected = before;
    for (const selection of ['edges { node { id } }', 'edges { cursor }', 'pageInfo { endCursor }']) {
      await t.gql(
        `{ referrals(filter: { direction: INBOX }, first: 1) { ${selection} } }`,
        {},
        w.b.worker.token,
      );
      expect((await count())[0].n).toBe(++expected);
    }
  });

  it('relation fields are batched: the statement count does not grow with the page size', async () => {
    const doc = `query($first: Int) { referrals(first: $first) { edges { node { id note person { id consents { id organisations { id } recordedBy { id } } registeredBy { id } }
      fromService { id organisation { id } } toService { id } createdBy { id } history { id by { id } note } } } } }`;
    const statements = async (first: number) => {
      const before = t.db.counter.count;
      ok(await t.gql(doc, { first }, w.a.worker.token), 'referrals');
      return t.db.counter.count - before;
    };
    // The page statement (caller check, page, count, audit), then one statement per relation batch
    // (consents, organisations per level, staff per level, history): a constant, whatever the size.
    const small = await statements(2);
    const large = await statements(16);
    expect(large).toBeLessThanOrEqual(16);
    expect(large - small).toBeLessThanOrEqual(2); // a level whose staff were all cached costs nothing
  });

  it("reads the page's people and services with the page, exactly as their own reads give them", async () => {
    const fields = `id person { id givenName familyName dateOfBirth createdAt registeredBy { id } }
      fromService { id name category capacity site ward createdAt } toService { id name createdAt }`;
    const statements = async (node: string) => {
      const before = t.db.counter.count;
      const page = ok(
        await t.gql(
          `{ referrals(filter: { direction: ALL }, first: 20) { edges { node { ${node} } } } }`,
          {},
          w.a.worker.token,
        ),
        'referrals',
      );
      return { n: t.db.counter.count - before, nodes: page.edges.map((e: any) => e.node) };
    };
    const bare = await statements('id status');
    const related = await statements(fields);
    // The caller check, the page, its count and its audit events: one statement. registeredBy (an
    // organisation) is the only relation left to a loader of its own.
    expect(bare.n).toBe(1);
    expect(related.n).toBe(bare.n + 1);
    expect(related.nodes.length).toBeGreaterThan(5);
    for (const node of related.nodes) {
      const one = ok(
        await t.gql(`query($id: ID!) { referral(id: $id) { ${fields} } }`, { id: node.id }, w.a.worker.token),
        'referral',
      );
      expect(node).toEqual(one);
    }
  });

  it.each([
    [ReferralDirection.INBOX, /referrals_inbox_idx/],
    [ReferralDirection.OUTBOX, /referrals_outbox_idx/],
    [
      ReferralDirection.ALL,
      /referrals_inbox_idx[\s\S]*referrals_outbox_idx|referrals_outbox_idx[\s\S]*referrals_inbox_idx/,
    ],
  ])('%s is served by its index', async (direction, index) => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query(
        `EXPLAIN SELECT id FROM referrals r WHERE ${directionSql(direction).replace(/\$1/g, `'${w.a.id}'::uuid`)} ORDER BY r.created_at DESC, r.id DESC LIMIT 51`,
      );
      return rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(index);
  });
});
