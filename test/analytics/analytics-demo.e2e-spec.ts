import { Role } from '#libs/common';
import { seedDemoRows } from '#libs/demo';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Filter, Naive, readRaw } from './support/naive.js';
import { DIMENSIONS, FLOWS, FUNNEL, OUTCOMES, PATHWAYS, WELLBEING } from './support/queries.js';

/*
 * Independent check on the demo generator's data (libs/demo, with full referral histories): every
 * figure recomputed naively in plain TypeScript over the raw rows must be exactly what the API
 * returns. The seed is in the test names; set ANALYTICS_DEMO_SEED to replay one.
 */
const SEED = Number(process.env.ANALYTICS_DEMO_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe(`analytics on a demo-generated partnership agree with a naive recomputation (seed ${SEED})`, () => {
  let t: TestApp;
  let naive: Naive;
  let commissioner: string;
  let manager: string;
  let managerOrg: string;
  let filters: [string, Filter][];

  beforeAll(async () => {
    t = await startTestApp();
    await t.db.transaction((tx) => seedDemoRows(tx, { seed: SEED, people: 300 }));
    const [org] = await t.db.query<{ id: string }>(
      `SELECT to_organisation_id AS id FROM referrals GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    managerOrg = org.id;
    commissioner = (await t.fixtures.staff(managerOrg, Role.COMMISSIONER)).token;
    manager = (await t.fixtures.staff(managerOrg, Role.SERVICE_MANAGER)).token;
    const [ward] = await t.db.query<{ ward: string }>(
      `SELECT to_ward AS ward FROM referrals WHERE to_ward IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const categories = await t.db.query<{ c: string }>(
      `SELECT to_category AS c FROM referrals GROUP BY 1 ORDER BY count(*) DESC LIMIT 2`,
    );
    const [month] = await t.db.query<{ m: string }>(
      `SELECT to_char(min(created_at) + (max(created_at) - min(created_at)) / 2, 'YYYY-MM-DD') AS m FROM referrals`,
    );
    filters = [
      ['no filter', {}],
      ['from the middle month', { from: month.m }],
      ['up to the middle month', { to: month.m }],
      ['busiest ward', { wards: [ward.ward] }],
      ['two categories', { categories: categories.map((c) => c.c) }],
      ['one organisation', { organisationIds: [managerOrg] }],
    ];
    naive = new Naive(await readRaw(t.db));
  });
  afterAll(() => t.close());

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
      ['service manager', manager, managerOrg],
    ] as const;

  it('every query, every filter, both scopes', async () => {
    for (const [scope, token, org] of scopes()) {
      for (const [name, filter] of filters) {
        const tag = { scope, name };
        const flows = (await ok(FLOWS, { filter }, token)).referralFlows;
        const expectedFlows = naive.flows(filter, org);
        const key = (c: any) => `${c.fromCategory}>${c.toCategory}`;
        expect({ ...tag, ...flows, cells: sortBy(flows.cells, key) }).toEqual({
          ...tag,
          ...expectedFlows,
          cells: sortBy(expectedFlows.cells, key),
        });
        for (const by of DIMENSIONS) {
          const rows = (await ok(FUNNEL, { by, filter }, token)).referralFunnel;
          expect({ ...tag, by, rows: sortBy(rows, (r: any) => r.group) }).toEqual({
            ...tag,
            by,
            rows: sortBy(naive.funnel(by, filter, org), (r) => r.group),
          });
        }
        const pathways = (await ok(PATHWAYS, { filter, limit: 50 }, token)).pathways;
        expect({ ...tag, pathways }).toEqual({ ...tag, pathways: naive.pathways(filter, 50, org) });
        for (const instrument of ['SWEMWBS', 'ONS4'] as const) {
          const { warning, ...actual } = (await ok(WELLBEING, { instrument, filter }, token)).wellbeingChange;
          const { warned, ...expected } = naive.wellbeing(instrument, filter, org);
          expect({ ...tag, ...actual, warned: warning !== null }).toEqual({ ...tag, ...expected, warned });
        }
        const outcomes = (await ok(OUTCOMES, { filter }, token)).outcomeSummary;
        expect({ ...tag, outcomes }).toEqual({ ...tag, outcomes: naive.outcomes(filter, org) });
      }
    }
  });
});
