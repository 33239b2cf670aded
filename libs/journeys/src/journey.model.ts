import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { OrganisationModel, ServiceCategory, ServiceModel } from '#libs/directory';
import { OutcomeModel, WellbeingAssessmentModel } from '#libs/outcomes';
import { ReferralModel } from '#libs/referrals';

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

/**
 * One entry of a journey. Its relations are plain values, loaded by JourneyService for the entries
 * shown (one statement per relation however long the journey), so reading them costs no resolver
 * call per entry: the entry is only reachable through `journey`, whose guard has already checked
 * the caller.
 */
@ObjectType('JourneyEntry')
export class JourneyEntryModel {
  @Field(() => GraphQLDateTime) at: Date;
  @Field(() => JourneyEntryKind) kind: JourneyEntryKind;
  @Field({ description: 'one human-readable line' }) summary: string;
  @Field(() => ServiceModel, { nullable: true }) service: ServiceModel | null;
  @Field(() => OrganisationModel) organisation: OrganisationModel;
  @Field(() => ReferralModel, { nullable: true }) referral: ReferralModel | null;
  @Field(() => OutcomeModel, { nullable: true }) outcome: OutcomeModel | null;
  @Field(() => WellbeingAssessmentModel, { nullable: true }) assessment: WellbeingAssessmentModel | null;
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
