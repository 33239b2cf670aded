import { demoId, populationNamespace } from './ids.js';
import { LANGUAGE_WEIGHTS, NAME_GROUPS } from './names.js';
import { DEMO_WARDS, type Partnership, type ServiceKey } from './partnership.js';
import { Random } from './random.js';
import {
  assessmentRow,
  emptyRecords,
  inRecordedOrder,
  nhsNumberFrom,
  outcomeRow,
  type PersonRecords,
} from './records.js';
import { buildReferral, type ReferralStep } from './referral-builder.js';
import type { ConsentRow, ServiceRow, StaffRow } from './rows.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface PopulationOptions {
  seed: number;
  /** Number of people. */
  people: number;
  /** Mean referrals per person (at least 1 each). */
  referralsPerPerson: number;
  /** Span of registrations, in days before asOf. */
  days: number;
  /** Nothing generated is later than this instant. */
  asOf: Date;
  /** Chance that an adult's started support gets a baseline wellbeing assessment (default 0.6). */
  wellbeingShare: number;
  /** Chance that completed support records a contracted outcome (default 0.5). */
  outcomeShare: number;
}

/** Where people first come in, how, and how often (weights). */
const ENTRY: readonly (readonly [[ServiceKey, readonly string[]], number])[] = [
  [['hilltopCentre', ['SELF', 'HEALTH_VISITOR']], 5],
  [['parkCentre', ['SELF', 'HEALTH_VISITOR']], 4],
  [['moorendCentre', ['SELF', 'HEALTH_VISITOR']], 3],
  [['familySupport', ['HEALTH_VISITOR', 'SCHOOL', 'SELF', 'COUNCIL']], 10],
  [['linkWorkers', ['GP', 'GP', 'GP', 'SELF']], 15],
  [['esol', ['SELF', 'OTHER']], 7],
  [['collegeEsol', ['SELF']], 4],
  [['employment', ['JOBCENTRE', 'SELF']], 8],
  [['moneyAdvice', ['SELF', 'COUNCIL', 'OTHER']], 7],
  [['housingOptions', ['COUNCIL', 'SELF']], 3],
  [['digital', ['SELF']], 3],
  [['volunteering', ['SELF']], 3],
  [['footballWalking', ['SELF']], 2],
  [['adultLearning', ['SELF']], 2],
  [['domesticAbuse', ['SELF', 'GP', 'OTHER']], 2],
];

/** Onward referrals between threads (weights). */
const NEXT: Record<ServiceKey, readonly (readonly [ServiceKey, number])[]> = {
  hilltopCentre: [
    ['familySupport', 5],
    ['esol', 3],
    ['linkWorkers', 2],
    ['moneyAdvice', 1],
    ['digital', 1],
  ],
  parkCentre: [
    ['familySupport', 5],
    ['esol', 3],
    ['linkWorkers', 2],
    ['moneyAdvice', 1],
    ['digital', 1],
  ],
  moorendCentre: [
    ['familySupport', 5],
    ['esol', 2],
    ['linkWorkers', 2],
    ['moneyAdvice', 2],
  ],
  familySupport: [
    ['esol', 3],
    ['digital', 2],
    ['linkWorkers', 3],
    ['schoolAdmissions', 2],
    ['moneyAdvice', 2],
    ['housingOptions', 1],
    ['hilltopCentre', 1],
    ['parkCentre', 1],
    ['domesticAbuse', 0.5],
  ],
  esol: [
    ['collegeEsol', 4],
    ['digital', 3],
    ['employment', 2],
    ['volunteering', 1],
  ],
  digital: [
    ['employment', 4],
    ['adultLearning', 2],
    ['esol', 1],
  ],
  employment: [
    ['adultLearning', 2],
    ['digital', 2],
    ['collegeEsol', 1],
    ['moneyAdvice', 2],
  ],
  linkWorkers: [
    ['healthyWeights', 4],
    ['footballWalking', 3],
    ['volunteering', 2],
    ['moneyAdvice', 2],
    ['housingOptions', 1],
    ['esol', 1],
    ['digital', 1],
    ['familySupport', 1],
    ['domesticAbuse', 0.3],
  ],
  healthyWeights: [
    ['footballWalking', 3],
    ['volunteering', 2],
  ],
  footballWalking: [
    ['healthyWeights', 2],
    ['volunteering', 2],
  ],
  volunteering: [
    ['employment', 3],
    ['adultLearning', 1],
  ],
  collegeEsol: [
    ['employment', 3],
    ['adultLearning', 2],
    ['volunteering', 1],
  ],
  adultLearning: [
    ['employment', 3],
    ['volunteering', 1],
  ],
  schoolAdmissions: [['familySupport', 1]],
  housingOptions: [
    ['moneyAdvice', 2],
    ['familySupport', 1],
  ],
  moneyAdvice: [
    ['housingOptions', 2],
    ['employment', 1],
    ['linkWorkers', 1],
  ],
  domesticAbuse: [
    ['housingOptions', 3],
    ['familySupport', 2],
    ['moneyAdvice', 1],
  ],
};

