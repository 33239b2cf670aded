import { demoId, FIXED_NAMESPACE } from './ids.js';
import type { OrganisationRow, ServiceRow, StaffRow, StaffServiceRow } from './rows.js';

/**
 * The demo partnership of Calderbrook, a fictional former mill town in West Yorkshire. Every name
 * is invented. The same ids on every seed, so demo logins and links stay stable.
 */
export const DEMO_TOWN = 'Calderbrook';
export const DEMO_WARDS = [
  'Hilltop',
  'Park',
  'Moorend',
  'Canalside',
  'Northfield',
  'Brookside',
  "St Mary's",
] as const;

/** The one password of every demo login (demo data only: never used outside the seeded demo). */
export const DEMO_PASSWORD = 'calderbrook-demo';

export type OrgKey = 'trust' | 'prescribing' | 'volunteering' | 'college' | 'council' | 'advice' | 'refuge';

export type ServiceKey =
  | 'hilltopCentre'
  | 'parkCentre'
  | 'moorendCentre'
  | 'familySupport'
  | 'esol'
  | 'digital'
  | 'employment'
  | 'linkWorkers'
  | 'healthyWeights'
  | 'footballWalking'
  | 'volunteering'
  | 'collegeEsol'
  | 'adultLearning'
  | 'schoolAdmissions'
  | 'housingOptions'
  | 'moneyAdvice'
  | 'domesticAbuse';

export type StaffKey =
  | 'admin'
  | 'commissioner'
  | 'trustManager'
  | 'familySupportWorker'
  | 'familySupportWorker2'
  | 'esolTutor'
  | 'digitalTutor'
  | 'employmentAdviser'
  | 'prescribingManager'
  | 'linkWorker'
  | 'linkWorker2'
  | 'healthyWeightsLead'
  | 'activityCoach'
  | 'volunteeringManager'
  | 'volunteerCoordinator'
  | 'collegeManager'
  | 'collegeEsolTutor'
  | 'councilManager'
  | 'admissionsOfficer'
  | 'housingOfficer'
  | 'adviceManager'
  | 'moneyAdviser'
  | 'refugeManager'
  | 'refugeWorker';

interface OrgSpec {
  name: string;
  kind: string;
  locallyRooted: boolean;
  ward: string | null;
}

interface ServiceSpec {
  org: OrgKey;
  name: string;
  category: string;
  site: string | null;
  ward: string | null;
  capacity?: string;
  sensitive?: boolean;
}

interface StaffSpec {
  org: OrgKey;
  name: string;
  email: string;
  role: string;
  services: ServiceKey[];
  /** What the login is for, shown in the README. */
  purpose: string;
}

export const ORGANISATIONS: Record<OrgKey, OrgSpec> = {
  trust: {
    name: 'Calderbrook Community Trust',
    kind: 'COMMUNITY_ANCHOR',
    locallyRooted: true,
    ward: 'Canalside',
  },
  prescribing: {
    name: 'Calderbrook Social Prescribing',
    kind: 'CHARITY',
    locallyRooted: true,
    ward: 'Park',
  },
  volunteering: {
    name: 'Calderbrook Volunteer Centre',
    kind: 'CHARITY',
    locallyRooted: true,
    ward: 'Northfield',
  },
  college: { name: 'Calderbrook College', kind: 'EDUCATION', locallyRooted: false, ward: 'Brookside' },
  council: { name: 'Calderbrook Council', kind: 'LOCAL_AUTHORITY', locallyRooted: true, ward: "St Mary's" },
  advice: { name: 'Calderbrook Advice Centre', kind: 'CHARITY', locallyRooted: true, ward: 'Park' },
  refuge: { name: 'Safe Harbour Calderbrook', kind: 'CHARITY', locallyRooted: true, ward: null },
};

const ENTERPRISE_CENTRE = 'Old Mill Enterprise Centre';

