import { Field, Float, InputType, Int, ObjectType, ID } from '@nestjs/graphql';
import { GraphQLDate } from '#libs/common';
import { ServiceCategory } from '#libs/directory';
import { OutcomeType, WellbeingInstrument } from '#libs/outcomes';

@ObjectType('Count', {
  description:
    'A count after disclosure control: small counts are suppressed and the rest rounded (see CONTRACT.md). value is null when suppressed.',
})
export class CountModel {
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
  @Field({ description: '"*" when suppressed, else the (rounded) number' }) display: string;
}

@InputType('AnalyticsFilter')
export class AnalyticsFilterInput {
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'from the first day of this month (referral created / assessment taken / outcome achieved)',
  })
  from?: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'up to the last day of this month, inclusive' })
  to?: string | null;
  @Field(() => [ID], { nullable: true }) organisationIds?: string[] | null;
  @Field(() => [ServiceCategory], { nullable: true }) categories?: ServiceCategory[] | null;
  @Field(() => [String], { nullable: true }) wards?: string[] | null;
}

@ObjectType('FlowCell')
export class FlowCellModel {
  @Field(() => ServiceCategory, {
    nullable: true,
    description: 'null for referrals from outside the partnership',
  })
  fromCategory: ServiceCategory | null;
  @Field(() => ServiceCategory) toCategory: ServiceCategory;
  @Field(() => CountModel) referred: CountModel;
  @Field(() => CountModel, { description: 'reached ACCEPTED at any point' }) accepted: CountModel;
  @Field(() => CountModel) completed: CountModel;
  @Field(() => Float, {
    nullable: true,
    description: "whole days; null when the cell's accepted count is 0 or suppressed",
  })
  medianDaysToAccept: number | null;
}

@ObjectType('FlowReport')
export class FlowReportModel {
  @Field(() => [FlowCellModel]) cells: FlowCellModel[];
  @Field(() => CountModel) total: CountModel;
}

@ObjectType('FunnelRow')
export class FunnelRowModel {
  @Field({ description: 'e.g. "GP", "ESOL", "Park", "25-34", "not recorded"' }) group: string;
  @Field(() => CountModel) referred: CountModel;
  @Field(() => CountModel, { description: 'reached ACCEPTED at any point' }) accepted: CountModel;
  @Field(() => CountModel, { description: 'reached IN_PROGRESS or COMPLETED at any point' })
  started: CountModel;
  @Field(() => CountModel) completed: CountModel;
}

@ObjectType('PathwayRow')
export class PathwayRowModel {
  @Field(() => [ServiceCategory], {
    description: "categories in order of each person's first referral to them",
  })
  steps: ServiceCategory[];
  @Field(() => CountModel) people: CountModel;
}

@ObjectType('WellbeingItemChange')
export class WellbeingItemChangeModel {
  @Field({
    description: '"metric" for SWEMWBS; "lifeSatisfaction", "worthwhile", "happiness", "anxiety" for ONS4',
  })
  item: string;
  @Field(() => Float, { nullable: true, description: 'null when pairedPeople is suppressed' })
  meanBaseline: number | null;
  @Field(() => Float, { nullable: true }) meanFollowUp: number | null;
  @Field(() => Float, { nullable: true }) meanChange: number | null;
}

@ObjectType('WellbeingChange')
export class WellbeingChangeModel {
  @Field(() => WellbeingInstrument) instrument: WellbeingInstrument;
  @Field(() => CountModel, { description: 'people with a baseline and a later follow-up' })
  pairedPeople: CountModel;
  @Field(() => [WellbeingItemChangeModel]) items: WellbeingItemChangeModel[];
  @Field(() => CountModel, {
    description: 'SWEMWBS: metric score up by 3 or more; ONS4: life satisfaction up at least one band',
  })
  improvedMeaningfully: CountModel;
  @Field(() => String, { nullable: true, description: 'set when fewer than 30 people are paired' })
  warning: string | null;
}

@ObjectType('OutcomeRow')
export class OutcomeRowModel {
  @Field(() => OutcomeType) type: OutcomeType;
  @Field(() => CountModel) contracted: CountModel;
  @Field(() => CountModel) addedValue: CountModel;
}