const NEEDS: Record<string, readonly string[]> = {
  CHILDRENS_CENTRE: ['PARENTING_AND_FAMILY', 'CHILDCARE', 'SOCIAL_ISOLATION'],
  FAMILY_SUPPORT: ['PARENTING_AND_FAMILY', 'CHILDCARE', 'MENTAL_WELLBEING', 'FINANCE_AND_DEBT'],
  ESOL: ['ENGLISH_LANGUAGE', 'SKILLS_AND_TRAINING'],
  DIGITAL_SKILLS: ['DIGITAL_INCLUSION', 'SKILLS_AND_TRAINING'],
  ADULT_LEARNING: ['SKILLS_AND_TRAINING', 'EMPLOYMENT'],
  SOCIAL_PRESCRIBING: ['MENTAL_WELLBEING', 'SOCIAL_ISOLATION', 'PHYSICAL_ACTIVITY', 'HEALTHY_EATING'],
  VOLUNTEERING: ['VOLUNTEERING', 'SOCIAL_ISOLATION'],
  EMPLOYMENT_SUPPORT: ['EMPLOYMENT', 'SKILLS_AND_TRAINING'],
  HEALTH_AND_WELLBEING: ['HEALTHY_EATING', 'PHYSICAL_ACTIVITY'],
  SPORT_AND_ACTIVITY: ['PHYSICAL_ACTIVITY', 'SOCIAL_ISOLATION'],
  EDUCATION: ['CHILDRENS_EDUCATION'],
  ADVICE: ['FINANCE_AND_DEBT', 'HOUSING', 'OTHER'],
  HOUSING: ['HOUSING', 'FINANCE_AND_DEBT'],
};

const SWEMWBS_CATEGORIES = new Set([
  'SOCIAL_PRESCRIBING',
  'HEALTH_AND_WELLBEING',
  'SPORT_AND_ACTIVITY',
  'FAMILY_SUPPORT',
  'CHILDRENS_CENTRE',
]);
const ONS4_CATEGORIES = new Set([
  'ESOL',
  'EMPLOYMENT_SUPPORT',
  'VOLUNTEERING',
  'ADULT_LEARNING',
  'DIGITAL_SKILLS',
  'ADVICE',
  'HOUSING',
]);

const OUTCOMES: Record<string, readonly string[]> = {
  ESOL: ['ESOL_LEVEL_ACHIEVED', 'ESOL_LEVEL_ACHIEVED', 'QUALIFICATION_GAINED'],
  DIGITAL_SKILLS: ['QUALIFICATION_GAINED'],
  EMPLOYMENT_SUPPORT: [
    'ENTERED_EMPLOYMENT',
    'ENTERED_EMPLOYMENT',
    'SUSTAINED_EMPLOYMENT',
    'ENTERED_EDUCATION_OR_TRAINING',
  ],
  VOLUNTEERING: ['STARTED_VOLUNTEERING', 'VOLUNTEERING_HOURS'],
  SOCIAL_PRESCRIBING: ['REDUCED_ISOLATION', 'HEALTHIER_LIFESTYLE'],
  HEALTH_AND_WELLBEING: ['HEALTHIER_LIFESTYLE'],
  SPORT_AND_ACTIVITY: ['HEALTHIER_LIFESTYLE', 'REDUCED_ISOLATION'],
  EDUCATION: ['CHILD_SCHOOL_PLACE'],
  HOUSING: ['IMPROVED_HOUSING'],
  ADULT_LEARNING: ['QUALIFICATION_GAINED', 'ENTERED_EDUCATION_OR_TRAINING'],
  FAMILY_SUPPORT: ['REDUCED_ISOLATION', 'CHILD_SCHOOL_PLACE', 'OTHER'],
  CHILDRENS_CENTRE: ['REDUCED_ISOLATION', 'OTHER'],
  ADVICE: ['IMPROVED_HOUSING', 'OTHER'],
};
const ADDED_VALUE = [
  'VOLUNTEERING_HOURS',
  'STARTED_VOLUNTEERING',
  'REDUCED_ISOLATION',
  'HEALTHIER_LIFESTYLE',
  'ENTERED_EDUCATION_OR_TRAINING',
  'OTHER',
];
const ESOL_LEVELS = ['PRE_ENTRY', 'ENTRY_1', 'ENTRY_2', 'ENTRY_3', 'LEVEL_1', 'LEVEL_2'];

