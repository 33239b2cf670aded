import type { Db } from '#libs/database';

/**
 * Writes analytics test data straight into the tables, the way the referral core and outcomes
 * libraries keep them: every referral with its history (referral_events) and the denormalised
 * stage columns (accepted_at / started_at / completed_at = first time reached).
 */

export interface ServiceInfo {
  id: string;
  organisationId: string;
  category: string;
  ward: string | null;
}

export interface HistoryStep {
  to: string;
  at: Date;
}

export interface ReferralSpec {
  personId: string;
  from: ServiceInfo | null;
  to: ServiceInfo;
  /** Organisation of the staff member who made it (the referrer). */
  creatorOrganisationId: string;
  staffId: string;
  route: string;
  createdAt: Date;
  /** Status changes after the creation, oldest first. */
  history: HistoryStep[];
}

const firstAt = (h: HistoryStep[], statuses: string[]) => h.find((s) => statuses.includes(s.to))?.at ?? null;

export async function insertReferral(db: Db, r: ReferralSpec): Promise<string> {
  const status = r.history.length ? r.history[r.history.length - 1].to : 'REQUESTED';
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO referrals (person_id, from_service_id, to_service_id, creator_organisation_id, to_organisation_id,
       created_by_staff_id, route, needs, status, version, from_category, to_category, to_ward,
       accepted_at, started_at, completed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ARRAY['OTHER'], $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
     RETURNING id`,
    [
      r.personId,
      r.from?.id ?? null,
      r.to.id,
      r.creatorOrganisationId,
      r.to.organisationId,
      r.staffId,
      r.route,
      status,
      1 + r.history.length,
      r.from?.category ?? null,
      r.to.category,
      r.to.ward,
      firstAt(r.history, ['ACCEPTED']),
      firstAt(r.history, ['IN_PROGRESS', 'COMPLETED']),
      firstAt(r.history, ['COMPLETED']),
      r.createdAt,
    ],
  );
  const events: [string | null, string, Date][] = [[null, 'REQUESTED', r.createdAt]];
  let prev = 'REQUESTED';
  for (const s of r.history) {
    events.push([prev, s.to, s.at]);
    prev = s.to;
  }
  const values = events.map((_, i) => `($1, $${i * 3 + 4}, $${i * 3 + 5}, $${i * 3 + 6}, $2, $3)`).join(', ');
  await db.query(
    `INSERT INTO referral_events (referral_id, from_status, to_status, at, by_staff_id, by_organisation_id)
     VALUES ${values}`,
    [row.id, r.staffId, r.creatorOrganisationId, ...events.flat()],
  );
  return row.id;
}

export interface PersonSpec {
  dateOfBirth?: string | null;
  ward?: string | null;
  gender?: string | null;
  ethnicity?: string | null;
  preferredLanguage?: string | null;
}

export async function insertPerson(db: Db, organisationId: string, staffId: string, p: PersonSpec = {}) {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO people (given_name, family_name, date_of_birth, ward, gender, ethnicity, preferred_language,
       registered_by_organisation_id, registered_by_staff_id)
     VALUES ('Test', 'Person', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      p.dateOfBirth ?? null,
      p.ward ?? null,
      p.gender ?? null,
      p.ethnicity ?? null,
      p.preferredLanguage ?? null,
      organisationId,
      staffId,
    ],
  );
  return row.id;
}

/** SWEMWBS raw score → metric score (CONTRACT.md section 7). */
export const SWEMWBS_METRIC: Record<number, string> = {
  7: '7.00',
  8: '9.51',
  9: '11.25',
  10: '12.40',
  11: '13.33',
  12: '14.08',
  13: '14.75',
  14: '15.32',
  15: '15.84',
  16: '16.36',
  17: '16.88',
  18: '17.43',
  19: '17.98',
  20: '18.59',
  21: '19.25',
  22: '19.98',
  23: '20.73',
  24: '21.54',
  25: '22.35',
  26: '23.21',
  27: '24.11',
  28: '25.03',
  29: '26.02',
  30: '27.03',
  31: '28.13',
  32: '29.31',
  33: '30.70',
  34: '32.55',
  35: '35.00',
};

export interface AssessmentSpec {
  personId: string;
  service: ServiceInfo;
  staffId: string;
  instrument: 'SWEMWBS' | 'ONS4';
  responses: number[];
  takenOn: string;
}

/** Inserts one assessment (its seq records the order of recording). */
export async function insertAssessment(db: Db, a: AssessmentSpec): Promise<void> {
  await insertAssessments(db, [a]);
}

/** Inserts assessments in ONE statement, in the order given (their seqs record it). */
export async function insertAssessments(db: Db, specs: readonly AssessmentSpec[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = specs.map((a) => {
    const raw = a.instrument === 'SWEMWBS' ? a.responses.reduce((s, x) => s + x, 0) : null;
    const first = values.length + 1;
    values.push(
      a.personId,
      a.service.id,
      a.service.organisationId,
      a.instrument,
      a.responses,
      raw,
      raw === null ? null : SWEMWBS_METRIC[raw],
      a.takenOn,
      a.staffId,
    );
    return `(${Array.from({ length: 9 }, (_, i) => `$${first + i}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO wellbeing_assessments (person_id, service_id, organisation_id, instrument, responses, raw_score,
       metric_score, taken_on, recorded_by_staff_id)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

export interface OutcomeSpec {
  personId: string;
  service: ServiceInfo;
  staffId: string;
  type: string;
  achievedOn: string;
  contracted: boolean;
}

/** Inserts one outcome. */
export async function insertOutcome(db: Db, o: OutcomeSpec): Promise<void> {
  await insertOutcomes(db, [o]);
}

/** Inserts outcomes in ONE statement, in the order given. */
export async function insertOutcomes(db: Db, specs: readonly OutcomeSpec[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = specs.map((o) => {
    const first = values.length + 1;
    values.push(
      o.personId,
      o.service.id,
      o.service.organisationId,
      o.type,
      o.achievedOn,
      o.contracted,
      o.staffId,
      o.type === 'ESOL_LEVEL_ACHIEVED' ? 'ENTRY_2' : null,
      o.type === 'VOLUNTEERING_HOURS' ? 12.5 : null,
    );
    return `(${Array.from({ length: 9 }, (_, i) => `$${first + i}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO outcomes (person_id, service_id, organisation_id, type, achieved_on, contracted, recorded_by_staff_id,
       esol_level, hours)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

/**
 * A summary's rows as the triggers kept them, and as its rebuild function makes them from the
 * base table (in a transaction rolled back afterwards, so the kept rows stay).
 */
export async function keptAndRebuilt(
  db: Db,
  rebuild: string,
  select: string,
): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  const kept = await db.query(select);
  const rollback = new Error('rollback');
  let rebuilt: unknown[] = [];
  await db
    .transaction(async (tx) => {
      await tx.query(rebuild);
      rebuilt = await tx.query(select);
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
  return { kept, rebuilt };
}

/** The seed of a test's random data: ANALYTICS_SEED to replay a failing run, otherwise a new one (in its title). */
export const SEED = Number(process.env.ANALYTICS_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded PRNG (mulberry32), so a failing data set can be made again from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
