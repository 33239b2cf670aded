import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditedAs, Ctx, PERSON_DATA_ROLES, type RequestContext, Roles } from '#libs/common';
import { AuditAction } from '#libs/audit';
import { DirectoryLoaders, OrganisationModel, ServiceModel } from '#libs/directory';
import { OutcomeModel, OutcomesLoaders, WellbeingAssessmentModel } from '#libs/outcomes';
import { PeopleLoaders, PersonModel } from '#libs/people';
import { ReferralLoaders, ReferralModel } from '#libs/referrals';
import { JourneyEntryModel, JourneyModel } from './journey.model.js';
import { JourneyService } from './journey.service.js';

@Resolver(() => JourneyModel)
export class JourneyResolver {
  constructor(
    private readonly journeys: JourneyService,
    private readonly people: PeopleLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.JOURNEY_READ, { personArg: 'personId' })
  @Query(() => JourneyModel, {
    nullable: true,
    description: 'null, with a NOT_FOUND error, when not visible',
  })
  journey(
    @Ctx() ctx: RequestContext,
    @Args('personId', { type: () => ID }) personId: string,
  ): Promise<JourneyModel> {
    return this.journeys.journey(ctx, personId);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => PersonModel)
  async person(@Parent() j: JourneyModel, @Ctx() ctx: RequestContext): Promise<PersonModel> {
    return (await this.people.person(ctx).load(j.personId))!;
  }
}

@Resolver(() => JourneyEntryModel)
export class JourneyEntryResolver {
  constructor(
    private readonly directory: DirectoryLoaders,
    private readonly referrals: ReferralLoaders,
    private readonly outcomes: OutcomesLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ServiceModel, { nullable: true })
  service(@Parent() e: JourneyEntryModel, @Ctx() ctx: RequestContext): Promise<ServiceModel | null> {
    return e.serviceId ? this.directory.service(ctx).load(e.serviceId) : Promise.resolve(null);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => OrganisationModel)
  async organisation(@Parent() e: JourneyEntryModel, @Ctx() ctx: RequestContext): Promise<OrganisationModel> {
    return (await this.directory.organisation(ctx).load(e.organisationId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ReferralModel, { nullable: true })
  referral(@Parent() e: JourneyEntryModel, @Ctx() ctx: RequestContext): Promise<ReferralModel | null> {
    return e.referralId ? this.referrals.referral(ctx).load(e.referralId) : Promise.resolve(null);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => OutcomeModel, { nullable: true })
  outcome(@Parent() e: JourneyEntryModel, @Ctx() ctx: RequestContext): Promise<OutcomeModel | null> {
    return e.outcomeId ? this.outcomes.outcome(ctx).load(e.outcomeId) : Promise.resolve(null);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => WellbeingAssessmentModel, { nullable: true })
  assessment(
    @Parent() e: JourneyEntryModel,
    @Ctx() ctx: RequestContext,
  ): Promise<WellbeingAssessmentModel | null> {
    return e.assessmentId ? this.outcomes.assessment(ctx).load(e.assessmentId) : Promise.resolve(null);
  }
}
