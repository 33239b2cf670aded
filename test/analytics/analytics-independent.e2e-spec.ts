import { Role } from '#libs/common';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  insertAssessment,
  insertOutcome,
  insertPerson,
  insertReferral,
  prng,
  type HistoryStep,
  type ServiceInfo,
  SEED,
} from './support/analytics-data.js';
import { type Filter, Naive, readRaw } from './support/naive.js';
import { DIMENSIONS, FLOWS, FUNNEL, OUTCOMES, PATHWAYS, WELLBEING } from './support/queries.js';

/*
 * Independent check: a random partnership is written (seeded PRNG; set ANALYTICS_SEED to replay a
 * failure — the seed is in every test's name), every figure is computed again naively in plain
 * TypeScript over the raw rows (stages from the referral history), and the API must return exactly
 * those figures after disclosure control.
 */

const CATEGORIES = ['FAMILY_SUPPORT', 'ESOL', 'DIGITAL_SKILLS', 'SOCIAL_PRESCRIBING', 'EMPLOYMENT_SUPPORT'];
const WARDS = ['Park', 'Town', 'Warley', null];
const ROUTES = ['SELF', 'GP', 'HEALTH_VISITOR', 'SCHOOL', 'JOBCENTRE', 'COUNCIL', 'OTHER'];
const OUTCOME_TYPES = [
  'STARTED_VOLUNTEERING',
  'VOLUNTEERING_HOURS',
  'ESOL_LEVEL_ACHIEVED',
  'ENTERED_EMPLOYMENT',
];
const DAY = 86_400_000;

