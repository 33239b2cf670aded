import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditedAs, Ctx, PERSON_DATA_ROLES, type RequestContext, Roles } from '#libs/common';
import { AuditAction } from '#libs/audit';
import { PeopleLoaders, PersonModel } from '#libs/people';
import { JourneyModel } from './journey.model.js';
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
