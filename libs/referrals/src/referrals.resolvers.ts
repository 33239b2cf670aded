import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
import { DirectoryLoaders, ServiceModel, StaffModel } from '#libs/directory';
import { PERSON_VISIBLE_SQL, PersonModel } from '#libs/people';
import { MakeReferralInput, ReferralFilter, TransitionReferralInput } from './referral.inputs.js';
import { isParty, ReferralConnection, ReferralEventModel, ReferralModel } from './referral.model.js';
import { ReferralLoaders } from './referrals.loaders.js';
import { ReferralRelations } from './referral.relations.js';
import { ReferralsQueryService } from './referrals-query.service.js';
import { ReferralsService } from './referrals.service.js';
import { REFERRAL_PERSON_SQL, REFERRAL_VISIBLE_SQL } from './referral-visibility.js';

/** A row when the service $1 exists (every organisation may refer to any service); $2 unused. */
const SERVICE_EXISTS_SQL = 'SELECT 1 FROM services WHERE id = $1 AND $2::uuid IS NOT NULL';
import { FROM_SERVICE_NOT_OURS } from './rules/make-referral-checks.js';

@Resolver(() => ReferralModel)
export class ReferralResolver {
  constructor(
    private readonly commands: ReferralsService,
    private readonly queries: ReferralsQueryService,
    private readonly loaders: ReferralLoaders,
    private readonly relations: ReferralRelations,
    private readonly directory: DirectoryLoaders,
  ) {}

  @CallerCheckedInStatement()
  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.REFERRAL_MAKE, {
    personArg: 'input.personId',
    first: {
      actingFor: [{ arg: 'input.fromServiceId', message: FROM_SERVICE_NOT_OURS }],
      visible: [
        { arg: 'input.personId', sql: PERSON_VISIBLE_SQL, as: 'Person' },
        { arg: 'input.toServiceId', sql: SERVICE_EXISTS_SQL, as: 'Service' },
      ],
    },
  })
  @Mutation(() => ReferralModel)
  makeReferral(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => MakeReferralInput }) input: MakeReferralInput,
  ): Promise<ReferralModel> {
    return this.commands.make(ctx, { ...input });
  }

  @CallerCheckedInStatement()
  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.REFERRAL_TRANSITION, {
    personOf: { sql: REFERRAL_PERSON_SQL, arg: 'input.referralId' },
    first: { visible: [{ arg: 'input.referralId', sql: REFERRAL_VISIBLE_SQL, as: 'Referral' }] },
  })
  @Mutation(() => ReferralModel)
  transitionReferral(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => TransitionReferralInput }) input: TransitionReferralInput,
  ): Promise<ReferralModel> {
    return this.commands.transition(ctx, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.REFERRAL_READ, { personOf: { sql: REFERRAL_PERSON_SQL, arg: 'id' } })
  @Query(() => ReferralModel, {
    nullable: true,
    description: 'null, with a NOT_FOUND error, when not visible',
  })
  referral(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ReferralModel> {
    return this.queries.get(ctx, id);
  }

  @CallerCheckedInStatement()
  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.REFERRAL_READ, { personArg: 'filter.personId' })
  @Query(() => ReferralConnection)
  referrals(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => ReferralFilter, nullable: true }) filter: ReferralFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReferralConnection> {
    // totalCount is counted, the page's people and services read with the page, and the people
    // on the page audited, only when the client asks for them (the referrals themselves, for the last).
    return this.queries.list(
      ctx,
      filter,
      first,
      after,
      fieldSelects(info, 'totalCount'),
      {
        person: fieldSelects(info, 'edges', 'node', 'person'),
        services:
          fieldSelects(info, 'edges', 'node', 'fromService') ||
          fieldSelects(info, 'edges', 'node', 'toService'),
      },
      // A cursor is made of a referral's id and creation time: asking for one is reading the referral.
      fieldSelects(info, 'edges') || fieldSelects(info, 'pageInfo', 'endCursor'),
    );
  }

  // person, fromService and toService: at run time apps/api installs ReferralRelations' direct
  // resolvers in place of these (same roles, no per-call Nest pipeline).
  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => PersonModel)
  async person(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): Promise<PersonModel> {
    return this.relations.person(r, ctx);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ServiceModel, {
    nullable: true,
    description: 'null for a referral from outside the partnership',
  })
  async fromService(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): Promise<ServiceModel | null> {
    return this.relations.fromService(r, ctx);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ServiceModel)
  async toService(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): Promise<ServiceModel> {
    return this.relations.toService(r, ctx);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => StaffModel)
  async createdBy(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): Promise<StaffModel> {
    return (await this.directory.staff(ctx).load(r.createdByStaffId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => [ReferralEventModel], {
    description: 'Oldest first; the first event is the creation (to REQUESTED)',
  })
  history(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): Promise<ReferralEventModel[]> {
    return this.loaders.history(ctx).load(r.id);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to the referring and receiving organisations only',
  })
  note(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): string | null {
    return isParty(r, ctx.actor.organisationId) ? r.noteText : null;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to the referring and receiving organisations only',
  })
  safeguardingJustification(@Parent() r: ReferralModel, @Ctx() ctx: RequestContext): string | null {
    return isParty(r, ctx.actor.organisationId) ? r.safeguardingJustificationText : null;
  }
}

@Resolver(() => ReferralEventModel)
export class ReferralEventResolver {
  constructor(private readonly directory: DirectoryLoaders) {}

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => StaffModel)
  async by(@Parent() e: ReferralEventModel, @Ctx() ctx: RequestContext): Promise<StaffModel> {
    return (await this.directory.staff(ctx).load(e.byStaffId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => String, { nullable: true })
  note(@Parent() e: ReferralEventModel, @Ctx() ctx: RequestContext): string | null {
    return e.partyOrganisationIds.includes(ctx.actor.organisationId) ? e.noteText : null;
  }
}