export const SERVICES: Record<ServiceKey, ServiceSpec> = {
  hilltopCentre: {
    org: 'trust',
    name: "Hilltop Children's Centre",
    category: 'CHILDRENS_CENTRE',
    site: "Hilltop Children's Centre",
    ward: 'Hilltop',
  },
  parkCentre: {
    org: 'trust',
    name: "Park Children's Centre",
    category: 'CHILDRENS_CENTRE',
    site: "Park Children's Centre",
    ward: 'Park',
  },
  moorendCentre: {
    org: 'trust',
    name: "Moorend Children's Centre",
    category: 'CHILDRENS_CENTRE',
    site: "Moorend Children's Centre",
    ward: 'Moorend',
  },
  familySupport: {
    org: 'trust',
    name: 'Family Support',
    category: 'FAMILY_SUPPORT',
    site: "Hilltop Children's Centre",
    ward: 'Hilltop',
  },
  esol: { org: 'trust', name: 'ESOL Entry 2', category: 'ESOL', site: ENTERPRISE_CENTRE, ward: 'Canalside' },
  digital: {
    org: 'trust',
    name: 'Digital Skills',
    category: 'DIGITAL_SKILLS',
    site: ENTERPRISE_CENTRE,
    ward: 'Canalside',
  },
  employment: {
    org: 'trust',
    name: 'Employment Team',
    category: 'EMPLOYMENT_SUPPORT',
    site: ENTERPRISE_CENTRE,
    ward: 'Canalside',
  },
  linkWorkers: {
    org: 'prescribing',
    name: 'Link Workers',
    category: 'SOCIAL_PRESCRIBING',
    site: 'Park Road Health Centre',
    ward: 'Park',
  },
  healthyWeights: {
    org: 'prescribing',
    name: 'Healthy Weights Group',
    category: 'HEALTH_AND_WELLBEING',
    site: 'Park Road Health Centre',
    ward: 'Park',
  },
  footballWalking: {
    org: 'prescribing',
    name: 'Walking and Five-a-side Football',
    category: 'SPORT_AND_ACTIVITY',
    site: 'Brookside Playing Fields',
    ward: 'Brookside',
  },
  volunteering: {
    org: 'volunteering',
    name: 'Volunteer Brokerage',
    category: 'VOLUNTEERING',
    site: 'Northfield Community Hub',
    ward: 'Northfield',
  },
  collegeEsol: {
    org: 'college',
    name: 'College ESOL',
    category: 'ESOL',
    site: 'Brookside Campus',
    ward: 'Brookside',
    capacity: 'WAITLIST',
  },
  adultLearning: {
    org: 'college',
    name: 'Adult Learning',
    category: 'ADULT_LEARNING',
    site: 'Brookside Campus',
    ward: 'Brookside',
  },
  schoolAdmissions: {
    org: 'council',
    name: 'School Admissions Support',
    category: 'EDUCATION',
    site: 'Town Hall',
    ward: "St Mary's",
  },
  housingOptions: {
    org: 'council',
    name: 'Housing Options',
    category: 'HOUSING',
    site: 'Town Hall',
    ward: "St Mary's",
  },
  moneyAdvice: {
    org: 'advice',
    name: 'Money and Benefits Advice',
    category: 'ADVICE',
    site: 'Park Lane Advice Centre',
    ward: 'Park',
  },
  domesticAbuse: {
    org: 'refuge',
    name: 'Domestic Abuse Support',
    category: 'ADVICE',
    site: null,
    ward: null,
    sensitive: true,
  },
};

