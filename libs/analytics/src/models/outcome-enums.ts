import { registerEnumType } from '@nestjs/graphql';

/*
 * The outcome enums of the contract. They belong to libs/outcomes; until that library lands on
 * main they are registered here (exactly one registration per GraphQL name must exist).
 */

export enum WellbeingInstrument {
  SWEMWBS = 'SWEMWBS',
  ONS4 = 'ONS4',
}

export enum OutcomeType {
  STARTED_VOLUNTEERING = 'STARTED_VOLUNTEERING',
  VOLUNTEERING_HOURS = 'VOLUNTEERING_HOURS',
  ESOL_LEVEL_ACHIEVED = 'ESOL_LEVEL_ACHIEVED',
  QUALIFICATION_GAINED = 'QUALIFICATION_GAINED',
  ENTERED_EDUCATION_OR_TRAINING = 'ENTERED_EDUCATION_OR_TRAINING',
  ENTERED_EMPLOYMENT = 'ENTERED_EMPLOYMENT',
  SUSTAINED_EMPLOYMENT = 'SUSTAINED_EMPLOYMENT',
  CHILD_SCHOOL_PLACE = 'CHILD_SCHOOL_PLACE',
  IMPROVED_HOUSING = 'IMPROVED_HOUSING',
  REDUCED_ISOLATION = 'REDUCED_ISOLATION',
  HEALTHIER_LIFESTYLE = 'HEALTHIER_LIFESTYLE',
  OTHER = 'OTHER',
}

registerEnumType(WellbeingInstrument, { name: 'WellbeingInstrument' });
registerEnumType(OutcomeType, { name: 'OutcomeType' });
