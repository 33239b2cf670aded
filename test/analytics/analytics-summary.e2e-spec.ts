import { SummaryRepairService } from '#libs/analytics';
import { Role } from '#libs/common';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { insertPerson, insertReferral, prng, type ServiceInfo, SEED } from './support/analytics-data.js';

/*
 * The referral summary behind flows and funnels (migration 0060) is maintained by the database in
 * the same transaction as every write. After inserts, status changes, entries in error and back,
 * corrections of people's values and concurrent writers, it must hold exactly what a rebuild from
 * the referrals holds: the same counts per row (summed over stripes), and people bitmaps that never
 * claim a bit the rebuild does not (a bitmap is a lower bound on the people behind a row).
 */
const DAY = 86_400_000;

const GROUPS_KEY = 'dimension, month, to_service_id, creator_organisation_id, grp';
const DAYS_KEY = 'month, to_service_id, creator_organisation_id, from_category, days';

interface Difference {
  table: string;
  key: string;
  summary: string;
  rebuilt: string;
}

describe(`the referral summary stays equal to a rebuild (seed ${SEED})`, () => {
  let t: TestApp;
  let services: ServiceInfo[];
  let people: string[];
  let orgs: string[];
  let staff: { id: string }[];

  /**
   * Differences between the summary as maintained and as rebuilt now (rolled back afterwards).
   * `exactBits`: the trusted bitmaps must equal the rebuilt ones, not only lie within them.
   */
  async function differences(exactBits = false): Promise<Difference[]> {
    const found: Difference[] = [];
    const rollback = new Error('rollback');
    await t.db
      .transaction(async (tx) => {
        const stages = ['referred', 'accepted', 'started', 'completed'];
        const sums = stages
          .map(
            (s) =>
              `sum(${s})::int AS ${s}, CASE WHEN bool_and(bits_valid) THEN bit_or(${s}_bits) ELSE 0 END AS ${s}_bits`,
          )
          .join(', ');
        const snapshot = async (name: string) => {
          await tx.query(
            `CREATE TEMP TABLE ${name}_groups ON COMMIT DROP AS
               SELECT ${GROUPS_KEY}, ${sums} FROM analytics_referral_groups GROUP BY ${GROUPS_KEY}
               HAVING ${stages.map((s) => `sum(${s}) <> 0`).join(' OR ')}`,
          );
          await tx.query(
            `CREATE TEMP TABLE ${name}_days ON COMMIT DROP AS
               SELECT ${DAYS_KEY}, sum(accepted)::int AS accepted FROM analytics_flow_accept_days
                GROUP BY ${DAYS_KEY} HAVING sum(accepted) <> 0`,
          );
        };
        await snapshot('kept');
        await tx.query(`SELECT analytics_rebuild_referral_groups()`);
        await snapshot('rebuilt');
        const groups = await tx.query<{ key: string; summary: string; rebuilt: string }>(
          `SELECT concat_ws('|', ${GROUPS_KEY.split(', ').map((c) => `coalesce(k.${c}, r.${c})`)}) AS key,
                  row(${stages.map((s) => `k.${s}`)})::text AS summary, row(${stages.map((s) => `r.${s}`)})::text AS rebuilt
             FROM kept_groups k FULL JOIN rebuilt_groups r USING (${GROUPS_KEY})
            WHERE ${stages.map((s) => `k.${s} IS DISTINCT FROM r.${s}`).join(' OR ')}
               OR ${stages
                 .map((s) => (exactBits ? `k.${s}_bits <> r.${s}_bits` : `(k.${s}_bits & ~r.${s}_bits) <> 0`))
                 .join(' OR ')}`,
        );
        found.push(...groups.map((g) => ({ table: 'analytics_referral_groups', ...g })));
        const days = await tx.query<{ key: string; summary: string; rebuilt: string }>(
          `SELECT concat_ws('|', ${DAYS_KEY.split(', ').map((c) => `coalesce(k.${c}, r.${c})`)}) AS key,
                  k.accepted::text AS summary, r.accepted::text AS rebuilt
             FROM kept_days k FULL JOIN rebuilt_days r USING (${DAYS_KEY})
            WHERE k.accepted IS DISTINCT FROM r.accepted`,
        );
        found.push(...days.map((d) => ({ table: 'analytics_flow_accept_days', ...d })));
        throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
    return found;
  }

  async function rowsIn(table: string): Promise<number> {
    const [r] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return r.n;
  }

  beforeAll(async () => {
    t = await startTestApp();
    orgs = [await t.fixtures.organisation(), await t.fixtures.organisation()];
    staff = await Promise.all(orgs.map((o) => t.fixtures.staff(o, Role.KEY_WORKER)));
    services = [];
    const categories = ['FAMILY_SUPPORT', 'ESOL', 'EMPLOYMENT_SUPPORT'];
    for (let i = 0; i < 4; i++) {
      const organisationId = orgs[i % 2];
      const category = categories[i % 3];
      const ward = i === 3 ? null : ['Park', 'Town'][i % 2];
      services.push({
        id: await t.fixtures.service(organisationId, { category, ward }),
        organisationId,
        category,
        ward,
      });
    }
    const rnd = prng(SEED);
    people = [];
    for (let i = 0; i < 30; i++) {
      people.push(
        await insertPerson(t.db, orgs[i % 2], staff[i % 2].id, {
          dateOfBirth: rnd.chance(0.2) ? null : `${rnd.int(1950, 2015)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
          ward: rnd.pick(['Park', ' Town', null, '']),
          gender: rnd.pick(['Female', 'Male', null]),
          ethnicity: rnd.pick(['A', 'B', null]),
          preferredLanguage: rnd.pick(['en', 'ur', null]),
        }),
      );
    }
    for (let i = 0; i < 200; i++) {
      const from = rnd.chance(0.5) ? rnd.pick(services) : null;
      const creatorOrganisationId = from ? from.organisationId : rnd.pick(orgs);
      const createdAt = new Date(
        Date.parse('2025-01-01T00:00:00Z') + rnd.int(0, 500) * DAY + rnd.int(0, DAY),
      );
      const history = rnd.chance(0.5)
        ? [{ to: 'ACCEPTED', at: new Date(createdAt.getTime() + rnd.int(0, 20) * DAY) }]
        : [];
      await insertReferral(t.db, {
        personId: rnd.pick(people),
        from,
        to: rnd.pick(services),
        creatorOrganisationId,
        staffId: staff[orgs.indexOf(creatorOrganisationId)].id,
        route: from ? 'STAFF' : rnd.pick(['SELF', 'GP', 'SCHOOL']),
        createdAt,
        history: rnd.chance(0.05) ? [...history, { to: 'ENTERED_IN_ERROR', at: new Date() }] : history,
      });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('matches after the inserts', async () => {
    expect(await rowsIn('analytics_referral_groups')).toBeGreaterThan(0);
    expect(await rowsIn('analytics_flow_accept_days')).toBeGreaterThan(0);
    expect(await differences()).toEqual([]);
  });

  it('matches after stage changes, entries in error and back, one row and many at a time', async () => {
    const ids = (await t.db.query<{ id: string }>(`SELECT id FROM referrals ORDER BY id`)).map((r) => r.id);
    const some = (share: number) => ids.filter((_, i) => (i * 7919 + SEED) % 100 < share * 100);
    await t.db.query(
      `UPDATE referrals SET status = 'ACCEPTED', accepted_at = created_at + interval '3 days 5 hours'
        WHERE accepted_at IS NULL AND status = 'REQUESTED' AND id = ANY($1::uuid[])`,
      [some(0.3)],
    );
    await t.db.query(
      `UPDATE referrals SET status = 'IN_PROGRESS', started_at = accepted_at + interval '1 day'
        WHERE accepted_at IS NOT NULL AND started_at IS NULL AND id = ANY($1::uuid[])`,
      [some(0.4)],
    );
    await t.db.query(
      `UPDATE referrals SET status = 'COMPLETED', completed_at = started_at + interval '20 days'
        WHERE started_at IS NOT NULL AND completed_at IS NULL AND id = ANY($1::uuid[])`,
      [some(0.5)],
    );
    for (const id of some(0.1).slice(0, 8)) {
      await t.db.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE id = $1`, [id]);
    }
    await t.db.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE id = ANY($1::uuid[])`, [
      some(0.08),
    ]);
    // Back out of error (a repair by hand): the referral counts again.
    await t.db.query(
      `UPDATE referrals SET status = 'REQUESTED' WHERE status = 'ENTERED_IN_ERROR' AND id = ANY($1::uuid[])`,
      [some(0.05)],
    );
    // A stage taken away (a repair by hand): the row's bitmaps are cleared, counts follow.
    await t.db.query(
      `UPDATE referrals SET accepted_at = NULL, started_at = NULL, completed_at = NULL WHERE id = $1`,
      [ids[0]],
    );
    // Columns the summary does not watch change nothing.
    await t.db.query(`UPDATE referrals SET note = 'seen', updated_at = clock_timestamp()`);
    expect(await differences()).toEqual([]);
  });

  it('matches after people are corrected (ward, gender, ethnicity, language, date of birth)', async () => {
    await t.db.query(`UPDATE people SET ward = 'Warley' WHERE id = ANY($1::uuid[])`, [people.slice(0, 5)]);
    await t.db.query(`UPDATE people SET gender = NULL, ethnicity = 'H' WHERE id = $1`, [people[6]]);
    await t.db.query(`UPDATE people SET preferred_language = 'pl' WHERE id = ANY($1::uuid[])`, [
      people.slice(7, 12),
    ]);
    await t.db.query(`UPDATE people SET date_of_birth = '2012-06-30' WHERE id = ANY($1::uuid[])`, [
      people.slice(3, 9),
    ]);
    await t.db.query(`UPDATE people SET date_of_birth = NULL WHERE id = $1`, [people[10]]);
    expect(await differences()).toEqual([]);
  });

  it('matches after concurrent writers on the same rows', async () => {
    const to = services[0];
    const writes = Array.from({ length: 24 }, (_, i) =>
      t.db.transaction(async (tx) => {
        const [r] = await tx.query<{ id: string }>(
          `INSERT INTO referrals (person_id, to_service_id, creator_organisation_id, to_organisation_id,
             created_by_staff_id, route, needs, to_category, to_ward, created_at)
           VALUES ($1, $2, $3, $3, $4, 'SELF', ARRAY['OTHER'], $5, $6, '2026-03-10T12:00:00Z') RETURNING id`,
          [
            people[i % 4],
            to.id,
            to.organisationId,
            staff[orgs.indexOf(to.organisationId)].id,
            to.category,
            to.ward,
          ],
        );
        await tx.query(
          `UPDATE referrals SET status = 'ACCEPTED', accepted_at = created_at + interval '2 days' WHERE id = $1`,
          [r.id],
        );
        if (i % 3 === 0)
          await tx.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR' WHERE id = $1`, [r.id]);
      }),
    );
    await Promise.all(writes);
    const [{ stripes }] = await t.db.query<{ stripes: number }>(
      `SELECT count(DISTINCT stripe)::int AS stripes FROM analytics_referral_groups WHERE to_service_id = $1`,
      [to.id],
    );
    expect(stripes).toBeGreaterThan(1);
    expect(await differences()).toEqual([]);
  });

  it('the repair gives untrusted keys their exact bitmaps back, and changes no count', async () => {
    const untrusted = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(DISTINCT (${GROUPS_KEY}))::int AS n FROM analytics_referral_groups WHERE NOT bits_valid`,
        )
      )[0].n;
    const before = await untrusted();
    expect(before).toBeGreaterThan(0);
    const repair = t.app.get(SummaryRepairService);
    expect(await repair.repairOnce(3)).toBe(3);
    expect(await untrusted()).toBe(before - 3);
    expect(await repair.repairOnce(100_000)).toBe(before - 3);
    expect(await untrusted()).toBe(0);
    expect(await differences(true)).toEqual([]);
  });

  it('the repair also removes the rows a correction left counting nothing, and changes no count', async () => {
    const empty = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM analytics_referral_groups
            WHERE referred = 0 AND accepted = 0 AND started = 0 AND completed = 0`,
        )
      )[0].n;
    // A person's ward corrected back and forth moves their referrals between WARD groups.
    const [{ id: person }] = await t.db.query<{ id: string }>(
      `SELECT person_id AS id FROM referrals WHERE status <> 'ENTERED_IN_ERROR'
        GROUP BY person_id ORDER BY count(*) DESC LIMIT 1`,
    );
    for (const ward of ['Prune A', 'Prune B', 'Prune C', 'Prune A'])
      await t.db.query('UPDATE people SET ward = $2 WHERE id = $1', [person, ward]);
    expect(await empty()).toBeGreaterThan(0);
    const repair = t.app.get(SummaryRepairService);
    await repair.repairOnce(100_000);
    expect(await empty()).toBe(0);
    expect(await differences(true)).toEqual([]);
  });

  it('the repair never waits for a writer: a key a writer holds is left for the next run, and no one meets a deadlock', async () => {
    // Two keys marked untrusted, the first before the second in the repair's order.
    const keys = await t.db.query<{ key: string }>(
      `SELECT DISTINCT concat_ws('|', ${GROUPS_KEY}) AS key, ${GROUPS_KEY}
         FROM analytics_referral_groups ORDER BY ${GROUPS_KEY} LIMIT 2`,
    );
    const [first, second] = keys.map((k) => k.key);
    const rowsOf = `SELECT 1 FROM analytics_referral_groups WHERE concat_ws('|', ${GROUPS_KEY}) = $1`;
    await t.db.query(
      `UPDATE analytics_referral_groups SET bits_valid = false WHERE concat_ws('|', ${GROUPS_KEY}) = ANY($1)`,
      [[first, second]],
    );
    const trusted = async (key: string) =>
      (
        await t.db.query<{ ok: boolean }>(
          `SELECT bool_and(bits_valid) AS ok FROM analytics_referral_groups WHERE concat_ws('|', ${GROUPS_KEY}) = $1`,
          [key],
        )
      )[0].ok;
    const repair = t.app.get(SummaryRepairService);
    // A writer holds the second key's rows, and waits for the repair to finish before it takes the
    // first key's. A repair that waited for the second key while holding the first would never
    // finish here (and, had the writer gone on, one of the two would have met a deadlock).
    const outcome = await t.db.transaction(async (tx) => {
      await tx.query(`${rowsOf} FOR UPDATE`, [second]);
      const repaired = await Promise.race([
        repair.repairOnce(10),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5000)),
      ]);
      if (repaired === 'waited') return 'waited';
      await tx.query(`${rowsOf} FOR UPDATE`, [first]);
      return repaired;
    });
    expect(outcome).toBe(1);
    expect(await trusted(first)).toBe(true);
    expect(await trusted(second)).toBe(false);
    // The next run, with no writer about, repairs it.
    expect(await repair.repairOnce(10)).toBe(1);
    expect(await trusted(second)).toBe(true);
    expect(await differences(true)).toEqual([]);
  });

  it('matches after referrals are deleted, and empties with TRUNCATE (with the per-person pathways)', async () => {
    // Referrals without history (referral_events are append-only), some accepted, then deleted.
    const to = services[1];
    const gone: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [r] = await t.db.query<{ id: string }>(
        `INSERT INTO referrals (person_id, to_service_id, creator_organisation_id, to_organisation_id,
           created_by_staff_id, route, needs, to_category, to_ward, created_at, status, accepted_at)
         VALUES ($1, $2, $3, $3, $4, 'GP', ARRAY['OTHER'], $5, $6, '2025-11-20T09:00:00Z', $7, $8) RETURNING id`,
        [
          people[i % 6],
          to.id,
          to.organisationId,
          staff[orgs.indexOf(to.organisationId)].id,
          to.category,
          to.ward,
          i % 2 ? 'ACCEPTED' : 'REQUESTED',
          i % 2 ? '2025-11-25T09:00:00Z' : null,
        ],
      );
      gone.push(r.id);
    }
    await t.db.query(`DELETE FROM referrals WHERE id = $1`, [gone[0]]);
    expect(await differences()).toEqual([]);
    await t.db.query(`DELETE FROM referrals WHERE id = ANY($1::uuid[])`, [gone.slice(1)]);
    expect(await differences()).toEqual([]);
    // The per-person pathways (migrations 0032, 0061) follow deletes too.
    const kept = await t.db.query(`SELECT person_id, steps FROM person_pathways ORDER BY person_id`);
    const rebuilt = await t.db.query(
      `SELECT person_id, array_agg(c ORDER BY t, c COLLATE "C") AS steps
         FROM (SELECT person_id, to_category AS c, min(created_at) AS t FROM referrals
                WHERE status <> 'ENTERED_IN_ERROR' GROUP BY person_id, to_category) f
        GROUP BY person_id ORDER BY person_id`,
    );
    expect(kept).toEqual(rebuilt);

    await t.db
      .transaction(async (tx) => {
        await tx.query(`TRUNCATE referrals CASCADE`);
        const [g] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_referral_groups`);
        const [d] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM analytics_flow_accept_days`,
        );
        const [pp] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM person_pathways`);
        expect([g.n, d.n, pp.n]).toEqual([0, 0, 0]);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    expect(await differences()).toEqual([]);
  });

  it('a rolled-back write leaves the summary as it was', async () => {
    const before = await t.db.query(
      `SELECT ${GROUPS_KEY}, stripe, referred, accepted FROM analytics_referral_groups ORDER BY ${GROUPS_KEY}, stripe`,
    );
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`UPDATE referrals SET status = 'ENTERED_IN_ERROR'`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(
      await t.db.query(
        `SELECT ${GROUPS_KEY}, stripe, referred, accepted FROM analytics_referral_groups ORDER BY ${GROUPS_KEY}, stripe`,
      ),
    ).toEqual(before);
  });
});
