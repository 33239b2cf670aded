import { Role } from '#libs/common';
import type { Queryable } from '#libs/database';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { insertPerson, insertReferral, prng, type ServiceInfo, SEED } from './support/analytics-data.js';
import { PATHWAYS } from './support/queries.js';

/*
 * person_ward_pathways (migration 0035) is kept by the database in the same transaction as every
 * referral write. After each kind of write its rows must equal a recomputation in plain TypeScript
 * from the referrals themselves, and `pathways` filtered by one ward (read from it) must equal the
 * same ward counted from the referrals (a `from` month long before any referral sends it there).
 * Disclosure control is off (threshold 0, rounding 1) so every count is compared exactly.
 */
const WARDS = ['Park', 'Town'];

interface Row {
  person: string;
  ward: string;
  steps: string[];
  firstAt: number[];
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: Row, b: Row) => byCode(`${a.person}|${a.ward}`, `${b.person}|${b.ward}`);

describe(`person_ward_pathways stays exact after every kind of referral write (seed ${SEED})`, () => {
  let t: TestApp;
  let commissioner: string;
  let org: string;
  let staffId: string;
  let services: ServiceInfo[];
  let people: string[];
  const rnd = prng(SEED);

  /** The rows recomputed from the referrals: per person and ward, categories by first referral. */
  async function recomputed(): Promise<Row[]> {
    const refs = await t.db.query<{
      person_id: string;
      to_ward: string | null;
      to_category: string;
      ms: string;
      status: string;
    }>(
      `SELECT person_id, to_ward, to_category, status, (extract(epoch FROM created_at) * 1000)::bigint AS ms
         FROM referrals`,
    );
    const firsts = new Map<string, Map<string, number>>();
    for (const r of refs) {
      if (r.status === 'ENTERED_IN_ERROR' || r.to_ward === null) continue;
      const key = `${r.person_id}|${r.to_ward}`;
      const cats = firsts.get(key) ?? new Map<string, number>();
      cats.set(r.to_category, Math.min(cats.get(r.to_category) ?? Infinity, Number(r.ms)));
      firsts.set(key, cats);
    }
    return [...firsts]
      .map(([key, cats]) => {
        const [person, ward] = key.split('|');
        const pairs = [...cats].sort((a, b) => a[1] - b[1] || byCode(a[0], b[0]));
        return { person, ward, steps: pairs.map((p) => p[0]), firstAt: pairs.map((p) => p[1]) };
      })
      .sort(byKey);
  }

  async function kept(db: Queryable = t.db): Promise<Row[]> {
    const rows = await db.query<{ person_id: string; ward: string; steps: string[]; first_ms: string[] }>(
      `SELECT person_id, ward, steps,
              ARRAY(SELECT (extract(epoch FROM u.t) * 1000)::bigint
                      FROM unnest(first_at) WITH ORDINALITY AS u (t, o) ORDER BY u.o) AS first_ms
         FROM person_ward_pathways`,
    );
    return rows
      .map((r) => ({ person: r.person_id, ward: r.ward, steps: r.steps, firstAt: r.first_ms.map(Number) }))
      .sort(byKey);
  }

  async function pathways(filter: Record<string, unknown>) {
    const res = await t.gql(PATHWAYS, { filter, limit: 50 }, commissioner);
    expect(res.errors).toBeUndefined();
    return res.data.pathways;
  }

  async function expectExact() {
    const expected = await recomputed();
    expect(await kept()).toEqual(expected);
    for (const ward of WARDS) {
      const fromSummary = await pathways({ wards: [ward] });
      expect(fromSummary).toEqual(await pathways({ wards: [ward], from: '2000-01-01' }));
      if (expected.some((r) => r.ward === ward)) expect(fromSummary.length).toBeGreaterThan(0);
      else expect(fromSummary).toEqual([]);
    }
    return expected;
  }

  /** One INSERT statement of several referrals (no history: these may be deleted); their ids in order. */
  async function insertMany(
    rows: { person: string; to: ServiceInfo; at: string; status?: string }[],
    db: Queryable = t.db,
  ): Promise<string[]> {
    const values = rows.map(
      (_, i) => `($${i * 4 + 1}::uuid, $${i * 4 + 2}::uuid, $${i * 4 + 3}, $${i * 4 + 4}::timestamptz)`,
    );
    const inserted = await db.query<{ id: string; to_service_id: string; ms: string }>(
      `INSERT INTO referrals (person_id, to_service_id, creator_organisation_id, to_organisation_id,
         created_by_staff_id, route, needs, status, to_category, to_ward, created_at, updated_at)
       SELECT v.person_id, s.id, s.organisation_id, s.organisation_id, $${rows.length * 4 + 1}::uuid, 'GP',
              ARRAY['OTHER'], v.status, s.category, s.ward, v.at, v.at
         FROM (VALUES ${values.join(', ')}) AS v (person_id, service_id, status, at)
         JOIN services s ON s.id = v.service_id
       RETURNING id, to_service_id, (extract(epoch FROM created_at) * 1000)::bigint AS ms`,
      [...rows.flatMap((r) => [r.person, r.to.id, r.status ?? 'REQUESTED', r.at]), staffId],
    );
    return rows.map(
      (r) => inserted.find((x) => x.to_service_id === r.to.id && Number(x.ms) === Date.parse(r.at))!.id,
    );
  }

  const update = (sql: string, params: unknown[]) => t.db.query(`UPDATE referrals SET ${sql}`, params);

  beforeAll(async () => {
    t = await startTestApp({ DISCLOSURE_THRESHOLD: '0', DISCLOSURE_ROUNDING: '1' });
    org = await t.fixtures.organisation();
    const staff = await t.fixtures.staff(org, Role.KEY_WORKER);
    staffId = staff.id;
    commissioner = (await t.fixtures.staff(org, Role.COMMISSIONER)).token;
    services = [];
    for (const [category, ward] of [
      ['ESOL', 'Park'],
      ['HOUSING', 'Park'],
      ['ADVICE', 'Park'],
      ['DIGITAL_SKILLS', 'Town'],
      ['ESOL', 'Town'],
      ['SPORT_AND_ACTIVITY', null],
    ] as const) {
      services.push({
        id: await t.fixtures.service(org, { category, ward }),
        organisationId: org,
        category,
        ward,
      });
    }
    people = [];
    for (let i = 0; i < 14; i++) people.push(await insertPerson(t.db, org, staffId));
  });
  afterAll(() => t.close());

  const [esolPark, housingPark, advicePark, digitalTown, esolTown, sportNoWard] = [0, 1, 2, 3, 4, 5].map(
    (i) => () => services[i],
  );

  it('inserts, one at a time and several in one statement', async () => {
    // Random single inserts (through the same helper as the other analytics specs); instants
    // repeat so ties on the instant are broken by category.
    const instants = [
      '2026-01-05T09:00:00Z',
      '2026-01-05T09:00:00Z',
      '2026-02-01T00:00:00Z',
      '2026-03-15T12:30:00Z',
    ];
    for (let i = 0; i < 40; i++) {
      await insertReferral(t.db, {
        personId: rnd.pick(people.slice(6, 13)), // people 0-5 and 13 are kept for the cases below
        from: null,
        to: rnd.pick(services),
        creatorOrganisationId: org,
        staffId,
        route: 'GP',
        createdAt: new Date(rnd.pick(instants)),
        history: rnd.chance(0.15) ? [{ to: 'ENTERED_IN_ERROR', at: new Date('2026-04-01T00:00:00Z') }] : [],
      });
    }
    await expectExact();
    // One statement: a person's earlier referral to a category they already have, a new category,
    // the same category twice, one entered in error, one to a service without a ward, and a
    // brand-new person in two wards.
    const p = people[0];
    await insertMany([
      { person: p, to: esolPark(), at: '2025-12-01T08:00:00Z' },
      { person: p, to: advicePark(), at: '2026-05-01T08:00:00Z' },
      { person: p, to: advicePark(), at: '2026-04-01T08:00:00Z' },
      { person: p, to: housingPark(), at: '2025-11-01T08:00:00Z', status: 'ENTERED_IN_ERROR' },
      { person: p, to: sportNoWard(), at: '2025-10-01T08:00:00Z' },
      { person: people[13], to: digitalTown(), at: '2026-01-01T08:00:00Z' },
      { person: people[13], to: esolPark(), at: '2026-01-02T08:00:00Z' },
      { person: people[13], to: esolTown(), at: '2026-01-01T08:00:00Z' },
    ]);
    const rows = await expectExact();
    expect(rows.find((r) => r.person === p && r.ward === 'Park')!.steps.slice(0, 1)).toEqual(['ESOL']);
    expect(rows.filter((r) => r.person === people[13]).map((r) => [r.ward, r.steps])).toEqual(
      expect.arrayContaining([
        ['Park', ['ESOL']],
        ['Town', ['DIGITAL_SKILLS', 'ESOL']],
      ]),
    );
  });

  it('status changes into and out of ENTERED_IN_ERROR, and corrections of person, ward, category and instant', async () => {
    const p = people[1];
    const q = people[2];
    const [first, only, later] = await insertMany([
      { person: p, to: esolPark(), at: '2025-06-01T08:00:00Z' },
      { person: p, to: housingPark(), at: '2025-06-02T08:00:00Z' },
      { person: p, to: esolPark(), at: '2025-07-01T08:00:00Z' },
    ]);
    await expectExact();
    // The earliest ESOL referral entered in error: ESOL's first instant moves to the later one.
    await update(`status = 'ENTERED_IN_ERROR' WHERE id = $1`, [first]);
    await expectExact();
    // The only HOUSING referral entered in error: HOUSING leaves the pathway.
    await update(`status = 'ENTERED_IN_ERROR' WHERE id = $1`, [only]);
    let rows = await expectExact();
    expect(rows.find((r) => r.person === p && r.ward === 'Park')!.steps).not.toContain('HOUSING');
    // Out of ENTERED_IN_ERROR again (not something the API does, but the table follows).
    await update(`status = 'REQUESTED' WHERE id = ANY($1::uuid[])`, [[first, only]]);
    await expectExact();
    // Other status changes leave the row alone (and it stays exact).
    await update(`status = 'ACCEPTED' WHERE id = $1`, [later]);
    await expectExact();
    // Ward, category, instant and person corrected, one at a time and several rows in one statement.
    await update(`to_ward = 'Town' WHERE id = $1`, [only]);
    await expectExact();
    await update(`to_ward = NULL WHERE id = $1`, [first]);
    await expectExact();
    await update(`to_category = 'ADVICE' WHERE id = $1`, [later]);
    await expectExact();
    await update(`created_at = '2024-01-01T00:00:00Z' WHERE id = $1`, [later]);
    await expectExact();
    await update(`person_id = $2 WHERE id = $1`, [only, q]);
    rows = await expectExact();
    expect(rows.some((r) => r.person === q && r.ward === 'Town')).toBe(true);
    await update(`person_id = $2, to_ward = 'Park' WHERE person_id = $1`, [p, q]);
    rows = await expectExact();
    expect(rows.some((r) => r.person === p)).toBe(false);
  });

  it('deletes', async () => {
    const p = people[3];
    const ids = await insertMany([
      { person: p, to: esolTown(), at: '2025-03-01T08:00:00Z' },
      { person: p, to: digitalTown(), at: '2025-03-02T08:00:00Z' },
      { person: people[4], to: advicePark(), at: '2025-03-03T08:00:00Z' },
    ]);
    await expectExact();
    await t.db.query(`DELETE FROM referrals WHERE id = $1`, [ids[0]]);
    await expectExact();
    await t.db.query(`DELETE FROM referrals WHERE id = ANY($1::uuid[])`, [ids.slice(1)]);
    await expectExact();
  });

  it('concurrent writers for one person: two inserts, and an insert during a rebuild', async () => {
    const p = people[5];
    const [toCorrect] = await insertMany([{ person: p, to: housingPark(), at: '2025-01-01T08:00:00Z' }]);
    // Each transaction waits until the other has written before committing.
    const both = async (a: (db: Queryable) => Promise<unknown>, b: (db: Queryable) => Promise<unknown>) => {
      let release!: () => void;
      const written = new Promise<void>((r) => (release = r));
      const first = t.db.transaction(async (tx) => {
        await a(tx);
        release();
        await new Promise((r) => setTimeout(r, 300)); // the other is now waiting on this row
      });
      await written;
      const second = t.db.transaction(async (tx) => {
        await b(tx);
      });
      await Promise.all([first, second]);
    };
    await both(
      (db) => insertMany([{ person: p, to: esolPark(), at: '2025-02-01T08:00:00Z' }], db),
      (db) => insertMany([{ person: p, to: advicePark(), at: '2025-01-15T08:00:00Z' }], db),
    );
    let rows = await expectExact();
    expect(rows.find((r) => r.person === p && r.ward === 'Park')!.steps).toEqual([
      'HOUSING',
      'ADVICE',
      'ESOL',
    ]);
    await both(
      (db) => db.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE id = $1`, [toCorrect]),
      (db) =>
        insertMany(
          [
            { person: p, to: esolTown(), at: '2025-01-20T08:00:00Z' },
            { person: p, to: housingPark(), at: '2025-03-01T08:00:00Z' },
          ],
          db,
        ),
    );
    rows = await expectExact();
    expect(rows.find((r) => r.person === p && r.ward === 'Park')!.steps).toEqual([
      'ADVICE',
      'ESOL',
      'HOUSING',
    ]);
    await both(
      (db) => insertMany([{ person: p, to: digitalTown(), at: '2025-01-10T08:00:00Z' }], db),
      (db) =>
        db.query(
          `UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE person_id = $1 AND to_category = 'ADVICE'`,
          [p],
        ),
    );
    await expectExact();
  });

  it("a rebuild from the referrals (as after the benchmark's bulk load) equals what the triggers keep", async () => {
    const before = await kept();
    expect(before.length).toBeGreaterThan(0);
    await t.db.query(`SELECT analytics_rebuild_all_ward_pathways()`);
    expect(await kept()).toEqual(before);
  });

  it('TRUNCATE of referrals empties it', async () => {
    expect((await kept()).length).toBeGreaterThan(0);
    await t.db.query(`TRUNCATE referrals CASCADE`);
    expect(await kept()).toEqual([]);
    await expectExact();
  });
});