const POSTCODE_DISTRICT: Record<string, string> = {
  Hilltop: 'HX3',
  Park: 'HX1',
  Moorend: 'HX2',
  Canalside: 'HX1',
  Northfield: 'HX2',
  Brookside: 'HX3',
  "St Mary's": 'HX1',
};
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Reasons the receiver or referrer gives, by the status reached. */
const REASONS: Record<string, readonly (readonly [string, number])[]> = {
  REJECTED: [
    ['NOT_ELIGIBLE', 4],
    ['NO_CAPACITY', 2],
    ['REFERRED_ELSEWHERE', 2],
    ['DUPLICATE', 1],
  ],
  CANCELLED: [
    ['CLIENT_DECLINED', 3],
    ['NO_LONGER_NEEDED', 3],
    ['REFERRED_ELSEWHERE', 1],
  ],
  FAILED: [
    ['UNABLE_TO_CONTACT', 4],
    ['CLIENT_DECLINED', 2],
    ['OTHER', 1],
  ],
  ON_HOLD: [
    ['OTHER', 2],
    ['CLIENT_DECLINED', 1],
    ['NO_CAPACITY', 1],
  ],
  ENTERED_IN_ERROR: [
    ['DUPLICATE', 3],
    ['OTHER', 1],
  ],
};

/** The next status (or null to stay) and the delay in days, for the person still engaged. */
const WALK: Record<string, { next: readonly (readonly [string, number])[]; days: [number, number] }> = {
  REQUESTED: {
    next: [
      ['ACCEPTED', 72],
      ['REJECTED', 12],
      ['CANCELLED', 8],
    ],
    days: [1, 21],
  },
  ACCEPTED: {
    next: [
      ['IN_PROGRESS', 80],
      ['ON_HOLD', 5],
      ['FAILED', 7],
      ['CANCELLED', 5],
      ['COMPLETED', 3],
    ],
    days: [1, 14],
  },
  IN_PROGRESS: {
    next: [
      ['COMPLETED', 70],
      ['FAILED', 12],
      ['ON_HOLD', 8],
      ['CANCELLED', 10],
    ],
    days: [14, 120],
  },
  ON_HOLD: {
    next: [
      ['IN_PROGRESS', 50],
      ['ACCEPTED', 10],
      ['FAILED', 20],
      ['COMPLETED', 10],
      ['CANCELLED', 10],
    ],
    days: [7, 60],
  },
};

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Generates one person's rows: registration, consents, referrals with full histories, wellbeing
 * and outcomes. Depends only on (options, index), so any person (and any table) can be regenerated
 * on its own, identically.
 */