describe(`analytics agree with a naive recomputation (seed ${SEED})`, () => {
  let t: TestApp;
  let naive: Naive;
  let commissioner: string;
  let admin: string;
  let managerA: string;
  let orgs: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const rnd = prng(SEED);
    orgs = [
      await t.fixtures.organisation(),
      await t.fixtures.organisation(),
      await t.fixtures.organisation(),
    ];
    const staff = await Promise.all(orgs.map((o) => t.fixtures.staff(o, Role.KEY_WORKER)));
    commissioner = (await t.fixtures.staff(orgs[2], Role.COMMISSIONER)).token;
    admin = (await t.fixtures.staff(orgs[2], Role.ADMIN)).token;
    managerA = (await t.fixtures.staff(orgs[0], Role.SERVICE_MANAGER)).token;

    const services: ServiceInfo[] = [];
    for (let i = 0; i < 9; i++) {
      const organisationId = orgs[i % 3];
      const category = CATEGORIES[i % CATEGORIES.length];
      const ward = WARDS[i % WARDS.length];
      const id = await t.fixtures.service(organisationId, { category, ward });
      services.push({ id, organisationId, category, ward });
    }
    const people: string[] = [];
    for (let i = 0; i < 110; i++) {
      const year = rnd.int(1950, 2018);
      people.push(
        await insertPerson(t.db, orgs[i % 3], staff[i % 3].id, {
          dateOfBirth: rnd.chance(0.1)
            ? null
            : rnd.chance(0.05)
              ? `${rnd.pick([2000, 2004, 2008])}-02-29`
              : `${year}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
          ward: rnd.pick(['Park', 'Town', ' Park ', '', null, 'Warley']),
          gender: rnd.pick(['Female', 'Male', ' Female', null, '']),
          ethnicity: rnd.pick(['A', 'B', 'H', null]),
          preferredLanguage: rnd.pick(['en', 'ur', 'pl', null]),
        }),
      );
    }
    // Referrals: some people get many (so distinct people and counts differ), instants anywhere in
    // the day (London month boundaries included).
    const start = Date.parse('2025-01-01T00:00:00Z');
    const span = Date.parse('2026-06-30T00:00:00Z') - start;
    const frequent = people.slice(0, 12);
    for (let i = 0; i < 650; i++) {
      const personId = rnd.chance(0.3) ? rnd.pick(frequent) : rnd.pick(people);
      const to = rnd.pick(services);
      const from = rnd.chance(0.5) ? rnd.pick(services) : null;
      const createdAt = rnd.chance(0.1)
        ? // just before or after a London midnight at a month's end
          new Date(
            Date.parse(`2025-${String(rnd.int(1, 12)).padStart(2, '0')}-01T00:00:00Z`) +
              rnd.int(-90, 90) * 60_000,
          )
        : new Date(start + Math.floor(rnd.next() * span));
      const history: HistoryStep[] = [];
      let at = createdAt.getTime();
      const step = (to: string) => {
        at += rnd.int(0, 12) * DAY + rnd.int(0, DAY / 1000) * 1000;
        history.push({ to, at: new Date(at) });
      };
      const fate = rnd.next();
      if (fate < 0.2) {
        // still waiting
      } else if (fate < 0.3) step('REJECTED');
      else if (fate < 0.35) step('CANCELLED');
      else {
        step('ACCEPTED');
        const next = rnd.next();
        if (next < 0.15) step('CANCELLED');
        else if (next < 0.25) {
          step('ON_HOLD');
          step('ACCEPTED');
          step('COMPLETED');
        } else if (next < 0.55) {
          step('IN_PROGRESS');
          if (rnd.chance(0.6)) step('COMPLETED');
          else if (rnd.chance(0.5)) step('FAILED');
        } else if (next < 0.7) step('COMPLETED');
      }
      if (rnd.chance(0.05)) step('ENTERED_IN_ERROR');
      const creatorOrganisationId = from ? from.organisationId : rnd.pick(orgs);
      await insertReferral(t.db, {
        personId,
        from,
        to,
        creatorOrganisationId,
        staffId: staff[orgs.indexOf(creatorOrganisationId)].id,
        route: from ? 'STAFF' : rnd.pick(ROUTES),
        createdAt,
        history,
      });
    }
    // Assessments: dates from a short list, so ties on a date happen often.
    const dates = ['2025-02-03', '2025-02-03', '2025-05-20', '2025-09-09', '2025-12-01', '2026-03-15'];
    for (const personId of people.slice(0, 90)) {
      for (const instrument of ['SWEMWBS', 'ONS4'] as const) {
        const n = rnd.int(0, 4);
        for (let k = 0; k < n; k++) {
          const service = rnd.pick(services);
          await insertAssessment(t.db, {
            personId,
            service,
            staffId: staff[orgs.indexOf(service.organisationId)].id,
            instrument,
            responses:
              instrument === 'SWEMWBS'
                ? Array.from({ length: 7 }, () => rnd.int(1, 5))
                : Array.from({ length: 4 }, () => rnd.int(0, 10)),
            takenOn: rnd.pick(dates),
          });
        }
      }
    }
    for (let i = 0; i < 260; i++) {
      const service = rnd.pick(services);
      await insertOutcome(t.db, {
        personId: rnd.chance(0.3) ? rnd.pick(frequent) : rnd.pick(people),
        service,
        staffId: staff[orgs.indexOf(service.organisationId)].id,
        type: rnd.pick(OUTCOME_TYPES),
        achievedOn: `2025-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
        contracted: rnd.chance(0.6),
      });
    }
    naive = new Naive(await readRaw(t.db));
  });
  afterAll(() => t.close());

  const filters = (): [string, Filter][] => [
    ['no filter', {}],
    ['months', { from: '2025-03-15', to: '2025-11-02' }],
    ['one month', { from: '2025-06-30', to: '2025-06-01' }],
    ['ward', { wards: ['Park'] }],
    ['categories', { categories: ['ESOL', 'DIGITAL_SKILLS'] }],
    ['organisation (and a malformed id)', { organisationIds: [orgs[1], 'not-a-uuid'] }],
    ['everything', { from: '2025-01-01', to: '2026-01-31', wards: ['Town', 'Park'], categories: CATEGORIES }],
  ];

  const sortBy = <T>(xs: T[], key: (x: T) => string) =>
    [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  async function ok(query: string, variables: Record<string, unknown>, token: string) {
    const res = await t.gql(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  const scopes = () =>
    [
      ['commissioner', commissioner, null],
      ['admin', admin, null],
      ['service manager', managerA, orgs[0]],
    ] as const;

  it('referralFlows', async () => {
    for (const [scopeName, token, scopeOrg] of scopes()) {
      for (const [name, filter] of filters()) {
        const { referralFlows } = await ok(FLOWS, { filter }, token);
        const expected = naive.flows(filter, scopeOrg);
        const key = (c: any) => `${c.fromCategory}>${c.toCategory}`;
        expect({ scopeName, name, ...referralFlows, cells: sortBy(referralFlows.cells, key) }).toEqual({
          scopeName,
          name,
          ...expected,
          cells: sortBy(expected.cells, key),
        });
      }
    }
  });

  it('referralFunnel, every dimension', async () => {
    for (const [scopeName, token, scopeOrg] of scopes()) {
      for (const [name, filter] of filters()) {
        for (const by of DIMENSIONS) {
          const { referralFunnel } = await ok(FUNNEL, { by, filter }, token);
          const expected = naive.funnel(by, filter, scopeOrg);
          expect({ scopeName, name, by, rows: sortBy(referralFunnel, (r: any) => r.group) }).toEqual({
            scopeName,
            name,
            by,
            rows: sortBy(expected, (r) => r.group),
          });
        }
      }
    }
  });

  it('pathways, in order', async () => {
    for (const [scopeName, token, scopeOrg] of scopes()) {
      for (const [name, filter] of filters()) {
        for (const limit of [50, 3]) {
          const { pathways } = await ok(PATHWAYS, { filter, limit }, token);
          expect({ scopeName, name, limit, pathways }).toEqual({
            scopeName,
            name,
            limit,
            pathways: naive.pathways(filter, limit, scopeOrg),
          });
        }
      }
    }
  });

  it('wellbeingChange, both instruments', async () => {
    for (const [scopeName, token, scopeOrg] of scopes()) {
      for (const [name, filter] of filters()) {
        for (const instrument of ['SWEMWBS', 'ONS4'] as const) {
          const { wellbeingChange } = await ok(WELLBEING, { instrument, filter }, token);
          const { warned, ...expected } = naive.wellbeing(instrument, filter, scopeOrg);
          const { warning, ...actual } = wellbeingChange;
          expect({ scopeName, name, ...actual, warned: warning !== null }).toEqual({
            scopeName,
            name,
            ...expected,
            warned,
          });
        }
      }
    }
  });

  it('outcomeSummary', async () => {
    for (const [scopeName, token, scopeOrg] of scopes()) {
      for (const [name, filter] of filters()) {
        const { outcomeSummary } = await ok(OUTCOMES, { filter }, token);
        expect({ scopeName, name, rows: outcomeSummary }).toEqual({
          scopeName,
          name,
          rows: naive.outcomes(filter, scopeOrg),
        });
      }
    }
  });

  it('the data set exercises suppression, rounding and the stage rules', () => {
    const all = naive.flows({});
    expect(all.cells.some((c) => c.referred.suppressed)).toBe(true);
    expect(all.cells.some((c) => !c.referred.suppressed && c.referred.value! > 0)).toBe(true);
    expect(all.total.value).toBeGreaterThan(0);
  });
});
