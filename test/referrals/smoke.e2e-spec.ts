import { startTestApp, type TestApp } from '../support/test-app.js';
import { ok, Q, referAtoB, world, type World } from './world.js';

describe('smoke', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  it('makes and transitions a referral', async () => {
    const { id } = await referAtoB(t, w);
    const res = await t.gql(
      Q.transition,
      { input: { referralId: id, to: 'ACCEPTED', expectedVersion: 1 } },
      w.b.worker.token,
    );
    expect(ok(res, 'transitionReferral').status).toBe('ACCEPTED');
    const list = await t.gql(Q.referrals, { filter: { direction: 'INBOX' } }, w.b.worker.token);
    expect(ok(list, 'referrals').totalCount).toBe(1);
  });
});
