import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLDate } from '#libs/common';
import { EsolLevel, OutcomeType, WellbeingInstrument } from './enums.js';

/** Shapes only: the rules are checked in OutcomesService, after the access checks. */
@InputType()
export class RecordWellbeingInput {
  @Field(() => ID) personId: string;
  @Field(() => ID) serviceId: string;
  @Field(() => WellbeingInstrument) instrument: WellbeingInstrument;
  @Field(() => [Int]) responses: number[];
  @Field(() => GraphQLDate) takenOn: string;
}

@InputType()
export class RecordOutcomeInput {
  @Field(() => ID) personId: string;
  @Field(() => ID) serviceId: string;
  @Field(() => ID, { nullable: true }) referralId?: string | null;
  @Field(() => OutcomeType) type: OutcomeType;
  @Field(() => GraphQLDate) achievedOn: string;
  @Field(() => EsolLevel, { nullable: true }) esolLevel?: EsolLevel | null;
  @Field(() => Float, { nullable: true }) hours?: number | null;
  @Field() contracted: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}
