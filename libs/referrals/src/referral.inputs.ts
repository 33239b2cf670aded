import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Need, ReferralDirection, ReferralReason, ReferralRoute, ReferralStatus } from './enums.js';

@InputType('MakeReferralInput')
export class MakeReferralInput {
  @Field(() => ID) personId: string;
  @Field(() => ID, { nullable: true, description: 'Omit for a referral from outside the partnership' })
  fromServiceId?: string | null;
  @Field(() => ID) toServiceId: string;
  @Field(() => ReferralRoute) route: ReferralRoute;
  @Field(() => [Need]) needs: Need[];
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Same key + same input returns the same referral' })
  idempotencyKey?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Sends without REFERRAL_SHARING consent; see CONTRACT.md section 4',
  })
  safeguardingJustification?: string | null;
}

@InputType('TransitionReferralInput')
export class TransitionReferralInput {
  @Field(() => ID) referralId: string;
  @Field(() => ReferralStatus) to: ReferralStatus;
  @Field(() => ReferralReason, { nullable: true }) reason?: ReferralReason | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { description: 'The version the caller last saw; a mismatch is a CONFLICT' })
  expectedVersion: number;
}

@InputType('ReferralFilter')
export class ReferralFilter {
  @Field(() => ReferralDirection, { nullable: true, defaultValue: ReferralDirection.ALL })
  direction?: ReferralDirection | null;
  @Field(() => [ReferralStatus], { nullable: true }) statuses?: ReferralStatus[] | null;
  @Field(() => ID, {
    nullable: true,
    description: 'toService for INBOX, fromService for OUTBOX, either for ALL',
  })
  serviceId?: string | null;
  @Field(() => ID, { nullable: true }) personId?: string | null;
}
