import { Role } from '#libs/common';
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
  transition,
} from '../outcomes/support.js';

const JOURNEY = `query($personId: ID!) { journey(personId: $personId) {
  person { id givenName }
  hiddenEntries
  categories
  entries {
    at kind summary
    service { id name sensitive organisation { id } }
    organisation { id name }
    referral { id status note fromService { id } toService { id } history { from to note by { id } } }
    outcome { id type service { id } recordedBy { id } referral { id } }
    assessment { id instrument rawScore service { id } recordedBy { id } }
  } } }`;

describe('journey(personId)', () => {
  let t: TestApp;
  /** A registers the person and refers to B; B refers on to C; C refers to the sensitive service S. */
  let a: Org;
  let b: Org;
  let c: Org;
  let s: Org;
  let outsider: Org;
  let personId: string;
  let aToB: string;
  let bToC: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeOrg(t, {
      name: 'Hilltop Trust',
      serviceName: 'Family Support',
      site: "Hilltop Children's Centre",
    });
    b = await makeOrg(t, { name: 'Enterprise Centre', serviceName: 'ESOL Entry 2', category: 'ESOL' });
    c = await makeOrg(t, {
      name: 'Social Prescribing',
      serviceName: 'Link Workers',
      category: 'SOCIAL_PRESCRIBING',
    });
    s = await makeOrg(t, {
      name: 'Safe Harbour',
      serviceName: 'Domestic Abuse Support',
      category: 'ADVICE',
      sensitive: true,
    });
    outsider = await makeOrg(t);
    personId = await registerPerson(t, a.worker.token);
    await recordConsent(t, a.worker.token, personId, 'REFERRAL_SHARING');
    aToB = await refer(t, a, b, personId, { note: 'A to B note' });
    await transition(t, b.worker.token, aToB, 'ACCEPTED', 1);
    bToC = await refer(t, b, c, personId, { note: 'B to C note', needs: ['MENTAL_WELLBEING'] });
    await transition(t, c.worker.token, bToC, 'ACCEPTED', 1);
    ok(
      await t.gql(
        OQ.wellbeing,
        {
          input: {
            personId,
            serviceId: c.service,
            instrument: 'SWEMWBS',
            responses: [3, 3, 3, 3, 3, 3, 3],
            takenOn: londonDay(0),
          },
        },
        c.worker.token,
      ),
      'recordWellbeing',
    );
    const cToS = await refer(t, c, s, personId, { needs: ['OTHER'] });
    await transition(t, s.worker.token, cToS, 'ACCEPTED', 1);
  });
  afterAll(async () => {
    await t.close();
  });

  const read = (token: string) => t.gql(JOURNEY, { personId }, token);

  it("shows A its own entries and the referral it is party to; counts B and C's other entries; never the sensitive ones", async () => {
    const j = ok(await read(a.worker.token), 'journey');
    expect(j.person).toEqual({ id: personId, givenName: 'Amina' });
    expect(j.entries.map((e: any) => e.kind)).toEqual([
      'REGISTERED',
      'CONSENT_GIVEN',
      'REFERRAL_MADE',
      'REFERRAL_STATUS_CHANGED',
    ]);
    // Hidden: B→C made + accepted, C's assessment. C→S made + accepted are sensitive: not counted.
    expect(j.hiddenEntries).toBe(3);
    expect(j.categories).toEqual(['ESOL']);
    const made = j.entries[2];
    expect(made.summary).toBe(
      "Referred from Family Support (Hilltop Children's Centre) to ESOL Entry 2 — needs: English language",
    );
    expect(made.organisation.id).toBe(a.id);
    expect(made.service.id).toBe(b.service);
    expect(made.referral).toMatchObject({ id: aToB, note: 'A to B note' });
    const accepted = j.entries[3];
    expect(accepted.organisation.id).toBe(b.id);
    expect(accepted.service.id).toBe(b.service);
    expect(j.entries[0]).toMatchObject({
      service: null,
      organisation: { id: a.id },
      summary: 'Registered by Hilltop Trust',
    });
    expect(j.entries[1].service).toBeNull();
  });

  it('shows everything while JOURNEY_SHARING covers the viewer, with notes of referrals it is not party to null; withdrawal hides them at once', async () => {
    const consentId = await recordConsent(t, a.worker.token, personId, 'JOURNEY_SHARING', [a.id]);
    const j = ok(await read(a.worker.token), 'journey');
    expect(j.hiddenEntries).toBe(0);
    expect(j.categories).toEqual(['ESOL', 'SOCIAL_PRESCRIBING', 'ADVICE']);
    const kinds = j.entries.map((e: any) => e.kind);
    expect(kinds.filter((k: string) => k === 'REFERRAL_MADE')).toHaveLength(3);
    expect(kinds).toContain('WELLBEING_ASSESSED');
    const bc = j.entries.find((e: any) => e.kind === 'REFERRAL_MADE' && e.referral.id === bToC);
    expect(bc.referral.note).toBeNull();
    expect(bc.referral.history.every((h: any) => h.note === null)).toBe(true);
    expect(bc.organisation.id).toBe(b.id);
    const assessed = j.entries.find((e: any) => e.kind === 'WELLBEING_ASSESSED');
    expect(assessed).toMatchObject({
      service: { id: c.service },
      organisation: { id: c.id },
      assessment: { rawScore: 21 },
    });
    // Oldest first.
    const times = j.entries.map((e: any) => Date.parse(e.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);

    ok(await t.gql(OQ.withdraw, { id: consentId }, a.worker.token), 'withdrawConsent');
    const after = ok(await read(a.worker.token), 'journey');
    expect(after.hiddenEntries).toBe(3);
    expect(after.categories).toEqual(['ESOL']);
    expect(after.entries.map((e: any) => e.kind)).toContain('CONSENT_WITHDRAWN');
  });

  it('ignores a JOURNEY_SHARING consent that covers other organisations only', async () => {
    await recordConsent(t, a.worker.token, personId, 'JOURNEY_SHARING', [b.id]);
    const j = ok(await read(a.worker.token), 'journey');
    expect(j.hiddenEntries).toBe(3);
    // B's consent entry is A's own (A recorded it), so it shows.
    expect(j.entries.filter((e: any) => e.kind === 'CONSENT_GIVEN')).toHaveLength(3);
  });

  it("shows C its own entries and counts A's and B's other entries", async () => {
    const j = ok(await read(c.worker.token), 'journey');
    expect(j.entries.some((e: any) => e.kind === 'REGISTERED')).toBe(false);
    expect(j.entries.filter((e: any) => e.kind === 'REFERRAL_MADE').map((e: any) => e.referral.id)).toContain(
      bToC,
    );
    expect(j.categories).toEqual(['SOCIAL_PRESCRIBING', 'ADVICE']);
    expect(j.hiddenEntries).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND to an organisation that cannot see the person, and audits the refusal', async () => {
    const before = await auditCount(t, personId, 'journey.read', 'DENIED');
    const res = await read(outsider.worker.token);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.data?.journey ?? null).toBeNull();
    expect(await auditCount(t, personId, 'journey.read', 'DENIED')).toBe(before + 1);
    expect(errorCode(await t.gql(JOURNEY, { personId: 'nope' }, a.worker.token))).toBe('NOT_FOUND');
  });

  it('refuses ADMIN and COMMISSIONER', async () => {
    for (const role of [Role.ADMIN, Role.COMMISSIONER]) {
      const staff = await t.fixtures.staff(a.id, role);
      expect(errorCode(await read(staff.token))).toBe('FORBIDDEN');
    }
  });

  it('reads the person by an id written in capitals as by the same id (a UUID is case-insensitive)', async () => {
    const upper = ok(await t.gql(JOURNEY, { personId: personId.toUpperCase() }, a.worker.token), 'journey');
    const lower = ok(await read(a.worker.token), 'journey');
    expect(upper.person).toEqual({ id: personId, givenName: lower.person.givenName });
    expect(upper.entries).toEqual(lower.entries);
  });

  it('audits each read', async () => {
    const before = await auditCount(t, personId, 'journey.read');
    ok(await read(b.worker.token), 'journey');
    expect(await auditCount(t, personId, 'journey.read')).toBe(before + 1);
  });

  it('leaves an ENTERED_IN_ERROR referral out for everyone but its creator, and out of the categories', async () => {
    expect(ok(await read(a.worker.token), 'journey').categories).toEqual(['ESOL']);
    const wrong = await refer(t, a, c, personId, { needs: ['EMPLOYMENT'] });
    await transition(t, a.worker.token, wrong, 'ENTERED_IN_ERROR', 1, 'DUPLICATE');
    const forC = ok(await read(c.worker.token), 'journey');
    expect(forC.entries.some((e: any) => e.referral?.id === wrong)).toBe(false);
    const forA = ok(await read(a.worker.token), 'journey');
    const mine = forA.entries.filter((e: any) => e.referral?.id === wrong).map((e: any) => e.kind);
    expect(mine).toEqual(['REFERRAL_MADE', 'REFERRAL_STATUS_CHANGED']);
    // The creator still sees the mistake, but the person was never referred to that thread.
    expect(forA.categories).toEqual(['ESOL']);
  });
});

