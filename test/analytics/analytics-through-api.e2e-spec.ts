import { startTestApp, type TestApp } from '../support/test-app.js';
import { ok, Q, referAtoB, world, type World } from '../referrals/world.js';
import { FLOWS, FUNNEL, PATHWAYS } from './support/queries.js';

const shown = (value: number) => ({ value, suppressed: false, display: String(value) });

/** The same rules, with the data made through the API (makeReferral, transitionReferral, updatePerson). */
describe('analytics over referrals made and worked through the API', () => {
  let t: TestApp;
  let w: World;
  const people: string[] = [];

  const transition = async (
    token: string,
    referralId: string,
    to: string,
    expectedVersion: number,
    reason?: string,
  ) =>
    ok(
      await t.gql(Q.transition, { input: { referralId, to, expectedVersion, reason } }, token),
      'transitionReferral',
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
    // 8 referrals accepted by B, then cancelled by A: all count as accepted.
    for (let i = 0; i < 8; i++) {
      const r = await referAtoB(t, w);
      people.push(r.personId);
      await transition(w.b.worker.token, r.id, 'ACCEPTED', 1);
      await transition(w.a.worker.token, r.id, 'CANCELLED', 2, 'NO_LONGER_NEEDED');
    }
    // 2 more entered in error by their creator: never counted.
    for (let i = 0; i < 2; i++) {
      const r = await referAtoB(t, w);
      await transition(w.a.worker.token, r.id, 'ENTERED_IN_ERROR', 1, 'DUPLICATE');
    }
  });
  afterAll(() => t.close());

  it('flows: accepted-then-cancelled counts as accepted, ENTERED_IN_ERROR never counts', async () => {
    const report = ok(await t.gql(FLOWS, {}, w.commissioner.token), 'referralFlows');
    expect(report.cells).toEqual([
      {
        fromCategory: 'ESOL',
        toCategory: 'ESOL',
        referred: shown(10),
        accepted: shown(10),
        completed: shown(0),
        medianDaysToAccept: 0,
      },
    ]);
    expect(report.total).toEqual(shown(10));
  });

  it('scope: both parties see the referrals, an unrelated organisation sees none', async () => {
    expect(ok(await t.gql(FLOWS, {}, w.a.manager.token), 'referralFlows').total).toEqual(shown(10));
    expect(ok(await t.gql(FLOWS, {}, w.b.manager.token), 'referralFlows').total).toEqual(shown(10));
    expect(ok(await t.gql(FLOWS, {}, w.c.manager.token), 'referralFlows').total).toEqual(shown(0));
  });

  it('pathways and the age band follow people and their corrected dates of birth', async () => {
    expect(ok(await t.gql(PATHWAYS, {}, w.commissioner.token), 'pathways')).toEqual([
      { steps: ['ESOL'], people: shown(10) },
    ]);
    const bands = async () =>
      ok(await t.gql(FUNNEL, { by: 'AGE_BAND' }, w.commissioner.token), 'referralFunnel').map((r: any) => [
        r.group,
        r.referred.display,
      ]);
    expect(await bands()).toEqual([['not recorded', '10']]);
    const year = Number(new Date().toISOString().slice(0, 4)) - 40;
    for (const id of people) {
      ok(
        await t.gql(Q.update, { id, input: { dateOfBirth: `${year}-01-01` } }, w.a.worker.token),
        'updatePerson',
      );
    }
    // Referred this year, born 40 years before 1 January: 39 or 40.
    expect(await bands()).toEqual([['35-44', '10']]);
  });
});
