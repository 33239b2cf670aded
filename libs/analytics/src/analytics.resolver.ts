import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ANALYTICS_ROLES, Ctx, type RequestContext, Roles } from '#libs/common';
import { AnalyticsService } from './analytics.service.js';
import {
  AnalyticsFilterInput,
  FlowReportModel,
  FunnelRowModel,
  OutcomeRowModel,
  PathwayRowModel,
  WellbeingChangeModel,
} from './models/analytics.models.js';
import { FunnelDimension } from './models/enums.js';
import { WellbeingInstrument } from '#libs/outcomes';

const filterArg = { name: 'filter', type: () => AnalyticsFilterInput, nullable: true } as const;

/** Commissioner analytics: thin; every rule lives in AnalyticsService and disclosure control. */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Roles(...ANALYTICS_ROLES)
  @Query(() => FlowReportModel)
  referralFlows(
    @Ctx() ctx: RequestContext,
    @Args(filterArg) filter: AnalyticsFilterInput | null,
  ): Promise<FlowReportModel> {
    return this.analytics.referralFlows(ctx, filter);
  }

  @Roles(...ANALYTICS_ROLES)
  @Query(() => [FunnelRowModel])
  referralFunnel(
    @Ctx() ctx: RequestContext,
    @Args('by', { type: () => FunnelDimension }) by: FunnelDimension,
    @Args(filterArg) filter: AnalyticsFilterInput | null,
  ): Promise<FunnelRowModel[]> {
    return this.analytics.referralFunnel(ctx, by, filter);
  }

  @Roles(...ANALYTICS_ROLES)
  @Query(() => [PathwayRowModel])
  pathways(
    @Ctx() ctx: RequestContext,
    @Args(filterArg) filter: AnalyticsFilterInput | null,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit: number | null,
  ): Promise<PathwayRowModel[]> {
    return this.analytics.pathways(ctx, filter, limit);
  }

  @Roles(...ANALYTICS_ROLES)
  @Query(() => WellbeingChangeModel)
  wellbeingChange(
    @Ctx() ctx: RequestContext,
    @Args('instrument', { type: () => WellbeingInstrument }) instrument: WellbeingInstrument,
    @Args(filterArg) filter: AnalyticsFilterInput | null,
  ): Promise<WellbeingChangeModel> {
    return this.analytics.wellbeingChange(ctx, instrument, filter);
  }

  @Roles(...ANALYTICS_ROLES)
  @Query(() => [OutcomeRowModel])
  outcomeSummary(
    @Ctx() ctx: RequestContext,
    @Args(filterArg) filter: AnalyticsFilterInput | null,
  ): Promise<OutcomeRowModel[]> {
    return this.analytics.outcomeSummary(ctx, filter);
  }
}
