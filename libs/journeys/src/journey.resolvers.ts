import { Args, ID, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AuditedAs,
  CallerCheckedInStatement,
  Ctx,
  fieldSelects,
  PERSON_DATA_ROLES,
  type RequestContext,
  Roles,
} from '#libs/common';
import { AuditAction } from '#libs/audit';
import { PeopleLoaders, PersonModel } from '#libs/people';
import { JourneyModel } from './journey.model.js';
import { JOURNEY_RELATIONS, type JourneyRelation, JourneyService } from './journey.service.js';

@Resolver(() => JourneyModel)
export class JourneyResolver {
  constructor(
    private readonly journeys: JourneyService,
    private readonly people: PeopleLoaders,
  ) {}

  @CallerCheckedInStatement()
  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.JOURNEY_READ, { personArg: 'personId' })
  @Query(() => JourneyModel, {
    nullable: true,
    description: 'null, with a NOT_FOUND error, when not visible',
  })
  journey(
    @Ctx() ctx: RequestContext,
    @Args('personId', { type: () => ID }) personId: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<JourneyModel> {
    // The entries' relations are loaded only when asked for.
    const wanted = Object.fromEntries(
      JOURNEY_RELATIONS.map((r) => [r, fieldSelects(info, 'entries', r)]),
    ) as Record<JourneyRelation, boolean>;
    return this.journeys.journey(ctx, personId, wanted);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => PersonModel)
  async person(@Parent() j: JourneyModel, @Ctx() ctx: RequestContext): Promise<PersonModel> {
    return (await this.people.person(ctx).load(j.personId))!;
  }
}
