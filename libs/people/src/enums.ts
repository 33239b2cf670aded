import { registerEnumType } from '@nestjs/graphql';

export enum ConsentGiver {
  PERSON = 'PERSON',
  PARENT_OR_GUARDIAN = 'PARENT_OR_GUARDIAN',
  REPRESENTATIVE = 'REPRESENTATIVE',
}

export enum ConsentPurpose {
  REFERRAL_SHARING = 'REFERRAL_SHARING',
  JOURNEY_SHARING = 'JOURNEY_SHARING',
}

registerEnumType(ConsentGiver, { name: 'ConsentGiver' });
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose' });