export const STAFF: Record<StaffKey, StaffSpec> = {
  admin: {
    org: 'council',
    name: 'Priya Shah',
    email: 'admin@calderbrook.example',
    role: 'ADMIN',
    services: [],
    purpose: 'partnership administration, audit log',
  },
  commissioner: {
    org: 'council',
    name: 'Gareth Lumb',
    email: 'commissioner@calderbrook.example',
    role: 'COMMISSIONER',
    services: [],
    purpose: 'analytics for the whole partnership',
  },
  trustManager: {
    org: 'trust',
    name: 'Helen Sutcliffe',
    email: 'manager@trust.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: [
      'hilltopCentre',
      'parkCentre',
      'moorendCentre',
      'familySupport',
      'esol',
      'digital',
      'employment',
    ],
    purpose: 'manager at the community trust',
  },
  familySupportWorker: {
    org: 'trust',
    name: 'Jo Whitaker',
    email: 'family.support@trust.calderbrook.example',
    role: 'FAMILY_SUPPORT_WORKER',
    services: ['familySupport', 'hilltopCentre'],
    purpose: 'family support worker (start of the walkthrough)',
  },
  familySupportWorker2: {
    org: 'trust',
    name: 'Kasia Nowak',
    email: 'kasia.nowak@trust.calderbrook.example',
    role: 'FAMILY_SUPPORT_WORKER',
    services: ['familySupport', 'parkCentre', 'moorendCentre'],
    purpose: 'family support worker',
  },
  esolTutor: {
    org: 'trust',
    name: 'Imran Hussain',
    email: 'esol@trust.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['esol'],
    purpose: 'ESOL tutor at the enterprise centre',
  },
  digitalTutor: {
    org: 'trust',
    name: 'Lee Barraclough',
    email: 'digital@trust.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['digital'],
    purpose: 'digital skills tutor',
  },
  employmentAdviser: {
    org: 'trust',
    name: 'Sandra Ackroyd',
    email: 'employment@trust.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['employment'],
    purpose: 'employment adviser',
  },
  prescribingManager: {
    org: 'prescribing',
    name: 'Tom Greenwood',
    email: 'manager@socialprescribing.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['linkWorkers', 'healthyWeights', 'footballWalking'],
    purpose: 'manager at social prescribing',
  },
  linkWorker: {
    org: 'prescribing',
    name: 'Sam Okafor',
    email: 'link.worker@socialprescribing.calderbrook.example',
    role: 'LINK_WORKER',
    services: ['linkWorkers'],
    purpose: 'link worker (accepts the walkthrough referral)',
  },
  linkWorker2: {
    org: 'prescribing',
    name: 'Bethany Crowther',
    email: 'bethany.crowther@socialprescribing.calderbrook.example',
    role: 'LINK_WORKER',
    services: ['linkWorkers'],
    purpose: 'link worker',
  },
  healthyWeightsLead: {
    org: 'prescribing',
    name: 'Ruth Haigh',
    email: 'healthy.weights@socialprescribing.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['healthyWeights'],
    purpose: 'weight-management group lead',
  },
  activityCoach: {
    org: 'prescribing',
    name: 'Dean Firth',
    email: 'activity@socialprescribing.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['footballWalking'],
    purpose: 'walking and football coach',
  },
  volunteeringManager: {
    org: 'volunteering',
    name: 'Mark Holroyd',
    email: 'manager@volunteering.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['volunteering'],
    purpose: 'manager at the volunteer centre',
  },
  volunteerCoordinator: {
    org: 'volunteering',
    name: 'Aisha Patel',
    email: 'volunteering@volunteering.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['volunteering'],
    purpose: 'volunteer coordinator',
  },
  collegeManager: {
    org: 'college',
    name: 'Fiona Marsden',
    email: 'manager@college.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['collegeEsol', 'adultLearning'],
    purpose: 'manager at the college',
  },
  collegeEsolTutor: {
    org: 'college',
    name: 'Yusuf Mahmood',
    email: 'esol@college.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['collegeEsol', 'adultLearning'],
    purpose: 'college ESOL tutor',
  },
  councilManager: {
    org: 'council',
    name: 'Claire Dyson',
    email: 'manager@council.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['schoolAdmissions', 'housingOptions'],
    purpose: 'manager at the council',
  },
  admissionsOfficer: {
    org: 'council',
    name: 'Neil Shaw',
    email: 'admissions@council.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['schoolAdmissions'],
    purpose: 'school admissions officer',
  },
  housingOfficer: {
    org: 'council',
    name: 'Grace Mensah',
    email: 'housing@council.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['housingOptions'],
    purpose: 'housing options officer',
  },
  adviceManager: {
    org: 'advice',
    name: 'Julie Pickles',
    email: 'manager@advice.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['moneyAdvice'],
    purpose: 'manager at the advice centre',
  },
  moneyAdviser: {
    org: 'advice',
    name: 'Omar Farouk',
    email: 'money@advice.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['moneyAdvice'],
    purpose: 'money and benefits adviser',
  },
  refugeManager: {
    org: 'refuge',
    name: 'Anne Lockwood',
    email: 'manager@safeharbour.calderbrook.example',
    role: 'SERVICE_MANAGER',
    services: ['domesticAbuse'],
    purpose: 'manager at the domestic abuse charity (a sensitive service)',
  },
  refugeWorker: {
    org: 'refuge',
    name: 'Lucy Brennan',
    email: 'support@safeharbour.calderbrook.example',
    role: 'KEY_WORKER',
    services: ['domesticAbuse'],
    purpose: 'domestic abuse support worker',
  },
};

const ORG_KEYS = Object.keys(ORGANISATIONS) as OrgKey[];
const SERVICE_KEYS = Object.keys(SERVICES) as ServiceKey[];
const STAFF_KEYS = Object.keys(STAFF) as StaffKey[];

