import type pg from 'pg';

/** The bench's own actors, added next to the generated data so every scenario has known properties. */
/** The role of the bench's referring staff member (a new staff member: token generation 0). */
export const REFERRER_ROLE = 'FAMILY_SUPPORT_WORKER';

export interface BenchActors {
  referrerOrgId: string;
  receiverOrgId: string;
  referrerServiceId: string;
  receiverServiceId: string;
  /** FAMILY_SUPPORT_WORKER of the referrer organisation, attached to referrerServiceId. */
  referrerStaffId: string;
  /** KEY_WORKER of the receiver organisation, attached to receiverServiceId. */
  receiverStaffId: string;
  commissionerStaffId: string;
  /** People registered by the referrer organisation with active REFERRAL_SHARING consent covering the receiver. */
  consentedPeople: string[];
  /** A person whose journey, seen by the referrer organisation, has exactly JOURNEY_ENTRIES entries. */
  journeyPersonId: string;
}

export const JOURNEY_ENTRIES = 60;
const PASSWORD_HASH = 'bench:no-login'; // tokens are issued directly; these staff never log in

async function one<T>(c: pg.ClientBase, sql: string, params: unknown[] = []): Promise<T> {
  const r = await c.query(sql, params);
  return r.rows[0] as T;
}

export async function createBenchActors(c: pg.ClientBase, people: number): Promise<BenchActors> {
  await c.query('BEGIN');
  try {
    const org = (name: string, kind: string) =>
      one<{ id: string }>(
        c,
        `INSERT INTO organisations (name, kind, locally_rooted, ward) VALUES ($1, $2, true, 'Bench ward') RETURNING id`,
        [name, kind],
      ).then((r) => r.id);
    const referrerOrgId = await org('Bench referrer organisation', 'COMMUNITY_ANCHOR');
    const receiverOrgId = await org('Bench receiver organisation', 'CHARITY');
    const service = (orgId: string, name: string, category: string) =>
      one<{ id: string }>(
        c,
        `INSERT INTO services (organisation_id, name, category, capacity, ward) VALUES ($1, $2, $3, 'OPEN', 'Bench ward') RETURNING id`,
        [orgId, name, category],
      ).then((r) => r.id);
    const referrerServiceId = await service(referrerOrgId, 'Bench family support', 'FAMILY_SUPPORT');
    const receiverServiceId = await service(receiverOrgId, 'Bench ESOL classes', 'ESOL');
    const staff = async (orgId: string, role: string, email: string, serviceId: string | null) => {
      const { id } = await one<{ id: string }>(
        c,
        `INSERT INTO staff (email, name, role, organisation_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [email, `Bench ${role.toLowerCase()}`, role, orgId, PASSWORD_HASH],
      );
      if (serviceId)
        await c.query(`INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2)`, [id, serviceId]);
      return id;
    };
    const referrerStaffId = await staff(
      referrerOrgId,
      REFERRER_ROLE,
      'bench.referrer@bench.invalid',
      referrerServiceId,
    );
    const receiverStaffId = await staff(
      receiverOrgId,
      'KEY_WORKER',
      'bench.receiver@bench.invalid',
      receiverServiceId,
    );
    const commissionerStaffId = await staff(
      referrerOrgId,
      'COMMISSIONER',
      'bench.commissioner@bench.invalid',
      null,
    );

    const { rows: personRows } = await c.query<{ id: string }>(
      `INSERT INTO people (given_name, family_name, ward, registered_by_organisation_id, registered_by_staff_id, created_at)
       SELECT 'Bench', 'Person ' || g, 'Bench ward', $1, $2, now() - interval '400 days'
       FROM generate_series(1, $3::int) g RETURNING id`,
      [referrerOrgId, referrerStaffId, people + 1],
    );
    const ids = personRows.map((r) => r.id);
    await c.query(
      `INSERT INTO consents (person_id, purpose, organisation_ids, given_by, given_at, recorded_by_staff_id, recorded_by_organisation_id)
       SELECT p, 'REFERRAL_SHARING', ARRAY[$2::uuid, $3::uuid], 'PERSON', now() - interval '399 days', $4, $2
       FROM unnest($1::uuid[]) p`,
      [ids, referrerOrgId, receiverOrgId, referrerStaffId],
    );
    const journeyPersonId = ids.pop() as string;
    await addJourney(c, journeyPersonId, {
      referrerOrgId,
      receiverOrgId,
      referrerServiceId,
      receiverServiceId,
      referrerStaffId,
      receiverStaffId,
    });
    await c.query('COMMIT');
    return {
      referrerOrgId,
      receiverOrgId,
      referrerServiceId,
      receiverServiceId,
      referrerStaffId,
      receiverStaffId,
      commissionerStaffId,
      consentedPeople: ids,
      journeyPersonId,
    };
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

/**
 * 60 journey entries, all visible to the referrer organisation: registered (1), REFERRAL_SHARING
 * (already there) and JOURNEY_SHARING consents given (2), 15 referrals each made, accepted and
 * started (45), and 6 assessments and 6 outcomes recorded by the receiving service (12).
 */
async function addJourney(
  c: pg.ClientBase,
  personId: string,
  a: Omit<BenchActors, 'commissionerStaffId' | 'consentedPeople' | 'journeyPersonId'>,
): Promise<void> {
  await c.query(
    `INSERT INTO consents (person_id, purpose, organisation_ids, given_by, given_at, recorded_by_staff_id, recorded_by_organisation_id)
     VALUES ($1, 'JOURNEY_SHARING', ARRAY[$2::uuid, $3::uuid], 'PERSON', now() - interval '398 days', $4, $2)`,
    [personId, a.referrerOrgId, a.receiverOrgId, a.referrerStaffId],
  );
  for (let i = 0; i < 15; i++) {
    const day = 390 - i * 20;
    const { id } = await one<{ id: string }>(
      c,
      `INSERT INTO referrals (person_id, from_service_id, to_service_id, creator_organisation_id, to_organisation_id,
         created_by_staff_id, route, needs, status, version, from_category, to_category, to_ward,
         accepted_at, started_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'STAFF', ARRAY['ENGLISH_LANGUAGE'], 'IN_PROGRESS', 3, 'FAMILY_SUPPORT', 'ESOL',
         'Bench ward', now() - make_interval(days => $7 - 1), now() - make_interval(days => $7 - 2),
         now() - make_interval(days => $7), now() - make_interval(days => $7 - 2))
       RETURNING id`,
      [
        personId,
        a.referrerServiceId,
        a.receiverServiceId,
        a.referrerOrgId,
        a.receiverOrgId,
        a.referrerStaffId,
        day,
      ],
    );
    await c.query(
      `INSERT INTO referral_events (referral_id, from_status, to_status, by_staff_id, by_organisation_id, at) VALUES
         ($1, NULL, 'REQUESTED', $2, $3, now() - make_interval(days => $6)),
         ($1, 'REQUESTED', 'ACCEPTED', $4, $5, now() - make_interval(days => $6 - 1)),
         ($1, 'ACCEPTED', 'IN_PROGRESS', $4, $5, now() - make_interval(days => $6 - 2))`,
      [id, a.referrerStaffId, a.referrerOrgId, a.receiverStaffId, a.receiverOrgId, day],
    );
  }
  for (let i = 0; i < 6; i++) {
    await c.query(
      `INSERT INTO wellbeing_assessments (person_id, service_id, organisation_id, instrument, responses, raw_score,
         metric_score, taken_on, recorded_by_staff_id, created_at)
       VALUES ($1, $2, $3, 'SWEMWBS', ARRAY[3,3,3,3,3,3,3]::smallint[], 21, 19.25,
         (now() - make_interval(days => 300 - $5 * 40))::date, $4, now() - make_interval(days => 300 - $5 * 40))`,
      [personId, a.receiverServiceId, a.receiverOrgId, a.receiverStaffId, i],
    );
    await c.query(
      `INSERT INTO outcomes (person_id, service_id, organisation_id, type, achieved_on, contracted,
         recorded_by_staff_id, created_at)
       VALUES ($1, $2, $3, 'REDUCED_ISOLATION', (now() - make_interval(days => 290 - $5 * 40))::date, true, $4,
         now() - make_interval(days => 290 - $5 * 40))`,
      [personId, a.receiverServiceId, a.receiverOrgId, a.receiverStaffId, i],
    );
  }
}
