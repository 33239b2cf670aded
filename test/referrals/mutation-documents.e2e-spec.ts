import { startTestApp, type TestApp } from '../support/test-app.js';
import { consent, ok, referAtoB, registerPerson, world, type World } from './world.js';

// GraphQL runs the fields of a mutation document one after another; each answer shows the data as
// its own mutation left it.
describe('several mutations in one document', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  it('each transition shows its own event in its history', async () => {
    const { id } = await referAtoB(t, w);
    const res = await t.gql(
      `mutation($r: ID!) {
        a: transitionReferral(input: { referralId: $r, to: ACCEPTED, expectedVersion: 1 }) { version status history { to } }
        b: transitionReferral(input: { referralId: $r, to: IN_PROGRESS, expectedVersion: 2 }) { version status history { to } }
        c: transitionReferral(input: { referralId: $r, to: ON_HOLD, expectedVersion: 3, reason: NO_CAPACITY }) { version status history { to } }
      }`,
      { r: id },
      w.b.worker.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.a.history.map((e: { to: string }) => e.to)).toEqual(['REQUESTED', 'ACCEPTED']);
    expect(res.data.b.history.map((e: { to: string }) => e.to)).toEqual([
      'REQUESTED',
      'ACCEPTED',
      'IN_PROGRESS',
    ]);
    expect(res.data.c).toEqual({
      version: 4,
      status: 'ON_HOLD',
      history: [{ to: 'REQUESTED' }, { to: 'ACCEPTED' }, { to: 'IN_PROGRESS' }, { to: 'ON_HOLD' }],
    });
  });

  it('a consent withdrawn by one field is shown withdrawn by the next', async () => {
    const person = await registerPerson(t, w.a.worker.token);
    const consentId = await consent(t, w.a.worker.token, person, [w.b.id]);
    const res = await t.gql(
      `mutation($p: ID!, $c: ID!) {
        before: updatePerson(id: $p, input: { ward: "Park" }) { ward consents { id active } }
        w: withdrawConsent(consentId: $c) { id active }
        after: updatePerson(id: $p, input: { ward: "Canalside" }) { ward consents { id active } }
      }`,
      { p: person, c: consentId },
      w.a.worker.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.before.consents).toEqual([{ id: consentId, active: true }]);
    expect(res.data.w).toEqual({ id: consentId, active: false });
    expect(res.data.after).toEqual({ ward: 'Canalside', consents: [{ id: consentId, active: false }] });
    const read = ok(
      await t.gql('query($p: ID!) { person(id: $p) { ward } }', { p: person }, w.a.worker.token),
      'person',
    );
    expect(read.ward).toBe('Canalside');
  });
});