export const orgId = (k: OrgKey) => demoId(FIXED_NAMESPACE, 'organisations', ORG_KEYS.indexOf(k));
export const serviceId = (k: ServiceKey) => demoId(FIXED_NAMESPACE, 'services', SERVICE_KEYS.indexOf(k));
export const staffId = (k: StaffKey) => demoId(FIXED_NAMESPACE, 'staff', STAFF_KEYS.indexOf(k));

/** Everything about the partnership the generators need, resolved to ids. */
export interface Partnership {
  organisations: OrganisationRow[];
  services: ServiceRow[];
  staff: StaffRow[];
  staffServices: StaffServiceRow[];
  serviceByKey: Record<ServiceKey, ServiceRow>;
  /** Frontline staff (and the service manager last) of each organisation, by organisation id. */
  workersOf: Map<string, StaffRow[]>;
  /** Frontline staff working in each service, by service id (falls back to the organisation's). */
  workersIn: Map<string, StaffRow[]>;
  organisationIds: string[];
  /** The key of each service, by id. */
  keyOfService: Map<string, ServiceKey>;
}

const DAY = 86_400_000;

/** The partnership's rows; organisations exist from 800 days before `asOf`. */
export function buildPartnership(asOf: Date, passwordHash: string): Partnership {
  const founded = new Date(asOf.getTime() - 800 * DAY);
  const at = (minutes: number) => new Date(founded.getTime() + minutes * 60_000);
  const organisations = ORG_KEYS.map((k, i): OrganisationRow => ({
    id: orgId(k),
    name: ORGANISATIONS[k].name,
    kind: ORGANISATIONS[k].kind,
    locally_rooted: ORGANISATIONS[k].locallyRooted,
    ward: ORGANISATIONS[k].ward,
    created_at: at(i),
  }));
  const services = SERVICE_KEYS.map((k, i): ServiceRow => {
    const s = SERVICES[k];
    return {
      id: serviceId(k),
      organisation_id: orgId(s.org),
      name: s.name,
      category: s.category,
      capacity: s.capacity ?? 'OPEN',
      sensitive: s.sensitive ?? false,
      site: s.site,
      ward: s.ward,
      created_at: at(60 + i),
    };
  });
  const staff = STAFF_KEYS.map((k, i): StaffRow => {
    const s = STAFF[k];
    return {
      id: staffId(k),
      email: s.email,
      name: s.name,
      role: s.role,
      organisation_id: orgId(s.org),
      password_hash: passwordHash,
      active: true,
      created_at: at(120 + i),
      updated_at: at(120 + i),
    };
  });
  const staffServices = STAFF_KEYS.flatMap((k) =>
    STAFF[k].services.map((sk) => ({ staff_id: staffId(k), service_id: serviceId(sk) })),
  );
  const serviceByKey = Object.fromEntries(SERVICE_KEYS.map((k, i) => [k, services[i]])) as Record<
    ServiceKey,
    ServiceRow
  >;
  const frontline = ['FAMILY_SUPPORT_WORKER', 'KEY_WORKER', 'LINK_WORKER'];
  const workersOf = new Map<string, StaffRow[]>();
  for (const o of organisations) {
    const mine = staff.filter((s) => s.organisation_id === o.id);
    const list = [
      ...mine.filter((s) => frontline.includes(s.role)),
      ...mine.filter((s) => s.role === 'SERVICE_MANAGER'),
    ];
    if (list.length) workersOf.set(o.id, list);
  }
  const workersIn = new Map<string, StaffRow[]>();
  for (const s of services) {
    const assigned = staffServices
      .filter((ss) => ss.service_id === s.id)
      .map((ss) => staff.find((x) => x.id === ss.staff_id)!)
      .filter((x) => frontline.includes(x.role));
    workersIn.set(s.id, assigned.length ? assigned : workersOf.get(s.organisation_id)!);
  }
  return {
    organisations,
    services,
    staff,
    staffServices,
    serviceByKey,
    workersOf,
    workersIn,
    organisationIds: organisations.map((o) => o.id),
    keyOfService: new Map(SERVICE_KEYS.map((k, i) => [services[i].id, k])),
  };
}

/** The demo logins, for the README and the startup log. */
export function demoLogins(): {
  email: string;
  role: string;
  name: string;
  organisation: string;
  purpose: string;
}[] {
  return STAFF_KEYS.map((k) => ({
    email: STAFF[k].email,
    role: STAFF[k].role,
    name: STAFF[k].name,
    organisation: ORGANISATIONS[STAFF[k].org].name,
    purpose: STAFF[k].purpose,
  }));
}
