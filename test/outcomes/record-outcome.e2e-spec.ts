import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import {
  auditCount,
  londonDay,
  makeOrg,
  OQ,
  type Org,
  ok,
  recordConsent,
  refer,
  registerPerson,
  rowsOf,
  transition,
} from './support.js';

describe('recordOutcome', () => {
  let t: TestApp;
  let a: Org;
  let b: Org;
  let c: Org;
  let personId: string;
  let otherPersonId: string;
  let referralId: string;
  let invisibleReferralId: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeOrg(t);
    b = await makeOrg(t, { category: 'ESOL' });
    c = await makeOrg(t);
    personId = await registerPerson(t, a.worker.token);
    otherPersonId = await registerPerson(t, a.worker.token, 'Bilal');
    await recordConsent(t, a.worker.token, personId, 'REFERRAL_SHARING');
    referralId = await refer(t, a, b, personId, { note: 'Private note for the two parties' });
    // A referral B cannot see: from C to C about the same person (C registers its own record of them).
    const cPerson = await registerPerson(t, c.worker.token);
    invisibleReferralId = await refer(t, c, c, cPerson);
    await transition(t, b.worker.token, referralId, 'ACCEPTED', 1);
  });
  afterAll(async () => {
    await t.close();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    personId,
    serviceId: b.service,
    type: 'ENTERED_EDUCATION_OR_TRAINING',
    achievedOn: londonDay(0),
    contracted: true,
    ...over,
  });

  it('records an ESOL level tied to a referral, audits it, and resolves the referral', async () => {
    const before = await auditCount(t, personId, 'outcome.record');
    const res = await t.gql(
      OQ.outcome,
      { input: input({ type: 'ESOL_LEVEL_ACHIEVED', esolLevel: 'ENTRY_2', referralId, note: '  Passed  ' }) },
      b.worker.token,
    );
    expect(ok(res, 'recordOutcome')).toMatchObject({
      type: 'ESOL_LEVEL_ACHIEVED',
      esolLevel: 'ENTRY_2',
      hours: null,
      contracted: true,
      note: 'Passed',
      achievedOn: londonDay(0),
      person: { id: personId },
      service: { id: b.service },
      recordedBy: { id: b.worker.id },
      referral: { id: referralId, note: 'Private note for the two parties' },
    });
    expect(await auditCount(t, personId, 'outcome.record')).toBe(before + 1);
  });

  it('records volunteering hours as added value, keeping the precision given', async () => {
    const res = await t.gql(
      OQ.outcome,
      { input: input({ type: 'VOLUNTEERING_HOURS', hours: 12.375, contracted: false }) },
      b.worker.token,
    );
    expect(ok(res, 'recordOutcome')).toMatchObject({
      hours: 12.375,
      contracted: false,
      esolLevel: null,
      referral: null,
    });
  });

  it.each([
    ['ESOL without esolLevel', { type: 'ESOL_LEVEL_ACHIEVED' }, 'esolLevel'],
    ['esolLevel on another type', { esolLevel: 'ENTRY_1' }, 'esolLevel'],
    ['VOLUNTEERING_HOURS without hours', { type: 'VOLUNTEERING_HOURS' }, 'hours'],
    ['hours of 0', { type: 'VOLUNTEERING_HOURS', hours: 0 }, 'hours'],
    ['hours over 1000', { type: 'VOLUNTEERING_HOURS', hours: 1000.01 }, 'hours'],
    ['hours on another type', { hours: 3 }, 'hours'],
    ['achievedOn tomorrow', { achievedOn: londonDay(1) }, 'achievedOn'],
    ['a note over 4,000 characters', { note: 'x'.repeat(4001) }, 'note'],
  ])('refuses %s with BAD_USER_INPUT naming %s, writing nothing', async (_label, over, field) => {
    const before = (await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM outcomes'))!.n;
    const res = await t.gql(OQ.outcome, { input: input(over) }, b.worker.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe(field);
    expect((await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM outcomes'))!.n).toBe(before);
  });

  it('refuses an outcome achieved before the person was born, and takes one on the birthday', async () => {
    const born = await registerPerson(t, a.worker.token, 'Nia', { dateOfBirth: '2001-06-15' });
    const early = { personId: born, serviceId: a.service, achievedOn: '2001-06-14' };
    const res = await t.gql(OQ.outcome, { input: input(early) }, a.worker.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe('achievedOn');
    expect(await rowsOf(t, 'outcomes', born)).toBe(0);
    const onTheDay = { ...early, achievedOn: '2001-06-15' };
    ok(await t.gql(OQ.outcome, { input: input(onTheDay) }, a.worker.token), 'recordOutcome');
    expect(await rowsOf(t, 'outcomes', born)).toBe(1);
  });

  it.each([
    [
      'a referral of another person',
      () => ({ personId: otherPersonId, serviceId: a.service, referralId }),
      () => a,
    ],
    ['a referral the caller cannot see', () => ({ referralId: invisibleReferralId }), () => b],
    ['an unknown referral', () => ({ referralId: '00000000-0000-4000-8000-000000000000' }), () => b],
    ['a malformed referral id', () => ({ referralId: 'abc' }), () => b],
  ])('answers NOT_FOUND for %s (before input rules)', async (_label, over, who) => {
    const res = await t.gql(
      OQ.outcome,
      { input: input({ ...over(), type: 'ESOL_LEVEL_ACHIEVED' }) },
      who().worker.token,
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('refuses a service of another organisation (FORBIDDEN) and an invisible person (NOT_FOUND)', async () => {
    expect(
      errorCode(await t.gql(OQ.outcome, { input: input({ serviceId: a.service }) }, b.worker.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(OQ.outcome, { input: input({ serviceId: c.service }) }, c.worker.token)),
    ).toBe('NOT_FOUND');
  });
});
