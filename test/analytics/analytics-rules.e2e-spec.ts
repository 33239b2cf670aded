import { Role } from '#libs/common';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import {
  insertAssessment,
  insertPerson,
  insertReferral,
  type HistoryStep,
  type ServiceInfo,
} from './support/analytics-data.js';
import { DIMENSIONS, FLOWS, FUNNEL, OUTCOMES, PATHWAYS, WELLBEING } from './support/queries.js';

const HOUR = 3_600_000;
const star = { value: null, suppressed: true, display: '*' };
const shown = (value: number) => ({ value, suppressed: false, display: String(value) });

describe('analytics rules (CONTRACT.md sections 3, 7, 8)', () => {
  let t: TestApp;
  let commissioner: string;
  let managerB: string;
  let orgA: string;
  let orgB: string;
  let esolPark: ServiceInfo;
  let digitalTown: ServiceInfo;
  let housing: ServiceInfo;
  let sport: ServiceInfo;
  let staffA: { id: string };
  let staffB: { id: string };
  const frontline: Record<string, string> = {};

  const person = (org = orgA) => insertPerson(t.db, org, staffA.id);
  const refer = (
    personId: string,
    to: ServiceInfo,
    over: Partial<{ from: ServiceInfo; createdAt: Date; history: HistoryStep[]; creator: string }> = {},
  ) =>
    insertReferral(t.db, {
      personId,
      from: over.from ?? null,
      to,
      creatorOrganisationId: over.creator ?? over.from?.organisationId ?? orgA,
      staffId: (over.creator ?? over.from?.organisationId ?? orgA) === orgA ? staffA.id : staffB.id,
      route: over.from ? 'STAFF' : 'GP',
      createdAt: over.createdAt ?? new Date('2026-01-10T10:00:00Z'),
      history: over.history ?? [],
    });
  const later = (h: number, base = '2026-01-10T10:00:00Z') => new Date(Date.parse(base) + h * HOUR);

  beforeAll(async () => {
    t = await startTestApp();
    orgA = await t.fixtures.organisation();
    orgB = await t.fixtures.organisation();
    staffA = await t.fixtures.staff(orgA, Role.KEY_WORKER);
    staffB = await t.fixtures.staff(orgB, Role.KEY_WORKER);
    commissioner = (await t.fixtures.staff(orgA, Role.COMMISSIONER)).token;
    managerB = (await t.fixtures.staff(orgB, Role.SERVICE_MANAGER)).token;
    for (const role of [Role.FAMILY_SUPPORT_WORKER, Role.KEY_WORKER, Role.LINK_WORKER]) {
      frontline[role] = (await t.fixtures.staff(orgA, role)).token;
    }
    const svc = async (organisationId: string, category: string, ward: string | null) => ({
      id: await t.fixtures.service(organisationId, { category, ward }),
      organisationId,
      category,
      ward,
    });
    esolPark = await svc(orgA, 'ESOL', 'Park');
    digitalTown = await svc(orgB, 'DIGITAL_SKILLS', 'Town');
    housing = await svc(orgA, 'HOUSING', 'Park');
    sport = await svc(orgA, 'SPORT_AND_ACTIVITY', null);

    // 8 people referred to ESOL from outside, each accepted and later cancelled: all 8 count as
    // accepted (from the history). 2 more were entered in error: they never count.
    for (let i = 0; i < 8; i++) {
      await refer(await person(), esolPark, {
        history: [
          { to: 'ACCEPTED', at: later(24 * (i < 5 ? 2 : 3)) },
          { to: 'CANCELLED', at: later(24 * 5) },
        ],
      });
    }
    for (let i = 0; i < 2; i++) {
      await refer(await person(), esolPark, {
        history: [{ to: 'ENTERED_IN_ERROR', at: later(1) }],
      });
    }
    // 7 people referred from ESOL (org A) to digital skills (org B): a count of 7 is suppressed.
    for (let i = 0; i < 7; i++) {
      await refer(await person(), digitalTown, { from: esolPark });
    }
    // One person referred 9 times to housing: 9 referrals, but 1 person behind them.
    const busy = await person();
    for (let i = 0; i < 9; i++) await refer(busy, housing);
    // 8 people referred to sport at 23:30 UTC on 31 March 2026 = 00:30 on 1 April in London (BST).
    for (let i = 0; i < 8; i++) {
      await refer(await person(), sport, { createdAt: new Date('2026-03-31T23:30:00Z') });
    }
  });
  afterAll(() => t.close());

  async function flows(filter: Record<string, unknown> | null = null, token = commissioner) {
    const res = await t.gql(FLOWS, { filter }, token);
    expect(res.errors).toBeUndefined();
    return res.data.referralFlows;
  }
  const cell = (report: any, from: string | null, to: string) =>
    report.cells.find((c: any) => c.fromCategory === from && c.toCategory === to);

  describe('who may ask', () => {
    const operations: [string, string, Record<string, unknown>][] = [
      ['referralFlows', FLOWS, {}],
      ['referralFunnel', FUNNEL, { by: 'ROUTE' }],
      ['pathways', PATHWAYS, {}],
      ['wellbeingChange', WELLBEING, { instrument: 'SWEMWBS' }],
      ['outcomeSummary', OUTCOMES, {}],
    ];

    it.each(operations)('%s: frontline roles are FORBIDDEN', async (_name, query, variables) => {
      for (const role of Object.keys(frontline)) {
        expect(errorCode(await t.gql(query, variables, frontline[role]))).toBe('FORBIDDEN');
      }
    });

    it.each(operations)('%s: without a token UNAUTHENTICATED', async (_name, query, variables) => {
      expect(errorCode(await t.gql(query, variables))).toBe('UNAUTHENTICATED');
    });

    it.each(operations)('%s: commissioner, admin and service manager may', async (_n, query, variables) => {
      const admin = (await t.fixtures.staff(orgB, Role.ADMIN)).token;
      for (const token of [commissioner, admin, managerB]) {
        expect((await t.gql(query, variables, token)).errors).toBeUndefined();
      }
    });
  });

  describe('counts', () => {
    it('accepted then cancelled counts as accepted; ENTERED_IN_ERROR never counts; 8 rounds to 10', async () => {
      const c = cell(await flows(), null, 'ESOL');
      expect(c.referred).toEqual(shown(10));
      expect(c.accepted).toEqual(shown(10));
      expect(c.completed).toEqual(shown(0));
      expect(c.medianDaysToAccept).toBe(2); // 5 accepted after 2 days, 3 after 3
    });

    it('a count of 7 is suppressed, and so is its median', async () => {
      const c = cell(await flows(), 'ESOL', 'DIGITAL_SKILLS');
      expect(c.referred).toEqual(star);
      expect(c.accepted).toEqual(shown(0));
      expect(c.medianDaysToAccept).toBeNull();
    });

    it('9 referrals of one person are suppressed (the people behind a count)', async () => {
      expect(cell(await flows(), null, 'HOUSING').referred).toEqual(star);
    });

    it('the total is rounded: 8 + 7 + 9 + 8 = 32 → 30', async () => {
      expect((await flows()).total).toEqual(shown(30));
    });

    it('funnel groups by route and category, with the same rules', async () => {
      const res = await t.gql(FUNNEL, { by: 'ROUTE' }, commissioner);
      const rows = Object.fromEntries(res.data.referralFunnel.map((r: any) => [r.group, r]));
      expect(rows.GP.referred).toEqual(shown(25)); // 8 + 9 + 8 = 25
      expect(rows.GP.accepted).toEqual(shown(10));
      expect(rows.GP.started).toEqual(shown(0));
      expect(rows.STAFF.referred).toEqual(star);
      const byCategory = await t.gql(FUNNEL, { by: 'CATEGORY' }, commissioner);
      expect(byCategory.data.referralFunnel.map((r: any) => r.group)).toEqual([
        'ESOL',
        'DIGITAL_SKILLS',
        'SPORT_AND_ACTIVITY',
        'HOUSING',
      ]);
    });

    it('age band at creation in London; correcting a date of birth moves the referrals at once', async () => {
      const bands = async () => {
        const res = await t.gql(FUNNEL, { by: 'AGE_BAND' }, commissioner);
        return Object.fromEntries(res.data.referralFunnel.map((r: any) => [r.group, r.referred.display]));
      };
      const sportPeople = `SELECT person_id FROM referrals WHERE to_service_id = $1`;
      // Created 00:30 on 1 April 2026 in London (still 31 March in UTC): born 1 April 2010 = 16 that day.
      await t.db.query(`UPDATE people SET date_of_birth = '2010-04-01' WHERE id IN (${sportPeople})`, [
        sport.id,
      ]);
      expect(await bands()).toMatchObject({ '16-24': '10' });
      await t.db.query(`UPDATE people SET date_of_birth = '2010-04-02' WHERE id IN (${sportPeople})`, [
        sport.id,
      ]);
      expect(await bands()).toMatchObject({ '0-15': '10' });
      await t.db.query(`UPDATE people SET date_of_birth = NULL WHERE id IN (${sportPeople})`, [sport.id]);
      expect(await bands()).not.toHaveProperty('0-15');
    });

    it('person groups with nothing recorded are "not recorded"; every dimension answers', async () => {
      for (const by of DIMENSIONS) {
        const res = await t.gql(FUNNEL, { by }, commissioner);
        expect(res.errors).toBeUndefined();
        if (!['ROUTE', 'CATEGORY'].includes(by)) {
          expect(res.data.referralFunnel.map((r: any) => r.group)).toEqual(['not recorded']);
        }
      }
    });
  });

  describe('filters', () => {
    it('months are whole London months: 23:30 UTC on 31 March (BST) is in April', async () => {
      expect(
        cell(await flows({ from: '2026-04-20', to: '2026-04-02' }), null, 'SPORT_AND_ACTIVITY').referred,
      ).toEqual(shown(10));
      expect(
        cell(await flows({ from: '2026-03-01', to: '2026-03-31' }), null, 'SPORT_AND_ACTIVITY'),
      ).toBeUndefined();
      expect((await flows({ from: '2026-02-01', to: '2026-03-31' })).total).toEqual(shown(0));
      expect((await flows({ from: '2026-04-30' })).total).toEqual(shown(10));
    });

    it('ward, organisation and category filters apply to the receiving service', async () => {
      const park = await flows({ wards: ['Park'] });
      expect(park.cells.map((c: any) => c.toCategory).sort()).toEqual(['ESOL', 'HOUSING']);
      const b = await flows({ organisationIds: [orgB] });
      expect(b.cells.map((c: any) => c.toCategory)).toEqual(['DIGITAL_SKILLS']);
      const esol = await flows({ categories: ['ESOL'] });
      expect(esol.total).toEqual(shown(10));
    });

    it('ids in a filter never raise NOT_FOUND: unknown or malformed ones match nothing', async () => {
      const r = await flows({ organisationIds: ['not-a-uuid', '00000000-0000-4000-8000-000000000000'] });
      expect(r).toEqual({ cells: [], total: shown(0) });
    });

    it('an empty list matches nothing; an omitted one everything', async () => {
      expect((await flows({ categories: [] })).total).toEqual(shown(0));
      expect((await flows({ categories: null })).total).toEqual(shown(30));
    });

    it('a "from" month after the "to" month is BAD_USER_INPUT on filter.to', async () => {
      const res = await t.gql(FLOWS, { filter: { from: '2026-05-01', to: '2026-04-30' } }, commissioner);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('filter.to');
    });

    it('a date in year 0 (there is none) is BAD_USER_INPUT on filter.from, not a database error', async () => {
      const res = await t.gql(FLOWS, { filter: { from: '0000-01-01' } }, commissioner);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('filter.from');
      const early = await t.gql(FLOWS, { filter: { from: '0001-01-01' } }, commissioner);
      expect(early.errors).toBeUndefined();
    });

    it('a blank ward is BAD_USER_INPUT on filter.wards', async () => {
      const res = await t.gql(FLOWS, { filter: { wards: ['  '] } }, commissioner);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('filter.wards');
    });
  });

  describe('scope', () => {
    it('a service manager sees only referrals its organisation made or received', async () => {
      const r = await flows(null, managerB);
      expect(r.cells.map((c: any) => [c.fromCategory, c.toCategory])).toEqual([['ESOL', 'DIGITAL_SKILLS']]);
      // A referral org B made to org A's sport service counts for B too.
      const p = await person(orgB);
      for (let i = 0; i < 8; i++) await refer(i === 0 ? p : await person(orgB), esolPark, { creator: orgB });
      const after = await flows(null, managerB);
      expect(cell(after, null, 'ESOL').referred).toEqual(shown(10));
    });
  });

  describe('pathways', () => {
    it('leaves out suppressed rows; limit must be 1 to 50', async () => {
      const res = await t.gql(PATHWAYS, { limit: 50 }, commissioner);
      expect(res.errors).toBeUndefined();
      for (const row of res.data.pathways) expect(row.people.suppressed).toBe(false);
      // ESOL alone (8 people + 8 more from the scope test, 16 → 15) and SPORT alone (8 → 10) are
      // shown; ESOL→DIGITAL_SKILLS (7 people) and HOUSING (1 person) are left out.
      expect(res.data.pathways).toEqual([
        { steps: ['ESOL'], people: shown(15) },
        { steps: ['SPORT_AND_ACTIVITY'], people: shown(10) },
      ]);
      // (the 7 people referred to DIGITAL_SKILLS and the 1 person referred to HOUSING are left out)
      // Marking referrals ENTERED_IN_ERROR later takes them out of the pathways at once.
      const advice = {
        id: await t.fixtures.service(orgB, { category: 'ADVICE' }),
        organisationId: orgB,
        category: 'ADVICE',
        ward: null,
      };
      const extra: string[] = [];
      for (let i = 0; i < 9; i++) {
        const p = await person();
        extra.push(await refer(p, advice, { creator: orgB }));
      }
      const withAdvice = await t.gql(PATHWAYS, { limit: 50 }, commissioner);
      expect(withAdvice.data.pathways).toContainEqual({ steps: ['ADVICE'], people: shown(10) });
      await t.db.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE id = ANY($1::uuid[])`, [
        extra.slice(0, 2),
      ]);
      const corrected = await t.gql(PATHWAYS, { limit: 50 }, commissioner);
      expect(corrected.data.pathways.map((r: any) => r.steps)).not.toContainEqual(['ADVICE']);
      const filtered = await t.gql(PATHWAYS, { limit: 50, filter: { categories: ['ADVICE'] } }, commissioner);
      expect(filtered.data.pathways).toEqual([]);

      const one = await t.gql(PATHWAYS, { limit: 1 }, commissioner);
      expect(one.data.pathways).toHaveLength(1);
      for (const limit of [0, 51, -1]) {
        const bad = await t.gql(PATHWAYS, { limit }, commissioner);
        expect(errorCode(bad)).toBe('BAD_USER_INPUT');
        expect(bad.errors![0].extensions.field).toBe('limit');
      }
    });
  });

  describe('wellbeingChange', () => {
    it('pairs the first recorded on the earliest date with the last recorded on the latest', async () => {
      const take = (personId: string, lifeSatisfaction: number, takenOn: string) =>
        insertAssessment(t.db, {
          personId,
          service: sport,
          staffId: staffA.id,
          instrument: 'ONS4',
          responses: [lifeSatisfaction, 5, 5, 5],
          takenOn,
        });
      for (let i = 0; i < 10; i++) {
        const p = await person();
        await take(p, 2, '2026-01-05'); // baseline: first recorded on the earliest date
        await take(p, 9, '2026-01-05');
        await take(p, 3, '2026-02-05');
        await take(p, 8, '2026-02-05'); // follow-up: last recorded on the latest date
      }
      // Unpaired: everything on one date.
      const alone = await person();
      await take(alone, 0, '2026-01-05');
      await take(alone, 10, '2026-01-05');

      const res = await t.gql(WELLBEING, { instrument: 'ONS4' }, commissioner);
      expect(res.errors).toBeUndefined();
      const w = res.data.wellbeingChange;
      expect(w.pairedPeople).toEqual(shown(10));
      expect(w.items[0]).toEqual({
        item: 'lifeSatisfaction',
        meanBaseline: 2,
        meanFollowUp: 8,
        meanChange: 6,
      });
      expect(w.items.map((i: any) => i.item)).toEqual([
        'lifeSatisfaction',
        'worthwhile',
        'happiness',
        'anxiety',
      ]);
      expect(w.improvedMeaningfully).toEqual(shown(10));
      expect(w.warning).toMatch(/30/);

      // Filtered to January only: nobody has a later follow-up.
      const jan = await t.gql(WELLBEING, { instrument: 'ONS4', filter: { to: '2026-01-31' } }, commissioner);
      expect(jan.data.wellbeingChange.pairedPeople).toEqual(shown(0));
      expect(jan.data.wellbeingChange.items[0].meanBaseline).toBeNull();

      const sw = await t.gql(WELLBEING, { instrument: 'SWEMWBS' }, commissioner);
      expect(sw.data.wellbeingChange.items.map((i: any) => i.item)).toEqual(['metric']);
      expect(sw.data.wellbeingChange.pairedPeople).toEqual(shown(0));
    });
  });
});

describe('disclosure settings come from the configuration', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('DISCLOSURE_THRESHOLD=2 and DISCLOSURE_ROUNDING=1 show a count of 3 as it is', async () => {
    t = await startTestApp({ DISCLOSURE_THRESHOLD: '2', DISCLOSURE_ROUNDING: '1' });
    const org = await t.fixtures.organisation();
    const staff = await t.fixtures.staff(org, Role.KEY_WORKER);
    const commissioner = (await t.fixtures.staff(org, Role.COMMISSIONER)).token;
    const to = {
      id: await t.fixtures.service(org, { category: 'ESOL' }),
      organisationId: org,
      category: 'ESOL',
      ward: null,
    };
    for (let i = 0; i < 3; i++) {
      await insertReferral(t.db, {
        personId: await insertPerson(t.db, org, staff.id),
        from: null,
        to,
        creatorOrganisationId: org,
        staffId: staff.id,
        route: 'SELF',
        createdAt: new Date(),
        history: [],
      });
    }
    const res = await t.gql(FLOWS, {}, commissioner);
    expect(res.data.referralFlows.total).toEqual(shown(3));
  });
});
