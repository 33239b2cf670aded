import { Field, ID, InputType } from '@nestjs/graphql';
import { GraphQLDate, GraphQLDateTime } from '#libs/common';
import { ConsentGiver, ConsentPurpose } from './enums.js';

@InputType('EqualityMonitoringInput')
export class EqualityMonitoringInput {
  @Field(() => String, { nullable: true }) gender?: string | null;
  @Field(() => String, { nullable: true }) ethnicity?: string | null;
  @Field(() => Boolean, { nullable: true }) disability?: boolean | null;
}

@InputType('RegisterPersonInput')
export class RegisterPersonInput {
  @Field() givenName: string;
  @Field() familyName: string;
  @Field(() => GraphQLDate, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) interpreterNeeded?: boolean | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
  @Field(() => String, { nullable: true }) ward?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) nhsNumber?: string | null;
  @Field(() => EqualityMonitoringInput, { nullable: true }) equality?: EqualityMonitoringInput | null;
}

@InputType('UpdatePersonInput')
export class UpdatePersonInput {
  @Field(() => String, { nullable: true }) givenName?: string | null;
  @Field(() => String, { nullable: true }) familyName?: string | null;
  @Field(() => GraphQLDate, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage?: string | null;
  @Field(() => Boolean, { nullable: true }) interpreterNeeded?: boolean | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
  @Field(() => String, { nullable: true }) ward?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) nhsNumber?: string | null;
  @Field(() => EqualityMonitoringInput, { nullable: true }) equality?: EqualityMonitoringInput | null;
}

@InputType('RecordConsentInput')
export class RecordConsentInput {
  @Field(() => ID) personId: string;
  @Field(() => ConsentPurpose) purpose: ConsentPurpose;
  @Field(() => [ID], {
    nullable: true,
    description: 'Omit for every organisation of the partnership at this moment',
  })
  organisationIds?: string[] | null;
  @Field(() => ConsentGiver, { nullable: true, defaultValue: ConsentGiver.PERSON })
  givenBy?: ConsentGiver | null;
  @Field(() => GraphQLDateTime, { nullable: true }) expiresAt?: Date | null;
}