describe('journey statement count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A person with a journey of about `n` entries across three organisations. */
  async function journeyOf(n: number, a: Org, b: Org, c: Org): Promise<string> {
    const personId = await registerPerson(t, a.worker.token);
    await recordConsent(t, a.worker.token, personId, 'REFERRAL_SHARING');
    await recordConsent(t, a.worker.token, personId, 'JOURNEY_SHARING');
    let entries = 3;
    const targets = [b, c];
    for (let i = 0; entries < n; i++) {
      const to = targets[i % 2];
      const id = await refer(t, a, to, personId, { note: `note ${i}` });
      await transition(t, to.worker.token, id, 'ACCEPTED', 1);
      await t.gql(
        OQ.outcome,
        {
          input: {
            personId,
            serviceId: to.service,
            referralId: id,
            type: 'OTHER',
            achievedOn: londonDay(0),
            contracted: i % 2 === 0,
          },
        },
        to.worker.token,
      );
      await t.gql(
        OQ.wellbeing,
        {
          input: {
            personId,
            serviceId: to.service,
            instrument: 'ONS4',
            responses: [5, 6, 7, 3],
            takenOn: londonDay(0),
          },
        },
        to.worker.token,
      );
      entries += 4;
    }
    return personId;
  }

  it('uses the same number of SQL statements for journeys of 5 and 60 entries', async () => {
    const a = await makeOrg(t);
    const b = await makeOrg(t, { category: 'ESOL' });
    const c = await makeOrg(t, { category: 'EMPLOYMENT_SUPPORT' });
    const short = await journeyOf(5, a, b, c);
    const long = await journeyOf(60, a, b, c);

    const count = async (personId: string) => {
      const before = t.db.counter.count;
      const j = ok(await t.gql(JOURNEY, { personId }, a.worker.token), 'journey');
      return { statements: t.db.counter.count - before, entries: j.entries.length };
    };
    const s = await count(short);
    const l = await count(long);
    expect(s.entries).toBeLessThanOrEqual(7);
    expect(l.entries).toBeGreaterThanOrEqual(60);
    expect(l.statements).toBe(s.statements);

    // Whatever relations are asked for, they are read by the journey's own statement.
    const statementsFor = async (entries: string) => {
      const before = t.db.counter.count;
      const doc = `query($personId: ID!) { journey(personId: $personId) { entries { ${entries} } } }`;
      const j = ok(await t.gql(doc, { personId: long }, a.worker.token), 'journey');
      return { statements: t.db.counter.count - before, entries: j.entries };
    };
    const bare = await statementsFor('kind summary');
    // The caller check, the journey and its audit event: one statement.
    expect(bare.statements).toBe(1);
    const services = await statementsFor('kind service { id name }');
    const viaFragment = await statementsFor('...on JourneyEntry { outcome { id } referral { id } }');
    expect(services.statements).toBe(bare.statements);
    expect(viaFragment.statements).toBe(bare.statements);
    const all = await statementsFor(
      'service { id } organisation { id } referral { id } outcome { id } assessment { id }',
    );
    expect(all.statements).toBe(bare.statements);
    // A relation of a relation goes through the request's loaders, which the journey primed with
    // what it read: the referral's service is read again only when the entries' services were not.
    const nested = await statementsFor('referral { id toService { id } }');
    expect(nested.statements).toBe(bare.statements + 1);
    const primed = await statementsFor('service { id } referral { id toService { id } }');
    expect(primed.statements).toBe(bare.statements);
    for (const e of primed.entries.filter((x: any) => x.referral))
      expect(e.referral.toService.id).toBe(e.service.id);
    expect(services.entries.filter((e: any) => e.kind === 'OUTCOME_RECORDED' && e.service.id)).toHaveLength(
      viaFragment.entries.filter((e: any) => e.outcome?.id).length,
    );
  });
});
