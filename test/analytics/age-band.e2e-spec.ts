import { Role } from '#libs/common';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { insertPerson, insertReferral, type ServiceInfo } from './support/analytics-data.js';

/*
 * The age band the database keeps on every referral (analytics_age_band, rewritten in migration
 * 0066 as one expression so PostgreSQL inlines it): the person's whole years on the London date the
 * referral was made, in the bands of the AGE_BAND funnel; NULL when the date of birth is missing or
 * after that date.
 */
describe('the age band of a referral', () => {
  let t: TestApp;
  let org: string;
  let staffId: string;
  let service: ServiceInfo;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.fixtures.organisation();
    staffId = (await t.fixtures.staff(org, Role.KEY_WORKER)).id;
    service = {
      id: await t.fixtures.service(org, { category: 'ESOL', ward: 'Park' }),
      organisationId: org,
      category: 'ESOL',
      ward: 'Park',
    };
  });
  afterAll(() => t.close());

  const band = async (dob: string | null, at: string) =>
    (
      await t.db.query<{ band: string | null }>(
        `SELECT analytics_age_band($1::date, $2::timestamptz) AS band`,
        [dob, at],
      )
    )[0].band;

  it.each([
    // [date of birth, referral made at, band]
    ['2010-05-20', '2026-05-19T12:00:00Z', '0-15'], // 15 the day before the 16th birthday
    ['2010-05-20', '2026-05-20T12:00:00Z', '16-24'], // 16 on the birthday
    ['2010-05-20', '2026-05-19T23:30:00Z', '16-24'], // 00:30 on the birthday in London (BST)
    ['2010-01-20', '2026-01-19T23:30:00Z', '0-15'], // 23:30 the day before in London (GMT)
    ['2002-03-01', '2027-02-28T12:00:00Z', '16-24'], // 24 the day before turning 25
    ['2002-03-01', '2027-03-01T00:00:00Z', '25-34'],
    ['1992-07-01', '2027-06-30T12:00:00Z', '25-34'],
    ['1992-07-01', '2027-07-01T12:00:00Z', '35-44'],
    ['1982-07-01', '2027-07-01T12:00:00Z', '45-54'],
    ['1972-07-01', '2027-07-01T12:00:00Z', '55-64'],
    ['1962-07-01', '2027-06-30T12:00:00Z', '55-64'],
    ['1962-07-01', '2027-07-01T12:00:00Z', '65+'],
    ['1920-01-01', '2026-01-01T12:00:00Z', '65+'],
    ['2004-02-29', '2020-02-28T12:00:00Z', '0-15'], // born on 29 February: 16 on 1 March
    ['2004-02-29', '2020-02-29T12:00:00Z', '16-24'],
    ['2026-01-01', '2026-01-01T12:00:00Z', '0-15'], // born that day
    ['2026-01-02', '2026-01-01T12:00:00Z', null], // born after it
    [null, '2026-01-01T12:00:00Z', null],
  ])('born %s, referred at %s: %s', async (dob, at, expected) => {
    expect(await band(dob, at)).toBe(expected);
  });

  it('is one expression PostgreSQL inlines into the query that calls it', async () => {
    const plan = await t.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (VERBOSE, COSTS OFF) SELECT analytics_age_band(date_of_birth, now()) FROM people`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('width_bucket');
    expect(text).not.toContain('analytics_age_band');
  });

  it('is set, with the person values, on every inserted referral', async () => {
    const person = await insertPerson(t.db, org, staffId, {
      dateOfBirth: '1990-06-15',
      ward: 'Park',
      gender: 'Woman',
      ethnicity: 'A',
      preferredLanguage: 'en',
    });
    const unknownAge = await insertPerson(t.db, org, staffId);
    const make = (personId: string, createdAt: string) =>
      insertReferral(t.db, {
        personId,
        to: service,
        creatorOrganisationId: org,
        staffId,
        from: null,
        route: 'SELF',
        createdAt: new Date(createdAt),
        history: [],
      });
    const ids = [
      await make(person, '2025-06-14T22:59:00Z'), // 23:59 on 14 June in London: still 34
      await make(person, '2025-06-14T23:00:00Z'), // midnight: 35
      await make(unknownAge, '2025-06-14T23:00:00Z'),
    ];
    const rows = await t.db.query(
      `SELECT age_band, person_ward, person_gender, person_ethnicity, person_language
         FROM referrals WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    );
    expect(rows).toEqual([
      {
        age_band: '25-34',
        person_ward: 'Park',
        person_gender: 'Woman',
        person_ethnicity: 'A',
        person_language: 'en',
      },
      {
        age_band: '35-44',
        person_ward: 'Park',
        person_gender: 'Woman',
        person_ethnicity: 'A',
        person_language: 'en',
      },
      {
        age_band: null,
        person_ward: null,
        person_gender: null,
        person_ethnicity: null,
        person_language: null,
      },
    ]);
  });
});
