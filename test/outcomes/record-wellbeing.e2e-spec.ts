import { Role } from '#libs/common';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditCount, londonDay, makeOrg, OQ, type Org, ok, registerPerson, rowsOf } from './support.js';

describe('recordWellbeing', () => {
  let t: TestApp;
  let a: Org;
  let b: Org;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeOrg(t);
    b = await makeOrg(t);
    personId = await registerPerson(t, a.worker.token);
  });
  afterAll(async () => {
    await t.close();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    personId,
    serviceId: a.service,
    instrument: 'SWEMWBS',
    responses: [3, 3, 3, 3, 3, 3, 3],
    takenOn: londonDay(0),
    ...over,
  });

  it('scores SWEMWBS with the published table and audits the change', async () => {
    const before = await auditCount(t, personId, 'wellbeing.record');
    const res = await t.gql(
      OQ.wellbeing,
      { input: input({ responses: [2, 2, 3, 2, 2, 3, 2] }) },
      a.worker.token,
    );
    const w = ok(res, 'recordWellbeing');
    expect(w).toMatchObject({
      instrument: 'SWEMWBS',
      responses: [2, 2, 3, 2, 2, 3, 2],
      rawScore: 16,
      metricScore: 16.36,
      takenOn: londonDay(0),
      person: { id: personId },
      service: { id: a.service },
      recordedBy: { id: a.worker.id },
    });
    expect(await auditCount(t, personId, 'wellbeing.record')).toBe(before + 1);
  });

  it('keeps ONS4 items unsummed', async () => {
    const res = await t.gql(
      OQ.wellbeing,
      { input: input({ instrument: 'ONS4', responses: [4, 5, 6, 7] }) },
      a.worker.token,
    );
    expect(ok(res, 'recordWellbeing')).toMatchObject({
      responses: [4, 5, 6, 7],
      rawScore: null,
      metricScore: null,
    });
  });

  it.each([
    ['six SWEMWBS items', { responses: [3, 3, 3, 3, 3, 3] }, 'responses'],
    ['a SWEMWBS item of 6', { responses: [3, 3, 3, 3, 3, 3, 6] }, 'responses'],
    ['a SWEMWBS item of 0', { responses: [0, 3, 3, 3, 3, 3, 3] }, 'responses'],
    ['an ONS4 item of 11', { instrument: 'ONS4', responses: [11, 5, 5, 5] }, 'responses'],
    ['seven ONS4 items', { instrument: 'ONS4', responses: [5, 5, 5, 5, 5, 5, 5] }, 'responses'],
    ['takenOn tomorrow', { takenOn: londonDay(1) }, 'takenOn'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, over, field) => {
    const before = await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM wellbeing_assessments');
    const res = await t.gql(OQ.wellbeing, { input: input(over) }, a.worker.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe(field);
    expect((await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM wellbeing_assessments'))!.n).toBe(
      before!.n,
    );
  });

  it('refuses an assessment taken before the person was born, and takes one on the birthday', async () => {
    const born = await registerPerson(t, a.worker.token, 'Nia', { dateOfBirth: '2001-06-15' });
    const early = input({ personId: born, takenOn: '2001-06-14' });
    const res = await t.gql(OQ.wellbeing, { input: early }, a.worker.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe('takenOn');
    expect(await rowsOf(t, 'wellbeing_assessments', born)).toBe(0);
    const onTheDay = { ...early, takenOn: '2001-06-15' };
    ok(await t.gql(OQ.wellbeing, { input: onTheDay }, a.worker.token), 'recordWellbeing');
    expect(await rowsOf(t, 'wellbeing_assessments', born)).toBe(1);
  });

  it('refuses a service of another organisation with FORBIDDEN, before visibility and input rules', async () => {
    const res = await t.gql(
      OQ.wellbeing,
      { input: input({ serviceId: b.service, responses: [9] }) },
      a.worker.token,
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
    const unknown = await t.gql(OQ.wellbeing, { input: input({ serviceId: 'not-a-uuid' }) }, a.worker.token);
    expect(errorCode(unknown)).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for a person the organisation cannot see (before input rules), and audits the refusal', async () => {
    const before = await auditCount(t, personId, 'wellbeing.record', 'DENIED');
    const res = await t.gql(
      OQ.wellbeing,
      { input: input({ serviceId: b.service, responses: [1] }) },
      b.worker.token,
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(await auditCount(t, personId, 'wellbeing.record', 'DENIED')).toBe(before + 1);
    const malformed = await t.gql(
      OQ.wellbeing,
      { input: input({ personId: 'nope', serviceId: b.service }) },
      b.worker.token,
    );
    expect(errorCode(malformed)).toBe('NOT_FOUND');
  });

  it.each([Role.COMMISSIONER, Role.ADMIN])('refuses %s with FORBIDDEN', async (role) => {
    const staff = await t.fixtures.staff(a.id, role);
    expect(errorCode(await t.gql(OQ.wellbeing, { input: input() }, staff.token))).toBe('FORBIDDEN');
  });

  it('lets a service manager record for their own organisation', async () => {
    const res = await t.gql(OQ.wellbeing, { input: input() }, a.manager.token);
    expect(ok(res, 'recordWellbeing').rawScore).toBe(21);
  });

  it('refuses without a token', async () => {
    expect(errorCode(await t.gql(OQ.wellbeing, { input: input() }))).toBe('UNAUTHENTICATED');
  });
});
