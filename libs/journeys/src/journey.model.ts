import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { ServiceCategory } from '#libs/directory';

export enum JourneyEntryKind {
  REGISTERED = 'REGISTERED',
  CONSENT_GIVEN = 'CONSENT_GIVEN',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  REFERRAL_MADE = 'REFERRAL_MADE',
  REFERRAL_STATUS_CHANGED = 'REFERRAL_STATUS_CHANGED',
  WELLBEING_ASSESSED = 'WELLBEING_ASSESSED',
  OUTCOME_RECORDED = 'OUTCOME_RECORDED',
}
registerEnumType(JourneyEntryKind, { name: 'JourneyEntryKind' });

@ObjectType('JourneyEntry')
export class JourneyEntryModel {
  @Field(() => GraphQLDateTime) at: Date;
  @Field(() => JourneyEntryKind) kind: JourneyEntryKind;
  @Field({ description: 'one human-readable line' }) summary: string;
  serviceId: string | null;
  organisationId: string;
  referralId: string | null;
  outcomeId: string | null;
  assessmentId: string | null;
}

@ObjectType('Journey')
export class JourneyModel {
  personId: string;
  @Field(() => [JourneyEntryModel], { description: 'oldest first' }) entries: JourneyEntryModel[];
  @Field(() => Int, { description: 'entries of other organisations withheld for lack of consent' })
  hiddenEntries: number;
  @Field(() => [ServiceCategory], {
    description: 'the threads this person has been referred to, in order of first referral',
  })
  categories: ServiceCategory[];
}
