import { demoId, FIXED_NAMESPACE } from './ids.js';
import type { Partnership, ServiceKey, StaffKey } from './partnership.js';
import { serviceId, staffId } from './partnership.js';
import {
  assessmentRow,
  emptyRecords,
  inRecordedOrder,
  nhsNumberFrom,
  outcomeRow,
  type PersonRecords,
} from './records.js';
import { buildReferral, type ReferralStep } from './referral-builder.js';
import type { StaffRow } from './rows.js';

/** The showcase person's id (the same on every seed). */
export const SHOWCASE_PERSON_ID = demoId(FIXED_NAMESPACE, 'people', 0);
export const SHOWCASE_NAME = { givenName: 'Farah', familyName: 'Haddad' } as const;

const DAY = 86_400_000;

/**
 * Farah Haddad's journey over about twenty months: family support at Hilltop Children's Centre →
 * ESOL and IT classes at the Old Mill Enterprise Centre → a social prescribing link worker → the
 * Healthy Weights Group (participant, then volunteer) and five-a-side football → help moving her
 * children to a better school → college ESOL → the employment team. With consents, wellbeing before
 * and after, and outcomes both contracted and added value.
 */
export function buildShowcase(p: Partnership, asOf: Date): PersonRecords {
  const r = emptyRecords();
  const person = SHOWCASE_PERSON_ID;
  const staff = (k: StaffKey): StaffRow => p.staff.find((s) => s.id === staffId(k))!;
  const service = (k: ServiceKey) => p.services.find((s) => s.id === serviceId(k))!;
  /** `daysAgo` days before asOf, at hh:mm London-ish office hours (UTC). */
  const at = (daysAgo: number, hh = 10, mm = 0) => {
    const d = new Date(asOf.getTime() - daysAgo * DAY);
    d.setUTCHours(hh, mm, 0, 0);
    return d;
  };
  let referralN = 0;
  let assessmentN = 0;
  let outcomeN = 0;

  const registered = at(600, 9, 30);
  const fsw = staff('familySupportWorker');
  r.people.push({
    id: person,
    given_name: SHOWCASE_NAME.givenName,
    family_name: SHOWCASE_NAME.familyName,
    date_of_birth: '1989-04-12',
    preferred_language: 'ar',
    interpreter_needed: true,
    postcode: 'HX3 7QT',
    ward: 'Hilltop',
    phone: '07700 900123',
    email: 'farah.haddad@example.com',
    nhs_number: nhsNumberFrom('999000123'),
    gender: 'Female',
    ethnicity: 'S',
    disability: false,
    equality_recorded: true,
    registered_by_organisation_id: fsw.organisation_id,
    registered_by_staff_id: fsw.id,
    created_at: registered,
    updated_at: registered,
  });
  for (const [i, purpose] of (['REFERRAL_SHARING', 'JOURNEY_SHARING'] as const).entries()) {
    r.consents.push({
      id: demoId(FIXED_NAMESPACE, 'consents', 0, i),
      person_id: person,
      purpose,
      organisation_ids: [...p.organisationIds],
      given_by: 'PERSON',
      given_at: new Date(registered.getTime() + (i + 1) * 60_000),
      expires_at: null,
      withdrawn_at: null,
      recorded_by_staff_id: fsw.id,
      recorded_by_organisation_id: fsw.organisation_id,
      withdrawn_by_staff_id: null,
      withdrawn_by_organisation_id: null,
    });
  }

  const refer = (o: {
    from: ServiceKey | null;
    to: ServiceKey;
    route?: string;
    needs: string[];
    note?: string;
    by: StaffKey;
    at: Date;
    steps: [string, Date, StaffKey, string?][];
  }) => {
    const n = referralN++;
    const id = demoId(FIXED_NAMESPACE, 'referrals', 0, n);
    const steps: ReferralStep[] = o.steps.map(([to, when, by, note]) => ({
      to,
      at: when,
      by: staff(by),
      note,
    }));
    const built = buildReferral({
      id,
      personId: person,
      fromService: o.from ? service(o.from) : null,
      toService: service(o.to),
      route: o.route ?? 'STAFF',
      needs: o.needs,
      note: o.note ?? null,
      createdBy: staff(o.by),
      createdAt: o.at,
      steps,
      eventId: (e) => demoId(FIXED_NAMESPACE, 'referral_events', 0, n * 16 + e),
    });
    r.referrals.push(built.referral);
    r.referral_events.push(...built.events);
    return id;
  };
  const assess = (
    s: ServiceKey,
    by: StaffKey,
    instrument: 'SWEMWBS' | 'ONS4',
    responses: number[],
    when: Date,
  ) =>
    r.wellbeing_assessments.push(
      assessmentRow(
        demoId(FIXED_NAMESPACE, 'wellbeing_assessments', 0, assessmentN++),
        person,
        service(s),
        staff(by),
        instrument,
        responses,
        when,
      ),
    );
  const outcome = (s: ServiceKey, by: StaffKey, when: Date, o: Parameters<typeof outcomeRow>[5]) =>
    r.outcomes.push(
      outcomeRow(demoId(FIXED_NAMESPACE, 'outcomes', 0, outcomeN++), person, service(s), staff(by), when, o),
    );

  // 1. Family support at Hilltop Children's Centre, after the health visitor's referral.
  const familySupport = refer({
    from: null,
    to: 'familySupport',
    route: 'HEALTH_VISITOR',
    needs: ['PARENTING_AND_FAMILY', 'SOCIAL_ISOLATION'],
    note: 'Health visitor: recently arrived with two children, isolated, little English.',
    by: 'familySupportWorker',
    at: at(600, 9, 45),
    steps: [
      ['ACCEPTED', at(600, 10, 15), 'familySupportWorker'],
      ['IN_PROGRESS', at(598, 11), 'familySupportWorker', 'First home visit with an Arabic interpreter.'],
      [
        'COMPLETED',
        at(240, 15),
        'familySupportWorker',
        'Goals met; Farah now links in with services herself.',
      ],
    ],
  });
  assess('familySupport', 'familySupportWorker', 'SWEMWBS', [2, 2, 3, 2, 2, 3, 2], at(598, 11, 30));
  assess('familySupport', 'familySupportWorker', 'ONS4', [4, 5, 4, 7], at(598, 11, 40));

  // 2. ESOL and IT classes at the Old Mill Enterprise Centre.
  const esol = refer({
    from: 'familySupport',
    to: 'esol',
    needs: ['ENGLISH_LANGUAGE'],
    note: 'Arabic speaker with some spoken English; wants to help the children with homework.',
    by: 'familySupportWorker',
    at: at(590, 14),
    steps: [
      ['ACCEPTED', at(588, 10), 'esolTutor'],
      ['IN_PROGRESS', at(575, 9, 30), 'esolTutor'],
      ['COMPLETED', at(330, 16), 'esolTutor'],
    ],
  });
  const digital = refer({
    from: 'familySupport',
    to: 'digital',
    needs: ['DIGITAL_INCLUSION', 'SKILLS_AND_TRAINING'],
    note: 'No laptop at home; needs to use the school and GP apps.',
    by: 'familySupportWorker',
    at: at(590, 14, 10),
    steps: [
      ['ACCEPTED', at(587, 10), 'digitalTutor'],
      ['IN_PROGRESS', at(575, 13), 'digitalTutor'],
      ['COMPLETED', at(420, 15), 'digitalTutor'],
    ],
  });

  // 3. Social prescribing link worker.
  const linkWorker = refer({
    from: 'familySupport',
    to: 'linkWorkers',
    needs: ['MENTAL_WELLBEING', 'SOCIAL_ISOLATION', 'PHYSICAL_ACTIVITY'],
    note: 'Low mood since arriving; GP concerned about weight and blood pressure.',
    by: 'familySupportWorker',
    at: at(540, 11),
    steps: [
      ['ACCEPTED', at(536, 9, 30), 'linkWorker'],
      ['IN_PROGRESS', at(530, 10), 'linkWorker'],
      ['COMPLETED', at(300, 14), 'linkWorker'],
    ],
  });
  assess('linkWorkers', 'linkWorker', 'SWEMWBS', [2, 3, 2, 2, 3, 2, 2], at(530, 10, 30));

  // 4. Healthy Weights Group (participant, later volunteer) and five-a-side football.
  const weights = refer({
    from: 'linkWorkers',
    to: 'healthyWeights',
    needs: ['HEALTHY_EATING', 'PHYSICAL_ACTIVITY'],
    by: 'linkWorker',
    at: at(520, 10),
    steps: [
      ['ACCEPTED', at(518, 9), 'healthyWeightsLead'],
      ['IN_PROGRESS', at(510, 18), 'healthyWeightsLead'],
      ['COMPLETED', at(420, 19), 'healthyWeightsLead'],
    ],
  });
  const football = refer({
    from: 'linkWorkers',
    to: 'footballWalking',
    needs: ['PHYSICAL_ACTIVITY', 'SOCIAL_ISOLATION'],
    note: "Interested in the women's walking football on Saturdays.",
    by: 'linkWorker',
    at: at(500, 10),
    steps: [
      ['ACCEPTED', at(498, 9), 'activityCoach'],
      ['IN_PROGRESS', at(495, 10), 'activityCoach'],
    ],
  });
  outcome('healthyWeights', 'healthyWeightsLead', at(420, 19, 30), {
    type: 'HEALTHIER_LIFESTYLE',
    contracted: true,
    referralId: weights,
    note: 'Lost 6 kg over the 12-week course.',
  });
  outcome('digital', 'digitalTutor', at(420, 15, 30), {
    type: 'QUALIFICATION_GAINED',
    contracted: true,
    referralId: digital,
    note: 'Essential Digital Skills, Entry level.',
  });
  const volunteering = refer({
    from: 'linkWorkers',
    to: 'volunteering',
    needs: ['VOLUNTEERING'],
    note: 'Would like to volunteer with the Healthy Weights Group.',
    by: 'linkWorker',
    at: at(410, 10),
    steps: [
      ['ACCEPTED', at(405, 11), 'volunteerCoordinator'],
      ['IN_PROGRESS', at(400, 11), 'volunteerCoordinator'],
      ['COMPLETED', at(380, 11), 'volunteerCoordinator', 'Placed with the Healthy Weights Group.'],
    ],
  });
  outcome('volunteering', 'volunteerCoordinator', at(380, 11, 30), {
    type: 'STARTED_VOLUNTEERING',
    contracted: true,
    referralId: volunteering,
  });
  outcome('footballWalking', 'activityCoach', at(350, 12), {
    type: 'REDUCED_ISOLATION',
    contracted: false,
    referralId: football,
    note: 'Now plays every Saturday and has made friends in the team.',
  });

  // 5. Help moving the children to a better school.
  const school = refer({
    from: 'linkWorkers',
    to: 'schoolAdmissions',
    needs: ['CHILDRENS_EDUCATION'],
    note: 'Two children; the current school has no EAL support and is two buses away.',
    by: 'linkWorker',
    at: at(380, 14),
    steps: [
      ['ACCEPTED', at(376, 10), 'admissionsOfficer'],
      ['IN_PROGRESS', at(370, 10), 'admissionsOfficer'],
      ['COMPLETED', at(320, 10), 'admissionsOfficer'],
    ],
  });
  outcome('schoolAdmissions', 'admissionsOfficer', at(320, 10, 30), {
    type: 'CHILD_SCHOOL_PLACE',
    contracted: true,
    referralId: school,
    note: "Both children placed at St Mary's Primary, a walk from home.",
  });
  outcome('esol', 'esolTutor', at(335, 15), {
    type: 'ESOL_LEVEL_ACHIEVED',
    esolLevel: 'ENTRY_2',
    contracted: true,
    referralId: esol,
  });

  // 6. College ESOL (a waiting list), from the enterprise centre's ESOL tutor.
  const college = refer({
    from: 'esol',
    to: 'collegeEsol',
    needs: ['ENGLISH_LANGUAGE', 'SKILLS_AND_TRAINING'],
    note: 'Ready for Entry 3; aiming for Level 1 and work.',
    by: 'esolTutor',
    at: at(330, 16, 30),
    steps: [
      ['ACCEPTED', at(300, 10), 'collegeEsolTutor'],
      ['IN_PROGRESS', at(280, 9), 'collegeEsolTutor'],
      ['COMPLETED', at(60, 15), 'collegeEsolTutor'],
    ],
  });
  assess('linkWorkers', 'linkWorker', 'SWEMWBS', [4, 4, 3, 4, 4, 3, 4], at(300, 13));
  outcome('collegeEsol', 'collegeEsolTutor', at(280, 9, 30), {
    type: 'ENTERED_EDUCATION_OR_TRAINING',
    contracted: true,
    referralId: college,
  });
  assess('familySupport', 'familySupportWorker', 'SWEMWBS', [3, 4, 3, 4, 3, 4, 3], at(240, 14));
  assess('familySupport', 'familySupportWorker', 'ONS4', [7, 8, 7, 4], at(240, 14, 10));
  outcome('healthyWeights', 'healthyWeightsLead', at(200, 19), {
    type: 'VOLUNTEERING_HOURS',
    hours: 48,
    contracted: false,
    note: 'Helps run the Tuesday evening group.',
  });
  outcome('collegeEsol', 'collegeEsolTutor', at(60, 15, 30), {
    type: 'ESOL_LEVEL_ACHIEVED',
    esolLevel: 'ENTRY_3',
    contracted: true,
    referralId: college,
  });

  // 7. The employment team.
  refer({
    from: 'collegeEsol',
    to: 'employment',
    needs: ['EMPLOYMENT', 'SKILLS_AND_TRAINING'],
    note: 'Wants part-time work in catering or as a teaching assistant.',
    by: 'collegeEsolTutor',
    at: at(55, 11),
    steps: [
      ['ACCEPTED', at(50, 10), 'employmentAdviser'],
      ['IN_PROGRESS', at(45, 10), 'employmentAdviser'],
    ],
  });
  void familySupport;
  void linkWorker;

  r.referrals.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  return inRecordedOrder(r);
}