export function generatePerson(p: Partnership, o: PopulationOptions, index: number): PersonRecords {
  const rnd = new Random(o.seed, index);
  const ns = populationNamespace(o.seed);
  const rec = emptyRecords();
  const limit = o.asOf.getTime() - HOUR;
  const keyOf = (s: ServiceRow) => p.keyOfService.get(s.id)!;
  const svc = (k: ServiceKey) => p.serviceByKey[k];
  const workerIn = (s: ServiceRow): StaffRow => rnd.pick(p.workersIn.get(s.id)!);
  const officeTime = (dayStart: number) => dayStart + (8 * 60 + rnd.int(0, 9 * 60)) * 60_000;
  const personId = demoId(ns, 'people', index);

  // Registration, at the service they first came to.
  const [entryKey, entryRoutes] = rnd.weighted(ENTRY);
  const entry = svc(entryKey);
  const registrar = workerIn(entry);
  const dayStart = Math.floor((o.asOf.getTime() - rnd.int(14, Math.max(15, o.days)) * DAY) / DAY) * DAY;
  const registeredAt = new Date(officeTime(dayStart));

  const child =
    (entry.category === 'CHILDRENS_CENTRE' || entry.category === 'FAMILY_SUPPORT') && rnd.chance(0.12);
  const age = child
    ? rnd.int(1, 15)
    : rnd.weighted([
        [rnd.int(16, 24), 14],
        [rnd.int(25, 34), 26],
        [rnd.int(35, 44), 24],
        [rnd.int(45, 54), 16],
        [rnd.int(55, 64), 11],
        [rnd.int(65, 90), 9],
      ] as const);
  const dob = new Date(registeredAt.getTime() - (age * 365.25 + rnd.int(0, 364)) * DAY);
  let language = rnd.weighted(LANGUAGE_WEIGHTS);
  if (entry.category === 'ESOL' && language === 'en') language = rnd.weighted(LANGUAGE_WEIGHTS.slice(1));
  const group = NAME_GROUPS[language];
  const gender = rnd.weighted([
    ['Female', 55],
    ['Male', 41],
    ['Non-binary', 1],
    [null, 3],
  ] as const);
  const givenName = rnd.pick(gender === 'Male' ? group.given.male : group.given.female);
  const familyName = rnd.pick(group.family);
  const ward = rnd.chance(0.6) && entry.ward ? entry.ward : rnd.pick(DEMO_WARDS);
  const ethnicity = rnd.chance(0.1) ? null : rnd.weighted(group.ethnicity);
  const disability = rnd.chance(0.15) ? null : rnd.chance(0.18);
  const languageKnown = rnd.chance(0.95);
  rec.people.push({
    id: personId,
    given_name: givenName,
    family_name: familyName,
    date_of_birth: rnd.chance(0.93) ? isoDate(dob) : null,
    preferred_language: languageKnown ? language : null,
    interpreter_needed: languageKnown && language !== 'en' && rnd.chance(0.35),
    postcode: rnd.chance(0.9)
      ? `${POSTCODE_DISTRICT[ward]} ${rnd.int(1, 9)}${rnd.pick([...INWARD_LETTERS])}${rnd.pick([...INWARD_LETTERS])}`
      : null,
    ward: rnd.chance(0.95) ? ward : null,
    phone: !child && rnd.chance(0.85) ? `07700 9${String(rnd.int(0, 99_999)).padStart(5, '0')}` : null,
    email:
      !child && rnd.chance(0.5)
        ? `${givenName}.${familyName}${rnd.int(1, 99)}@example.com`.toLowerCase()
        : null,
    nhs_number: rnd.chance(0.6) ? nhsNumberFrom(`999${String(rnd.int(0, 999_999)).padStart(6, '0')}`) : null,
    gender,
    ethnicity,
    disability,
    equality_recorded: gender !== null || ethnicity !== null || disability !== null,
    registered_by_organisation_id: registrar.organisation_id,
    registered_by_staff_id: registrar.id,
    created_at: registeredAt,
    updated_at: registeredAt,
  });

  // Consents given at registration.
  const givenBy = child ? 'PARENT_OR_GUARDIAN' : rnd.chance(0.02) ? 'REPRESENTATIVE' : 'PERSON';
  let consentN = 0;
  const consent = (purpose: ConsentRow['purpose'], pAll: number, pSome: number): ConsentRow | null => {
    const roll = rnd.next();
    if (roll >= pAll + pSome) return null;
    const orgs =
      roll < pAll
        ? [...p.organisationIds]
        : [
            registrar.organisation_id,
            ...rnd.sample(
              p.organisationIds.filter((id) => id !== registrar.organisation_id),
              rnd.int(1, 3),
            ),
          ];
    const givenAt = new Date(registeredAt.getTime() + (consentN + 1) * 60_000);
    const expires = rnd.chance(0.04) ? new Date(givenAt.getTime() + 365 * DAY) : null;
    const withdrawAt = rnd.chance(0.05) ? givenAt.getTime() + rnd.int(10, 400) * DAY : Infinity;
    const withdrawn = withdrawAt < limit ? new Date(withdrawAt) : null;
    const row: ConsentRow = {
      id: demoId(ns, 'consents', index, consentN++),
      person_id: personId,
      purpose,
      organisation_ids: orgs,
      given_by: givenBy,
      given_at: givenAt,
      expires_at: expires,
      withdrawn_at: withdrawn,
      recorded_by_staff_id: registrar.id,
      recorded_by_organisation_id: registrar.organisation_id,
      withdrawn_by_staff_id: withdrawn ? registrar.id : null,
      withdrawn_by_organisation_id: withdrawn ? registrar.organisation_id : null,
    };
    rec.consents.push(row);
    return row;
  };
  const referralConsent = consent('REFERRAL_SHARING', 0.82, 0.06);
  consent('JOURNEY_SHARING', 0.55, 0.08);
  const mayShareWith = (orgId: string, at: number) =>
    !!referralConsent &&
    referralConsent.organisation_ids.includes(orgId) &&
    referralConsent.given_at.getTime() <= at &&
    (!referralConsent.withdrawn_at || referralConsent.withdrawn_at.getTime() > at) &&
    (!referralConsent.expires_at || referralConsent.expires_at.getTime() > at);

  // Referrals: the first from outside the partnership, then onward referrals between threads.
  const stay = Math.max(0, o.referralsPerPerson - 1) / Math.max(1, o.referralsPerPerson);
  const maxGap = Math.max(3, Math.round(200 / Math.max(1, o.referralsPerPerson)));
  let count = 1;
  while (count < 40 && rnd.chance(stay)) count++;
  const engaged: { service: ServiceRow; from: number }[] = [];
  const wellbeingTrait = rnd.normal(0, 1);
  let at = registeredAt.getTime() + rnd.int(5, 40) * 60_000;
  let assessmentN = 0;
  let outcomeN = 0;

  for (let j = 0; j < count; j++) {
    if (j > 0) at = officeTime(Math.floor((at + rnd.int(1, maxGap) * DAY) / DAY) * DAY);
    if (at > limit - 2 * DAY) break;
    let fromService: ServiceRow | null = null;
    let toService: ServiceRow;
    let route: string;
    const sources = engaged.filter((e) => e.from < at);
    if (j === 0) {
      toService = entry;
      route = rnd.pick(entryRoutes);
    } else if (sources.length && rnd.chance(0.8)) {
      fromService = rnd.pick(sources).service;
      toService = svc(rnd.weighted(NEXT[keyOf(fromService)]));
      route = 'STAFF';
      if (toService.id === fromService.id) continue;
    } else {
      const [k, routes] = rnd.weighted(ENTRY);
      toService = svc(k);
      route = rnd.pick(routes);
    }
    let creator = fromService ? workerIn(fromService) : workerIn(toService);
    let justification: string | null = null;
    if (
      fromService &&
      fromService.organisation_id !== toService.organisation_id &&
      !mayShareWith(toService.organisation_id, at)
    ) {
      if (rnd.chance(0.04)) {
        justification =
          'Risk of harm to the person or their children; sharing without consent to protect them.';
      } else {
        // Without consent the person was signposted and referred themself.
        fromService = null;
        route = 'SELF';
        creator = workerIn(toService);
      }
    }
    const receiver = workerIn(toService);
    const needsPool = NEEDS[toService.category] ?? ['OTHER'];
    const needs = rnd.sample(
      needsPool,
      rnd.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const),
    );
    const steps: ReferralStep[] = [];
    let status = 'REQUESTED';
    let t = at;
    const waitlist = toService.capacity === 'WAITLIST';
    while (WALK[status]) {
      const w = WALK[status];
      const [lo, hi] = w.days;
      const delay =
        (rnd.int(lo, waitlist && status === 'REQUESTED' ? hi * 3 : hi) - 1) * DAY +
        rnd.int(1, 8 * 60) * 60_000;
      const next = rnd.weighted(w.next);
      if (t + delay > limit) break;
      t += delay;
      const by = next === 'CANCELLED' ? creator : receiver;
      steps.push({
        to: next,
        at: new Date(t),
        by,
        reason: REASONS[next] ? rnd.weighted(REASONS[next]) : null,
      });
      status = next;
    }
    if (rnd.chance(0.012)) {
      const eie = t + rnd.int(1, 72) * HOUR;
      if (eie <= limit) {
        steps.push({
          to: 'ENTERED_IN_ERROR',
          at: new Date(eie),
          by: creator,
          reason: rnd.weighted(REASONS.ENTERED_IN_ERROR),
        });
        status = 'ENTERED_IN_ERROR';
      }
    }
    const referralId = demoId(ns, 'referrals', index, j);
    const { referral, events } = buildReferral({
      id: referralId,
      personId,
      fromService,
      toService,
      route,
      needs,
      note: rnd.chance(0.3) ? `Needs help with ${needs[0].toLowerCase().replace(/_/g, ' ')}.` : null,
      createdBy: creator,
      createdAt: new Date(at),
      safeguardingJustification: justification,
      steps,
      eventId: (e) => demoId(ns, 'referral_events', index, j * 16 + e),
    });
    rec.referrals.push(referral);
    rec.referral_events.push(...events);
    if (status === 'ENTERED_IN_ERROR') continue;
    if (referral.accepted_at) engaged.push({ service: toService, from: referral.accepted_at.getTime() });

    // Wellbeing before and after, for adults whose support started.
    const started = referral.started_at?.getTime();
    const adult = age >= 16;
    const instrument = SWEMWBS_CATEGORIES.has(toService.category)
      ? 'SWEMWBS'
      : ONS4_CATEGORIES.has(toService.category)
        ? 'ONS4'
        : null;
    if (adult && started && instrument && rnd.chance(o.wellbeingShare)) {
      const baselineAt = started + rnd.int(0, 48) * HOUR;
      const completed = referral.completed_at?.getTime();
      let followAt: number | null = null;
      if (completed && completed - baselineAt > 7 * DAY && rnd.chance(0.7))
        followAt = completed + rnd.int(0, 24) * HOUR;
      else if (!completed && status === 'IN_PROGRESS' && limit - baselineAt > 100 * DAY && rnd.chance(0.4))
        followAt = baselineAt + 84 * DAY;
      const gain = rnd.normal(0.4, 0.45);
      const scores = (after: boolean): number[] =>
        instrument === 'SWEMWBS'
          ? Array.from({ length: 7 }, () =>
              clamp(rnd.normal(2.7 + 0.5 * wellbeingTrait + (after ? gain : 0), 0.6), 1, 5),
            )
          : [
              clamp(rnd.normal(5.2 + 1.4 * wellbeingTrait + (after ? gain * 3 : 0), 1.2), 0, 10),
              clamp(rnd.normal(6 + 1.2 * wellbeingTrait + (after ? gain * 2 : 0), 1.2), 0, 10),
              clamp(rnd.normal(5.5 + 1.4 * wellbeingTrait + (after ? gain * 2.5 : 0), 1.3), 0, 10),
              clamp(rnd.normal(5 - 1.4 * wellbeingTrait - (after ? gain * 2 : 0), 1.5), 0, 10),
            ];
      for (const [when, after] of [
        [baselineAt, false],
        [followAt, true],
      ] as const) {
        if (when === null || when > limit) continue;
        rec.wellbeing_assessments.push(
          assessmentRow(
            demoId(ns, 'wellbeing_assessments', index, assessmentN++),
            personId,
            toService,
            receiver,
            instrument,
            scores(after),
            new Date(when),
          ),
        );
      }
    }

    // Outcomes: contracted when the support completed, sometimes added value as well.
    const completed = referral.completed_at?.getTime();
    const outcome = (type: string, contracted: boolean, when: number) => {
      if (when > limit) return;
      rec.outcomes.push(
        outcomeRow(demoId(ns, 'outcomes', index, outcomeN++), personId, toService, receiver, new Date(when), {
          type,
          contracted,
          referralId: rnd.chance(0.85) ? referralId : null,
          esolLevel: type === 'ESOL_LEVEL_ACHIEVED' ? rnd.pick(ESOL_LEVELS) : null,
          hours: type === 'VOLUNTEERING_HOURS' ? rnd.int(4, 160) + rnd.pick([0, 0.5]) : null,
        }),
      );
    };
    if (completed && rnd.chance(o.outcomeShare))
      outcome(rnd.pick(OUTCOMES[toService.category] ?? ['OTHER']), true, completed + rnd.int(0, 48) * HOUR);
    if (started && rnd.chance(completed ? 0.15 : 0.06))
      outcome(rnd.pick(ADDED_VALUE), false, (completed ?? started + 45 * DAY) + rnd.int(1, 72) * HOUR);
  }
  return inRecordedOrder(rec);
}
