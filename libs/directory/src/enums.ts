import { registerEnumType } from '@nestjs/graphql';

export enum OrganisationKind {
  COMMUNITY_ANCHOR = 'COMMUNITY_ANCHOR',
  CHARITY = 'CHARITY',
  SOCIAL_ENTERPRISE = 'SOCIAL_ENTERPRISE',
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  NHS = 'NHS',
  EDUCATION = 'EDUCATION',
  PRIVATE = 'PRIVATE',
  OTHER = 'OTHER',
}

export enum ServiceCategory {
  CHILDRENS_CENTRE = 'CHILDRENS_CENTRE',
  FAMILY_SUPPORT = 'FAMILY_SUPPORT',
  ESOL = 'ESOL',
  DIGITAL_SKILLS = 'DIGITAL_SKILLS',
  ADULT_LEARNING = 'ADULT_LEARNING',
  SOCIAL_PRESCRIBING = 'SOCIAL_PRESCRIBING',
  VOLUNTEERING = 'VOLUNTEERING',
  EMPLOYMENT_SUPPORT = 'EMPLOYMENT_SUPPORT',
  HEALTH_AND_WELLBEING = 'HEALTH_AND_WELLBEING',
  SPORT_AND_ACTIVITY = 'SPORT_AND_ACTIVITY',
  EDUCATION = 'EDUCATION',
  ADVICE = 'ADVICE',
  HOUSING = 'HOUSING',
  OTHER = 'OTHER',
}

export enum ServiceCapacity {
  OPEN = 'OPEN',
  WAITLIST = 'WAITLIST',
  CLOSED = 'CLOSED',
}

registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(ServiceCategory, { name: 'ServiceCategory' });
registerEnumType(ServiceCapacity, { name: 'ServiceCapacity' });
