import type {
  ConsentGiver,
  ConsentPurpose,
  EsolLevel,
  Need,
  OrganisationKind,
  OutcomeType,
  ReferralRoute,
  Role,
  ServiceCapacity,
  ServiceCategory,
} from './gql/graphql';

/** Plain-English words for the API's enum values. */
export const CATEGORY: Record<ServiceCategory, string> = {
  CHILDRENS_CENTRE: "Children's centre",
  FAMILY_SUPPORT: 'Family support',
  ESOL: 'English for speakers of other languages (ESOL)',
  DIGITAL_SKILLS: 'Digital skills',
  ADULT_LEARNING: 'Adult learning',
  SOCIAL_PRESCRIBING: 'Social prescribing',
  VOLUNTEERING: 'Volunteering',
  EMPLOYMENT_SUPPORT: 'Employment support',
  HEALTH_AND_WELLBEING: 'Health and wellbeing',
  SPORT_AND_ACTIVITY: 'Sport and activity',
  EDUCATION: 'Education',
  ADVICE: 'Advice',
  HOUSING: 'Housing',
  OTHER: 'Other',
};

/** One colour per thread, all at least 3:1 against white for the timeline dots and keys. */
export const CATEGORY_COLOUR: Record<ServiceCategory, string> = {
  CHILDRENS_CENTRE: '#ae2573',
  FAMILY_SUPPORT: '#d5281b',
  ESOL: '#005eb8',
  DIGITAL_SKILLS: '#330072',
  ADULT_LEARNING: '#7c2855',
  SOCIAL_PRESCRIBING: '#007f3b',
  VOLUNTEERING: '#006747',
  EMPLOYMENT_SUPPORT: '#003087',
  HEALTH_AND_WELLBEING: '#00796f',
  SPORT_AND_ACTIVITY: '#a85400',
  EDUCATION: '#41475e',
  ADVICE: '#768692',
  HOUSING: '#8a1538',
  OTHER: '#4c6272',
};

export const CAPACITY: Record<ServiceCapacity, string> = {
  OPEN: 'Open',
  WAITLIST: 'Waiting list',
  CLOSED: 'Closed to referrals',
};

export const NEED: Record<Need, string> = {
  ENGLISH_LANGUAGE: 'English language',
  SOCIAL_ISOLATION: 'Social isolation',
  MENTAL_WELLBEING: 'Mental wellbeing',
  PHYSICAL_ACTIVITY: 'Physical activity',
  HEALTHY_EATING: 'Healthy eating',
  EMPLOYMENT: 'Employment',
  SKILLS_AND_TRAINING: 'Skills and training',
  DIGITAL_INCLUSION: 'Digital inclusion',
  FINANCE_AND_DEBT: 'Money and debt',
  HOUSING: 'Housing',
  PARENTING_AND_FAMILY: 'Parenting and family',
  CHILDCARE: 'Childcare',
  CHILDRENS_EDUCATION: "Children's education",
  VOLUNTEERING: 'Volunteering',
  OTHER: 'Other',
};

export const ROUTE: Record<ReferralRoute, string> = {
  STAFF: 'From a partnership service',
  SELF: 'Self-referral',
  GP: 'GP',
  HEALTH_VISITOR: 'Health visitor',
  SCHOOL: 'School',
  JOBCENTRE: 'Jobcentre',
  COUNCIL: 'Council',
  OTHER: 'Other',
};

export const ROLE: Record<Role, string> = {
  ADMIN: 'Administrator',
  SERVICE_MANAGER: 'Service manager',
  FAMILY_SUPPORT_WORKER: 'Family support worker',
  KEY_WORKER: 'Key worker',
  LINK_WORKER: 'Link worker',
  COMMISSIONER: 'Commissioner',
};

export const ORG_KIND: Record<OrganisationKind, string> = {
  COMMUNITY_ANCHOR: 'Community anchor',
  CHARITY: 'Charity',
  SOCIAL_ENTERPRISE: 'Social enterprise',
  LOCAL_AUTHORITY: 'Local authority',
  NHS: 'NHS',
  EDUCATION: 'Education',
  PRIVATE: 'Private',
  OTHER: 'Other',
};

export const PURPOSE: Record<ConsentPurpose, string> = {
  REFERRAL_SHARING: 'Share details when referring',
  JOURNEY_SHARING: 'Share their journey across organisations',
};

export const GIVER: Record<ConsentGiver, string> = {
  PERSON: 'The person',
  PARENT_OR_GUARDIAN: 'A parent or guardian',
  REPRESENTATIVE: 'An appointed representative',
};

export const OUTCOME: Record<OutcomeType, string> = {
  STARTED_VOLUNTEERING: 'Started volunteering',
  VOLUNTEERING_HOURS: 'Volunteering hours',
  ESOL_LEVEL_ACHIEVED: 'ESOL level achieved',
  QUALIFICATION_GAINED: 'Qualification gained',
  ENTERED_EDUCATION_OR_TRAINING: 'Entered education or training',
  ENTERED_EMPLOYMENT: 'Entered employment',
  SUSTAINED_EMPLOYMENT: 'Sustained employment',
  CHILD_SCHOOL_PLACE: 'Child got a school place',
  IMPROVED_HOUSING: 'Improved housing',
  REDUCED_ISOLATION: 'Less isolated',
  HEALTHIER_LIFESTYLE: 'Healthier lifestyle',
  OTHER: 'Other',
};

export const ESOL_LEVEL: Record<EsolLevel, string> = {
  PRE_ENTRY: 'Pre-entry',
  ENTRY_1: 'Entry 1',
  ENTRY_2: 'Entry 2',
  ENTRY_3: 'Entry 3',
  LEVEL_1: 'Level 1',
  LEVEL_2: 'Level 2',
};

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}

/** Today's date in Europe/London as YYYY-MM-DD. */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
