import { Role } from '#libs/common';
import { WellbeingInstrument } from '#libs/outcomes';
import { NO_FILTER } from '../../libs/analytics/src/filter/analytics-filter.js';
import { wellbeingAggregate } from '../../libs/analytics/src/queries/wellbeing.query.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  insertAssessment,
  insertAssessments,
  insertPerson,
  keptAndRebuilt,
  prng,
  type ServiceInfo,
  SEED,
} from './support/analytics-data.js';

/*
 * The wellbeing pairs (migration 0065) are kept by the database in the same transaction as every
 * assessment. After single inserts, multi-row statements whose rows come in any order of date,
 * ties on a date, and concurrent writers, they must hold exactly what a rebuild from the
 * assessments holds; and the unfiltered report read from them must equal the same report paired
 * from the assessments themselves.
 */
const COLUMNS = `instrument, person_id, baseline_on::text, baseline_seq, baseline_values::text,
  follow_up_on::text, follow_up_seq, follow_up_values::text`;

describe(`the wellbeing pairs stay equal to a rebuild (seed ${SEED})`, () => {
  let t: TestApp;
  let services: ServiceInfo[];
  let people: string[];
  let staffId: string;
  const rnd = prng(SEED);

  beforeAll(async () => {
    t = await startTestApp();
    const org = await t.fixtures.organisation();
    staffId = (await t.fixtures.staff(org, Role.KEY_WORKER)).id;
    services = [];
    for (const ward of ['Park', 'Town'])
      services.push({
        id: await t.fixtures.service(org, { category: 'ESOL', ward }),
        organisationId: org,
        category: 'ESOL',
        ward,
      });
    people = [];
    for (let i = 0; i < 25; i++) people.push(await insertPerson(t.db, org, staffId));
  });
  afterAll(() => t.close());

  const responses = (instrument: 'SWEMWBS' | 'ONS4') =>
    Array.from({ length: instrument === 'SWEMWBS' ? 7 : 4 }, () =>
      instrument === 'SWEMWBS' ? rnd.int(1, 5) : rnd.int(0, 10),
    );
  const day = () => `2025-0${rnd.int(1, 9)}-1${rnd.int(0, 3)}`;
  const one = () => {
    const instrument = rnd.pick(['SWEMWBS', 'ONS4'] as const);
    return {
      personId: rnd.pick(people),
      service: rnd.pick(services),
      staffId,
      instrument,
      responses: responses(instrument),
      takenOn: day(),
    };
  };

  /** Rows of the pairs as kept, and as a rebuild makes them (rolled back). */
  const keptAndRebuiltPairs = () =>
    keptAndRebuilt(
      t.db,
      'SELECT analytics_rebuild_wellbeing_pairs()',
      `SELECT ${COLUMNS} FROM analytics_wellbeing_pairs ORDER BY instrument, person_id`,
    );

  it('after single inserts, in any order of date', async () => {
    for (let i = 0; i < 80; i++) await insertAssessment(t.db, one());
    const { kept, rebuilt } = await keptAndRebuiltPairs();
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(rebuilt);
  });

  it('after multi-row statements with several rows for one person, ties on a date included', async () => {
    for (let i = 0; i < 15; i++) {
      const person = rnd.pick(people);
      const rows = Array.from({ length: rnd.int(2, 6) }, () => ({ ...one(), personId: person }));
      // A tie: two rows of one instrument on one date (the order recorded decides).
      rows.push({ ...rows[0], responses: responses(rows[0].instrument) });
      await insertAssessments(t.db, rows);
    }
    const { kept, rebuilt } = await keptAndRebuiltPairs();
    expect(kept).toEqual(rebuilt);
  });

  it('after concurrent writers on the same people', async () => {
    const few = people.slice(0, 3);
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 10; i++)
          await insertAssessments(t.db, [{ ...one(), personId: rnd.pick(few) }, one()]);
      }),
    );
    const { kept, rebuilt } = await keptAndRebuiltPairs();
    expect(kept).toEqual(rebuilt);
  });

  it('the unfiltered report read from the pairs equals the report paired from the assessments', async () => {
    // A filter that selects every assessment but is not empty makes the report pair them itself.
    const everything = { ...NO_FILTER, fromDate: '1900-01-01' };
    const all = { organisationId: null };
    for (const instrument of [WellbeingInstrument.SWEMWBS, WellbeingInstrument.ONS4]) {
      const fromPairs = await wellbeingAggregate(t.db, instrument, NO_FILTER, all);
      const paired = await wellbeingAggregate(t.db, instrument, everything, all);
      expect(fromPairs.paired).toBeGreaterThan(3);
      expect(fromPairs).toEqual(paired);
    }
  });
});
