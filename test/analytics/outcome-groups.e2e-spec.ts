import { Role } from '#libs/common';
import { discloseCount } from '../../libs/analytics/src/disclosure/disclosure.js';
import { type AnalyticsFilter, NO_FILTER } from '../../libs/analytics/src/filter/analytics-filter.js';
import { recordedConditions, SqlParams } from '../../libs/analytics/src/filter/sql-conditions.js';
import { outcomeCounts } from '../../libs/analytics/src/queries/outcomes.query.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  insertOutcome,
  insertOutcomes,
  insertPerson,
  keptAndRebuilt,
  prng,
  type ServiceInfo,
  SEED,
} from './support/analytics-data.js';

/*
 * The outcome summary (migration 0074) is kept by the database in the same transaction as every
 * outcome. After single inserts, multi-row statements and concurrent writers it must hold exactly
 * what a rebuild from the outcomes holds; and outcomeSummary's counts read from it must equal the
 * counts taken from the outcomes themselves, with people exact wherever disclosure control could
 * turn on them.
 */
const TYPES = ['ENTERED_EMPLOYMENT', 'REDUCED_ISOLATION', 'ESOL_LEVEL_ACHIEVED', 'VOLUNTEERING_HOURS'];

/** The summary summed over its stripes: what readers see, whatever process wrote it. */
const SUMMED = `SELECT type, contracted, month::text, service_id, organisation_id,
         sum(outcomes)::int AS outcomes, bit_or(people_bits)::text AS bits
    FROM analytics_outcome_groups
   GROUP BY type, contracted, month, service_id, organisation_id
   ORDER BY type, contracted, month, service_id, organisation_id`;

describe(`the outcome summary stays equal to a rebuild (seed ${SEED})`, () => {
  let t: TestApp;
  let services: ServiceInfo[];
  let people: string[];
  let staff: Map<string, string>;
  const rnd = prng(SEED);

  beforeAll(async () => {
    t = await startTestApp();
    services = [];
    staff = new Map();
    people = [];
    for (const [name, wards] of [
      ['a', ['Park', 'Town']],
      ['b', ['Town']],
    ] as const) {
      const org = await t.fixtures.organisation();
      const staffId = (await t.fixtures.staff(org, Role.KEY_WORKER)).id;
      staff.set(org, staffId);
      for (const ward of wards)
        for (const category of name === 'a' ? ['ESOL', 'EMPLOYMENT_SUPPORT'] : ['VOLUNTEERING'])
          services.push({
            id: await t.fixtures.service(org, { category, ward }),
            organisationId: org,
            category,
            ward,
          });
      for (let i = 0; i < 20; i++) people.push(await insertPerson(t.db, org, staffId));
    }
  });
  afterAll(() => t.close());

  const one = () => {
    const service = rnd.pick(services);
    return {
      personId: rnd.pick(people),
      service,
      staffId: staff.get(service.organisationId) as string,
      type: rnd.pick(TYPES),
      // Month starts, middles and the last day every month has, in two years.
      achievedOn: `202${rnd.int(4, 5)}-0${rnd.int(1, 9)}-${rnd.pick(['01', '15', '28'])}`,
      contracted: rnd.int(0, 1) === 1,
    };
  };

  const keptAndRebuiltGroups = () =>
    keptAndRebuilt(t.db, 'SELECT analytics_rebuild_outcome_groups()', SUMMED);

  it('after single inserts', async () => {
    for (let i = 0; i < 60; i++) await insertOutcome(t.db, one());
    const { kept, rebuilt } = await keptAndRebuiltGroups();
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(rebuilt);
  });

  it('after multi-row statements, several rows of one group in one statement', async () => {
    for (let i = 0; i < 10; i++) {
      const first = one();
      await insertOutcomes(t.db, [first, { ...first, personId: rnd.pick(people) }, first, one(), one()]);
    }
    const { kept, rebuilt } = await keptAndRebuiltGroups();
    expect(kept).toEqual(rebuilt);
  });

  it('after concurrent writers on the same groups', async () => {
    const o = one();
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 10; i++) await insertOutcome(t.db, { ...o, personId: rnd.pick(people) });
      }),
    );
    const { kept, rebuilt } = await keptAndRebuiltGroups();
    expect(kept).toEqual(rebuilt);
  });

  /** The counts straight from the outcomes: what the summary replaced. */
  async function fromOutcomes(f: AnalyticsFilter, organisationId: string | null) {
    const p = new SqlParams();
    const where = recordedConditions(f, { organisationId }, p, 'achieved_on');
    return t.db.query<{ type: string; contracted: boolean; outcomes: number; people: number }>(
      `SELECT x.type, x.contracted, count(*)::int AS outcomes, count(DISTINCT x.person_id)::int AS people
         FROM outcomes x WHERE ${where} GROUP BY x.type, x.contracted`,
      p.values,
    );
  }

  it('gives the counts of the outcomes, and exact people wherever the threshold could apply', async () => {
    // Enough people in some groups for the bitmap to decide, few in others.
    for (let i = 0; i < 120; i++)
      await insertOutcome(t.db, { ...one(), type: 'REDUCED_ISOLATION', contracted: true });
    const [orgA, orgB] = [...staff.keys()];
    const filters: [string, AnalyticsFilter, string | null][] = [
      ['none', NO_FILTER, null],
      ['a service manager of A', NO_FILTER, orgA],
      ['months', { ...NO_FILTER, fromDate: '2024-03-01', toExclusive: '2025-02-01' }, null],
      ['a ward', { ...NO_FILTER, wards: ['Park'] }, null],
      [
        'a category and an organisation',
        { ...NO_FILTER, categories: ['VOLUNTEERING'], organisationIds: [orgB] },
        null,
      ],
      ['nothing matches', { ...NO_FILTER, wards: ['Nowhere'] }, orgA],
    ];
    let decidedByBits = 0;
    let countedExactly = 0;
    for (const threshold of [0, 3, 7, 20, 64, 100])
      for (const [what, f, org] of filters) {
        const got = await outcomeCounts(t.db, f, { organisationId: org }, threshold);
        const want = await fromOutcomes(f, org);
        const byKey = (r: { type: string; contracted: boolean }) => `${r.type}|${r.contracted}`;
        const sorted = <T extends { type: string; contracted: boolean }>(rows: T[]) =>
          [...rows].sort((a, b) => byKey(a).localeCompare(byKey(b)));
        // Every group of outcomes, with its exact count of outcomes.
        expect({ what, threshold, rows: sorted(got).map((r) => [byKey(r), r.outcomes]) }).toEqual({
          what,
          threshold,
          rows: sorted(want).map((r) => [byKey(r), r.outcomes]),
        });
        for (const w of want) {
          const g = got.find((r) => byKey(r) === byKey(w))!;
          if (g.people === w.people) countedExactly++;
          else decidedByBits++;
          // People are only a lower bound where that cannot change what disclosure control shows.
          const rules = { threshold, rounding: 5 };
          expect({
            what,
            threshold,
            key: byKey(w),
            shown: discloseCount(rules, g.outcomes, g.people),
          }).toEqual({
            what,
            threshold,
            key: byKey(w),
            shown: discloseCount(rules, w.outcomes, w.people),
          });
        }
      }
    expect(decidedByBits).toBeGreaterThan(0);
    expect(countedExactly).toBeGreaterThan(0);
  });
});
