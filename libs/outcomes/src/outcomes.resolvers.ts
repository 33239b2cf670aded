import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AuditedAs,
  type CheckedFirst,
  Ctx,
  PERSON_DATA_ROLES,
  type RequestContext,
  Roles,
} from '#libs/common';
import { AuditAction } from '#libs/audit';
import { DirectoryLoaders, ServiceModel, StaffModel } from '#libs/directory';
import { PeopleLoaders, PERSON_VISIBLE_SQL, PersonModel } from '#libs/people';
import { ReferralLoaders, ReferralModel } from '#libs/referrals';
import { OutcomeModel } from './outcome.model.js';
import { RecordOutcomeInput, RecordWellbeingInput } from './outcomes.inputs.js';
import { OutcomesService, SERVICE_NOT_OURS } from './outcomes.service.js';
import { WellbeingAssessmentModel } from './wellbeing.model.js';

/**
 * What recording an assessment or outcome checks before its input rules: the recording service is
 * the caller's organisation's, then the person is visible to it.
 */
const RECORDED_FOR_PERSON_BY_SERVICE: CheckedFirst = {
  actingFor: [{ arg: 'input.serviceId', message: SERVICE_NOT_OURS }],
  visible: [{ arg: 'input.personId', sql: PERSON_VISIBLE_SQL, as: 'Person' }],
};

@Resolver(() => WellbeingAssessmentModel)
export class WellbeingResolver {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly people: PeopleLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.WELLBEING_RECORD, {
    personArg: 'input.personId',
    first: RECORDED_FOR_PERSON_BY_SERVICE,
  })
  @Mutation(() => WellbeingAssessmentModel)
  recordWellbeing(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RecordWellbeingInput }) input: RecordWellbeingInput,
  ): Promise<WellbeingAssessmentModel> {
    return this.outcomes.recordWellbeing(ctx, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => PersonModel)
  async person(@Parent() a: WellbeingAssessmentModel, @Ctx() ctx: RequestContext): Promise<PersonModel> {
    return (await this.people.person(ctx).load(a.personId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ServiceModel)
  async service(@Parent() a: WellbeingAssessmentModel, @Ctx() ctx: RequestContext): Promise<ServiceModel> {
    return (await this.directory.service(ctx).load(a.serviceId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => StaffModel)
  async recordedBy(@Parent() a: WellbeingAssessmentModel, @Ctx() ctx: RequestContext): Promise<StaffModel> {
    return (await this.directory.staff(ctx).load(a.recordedByStaffId))!;
  }
}

@Resolver(() => OutcomeModel)
export class OutcomeResolver {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly people: PeopleLoaders,
    private readonly directory: DirectoryLoaders,
    private readonly referrals: ReferralLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.OUTCOME_RECORD, {
    personArg: 'input.personId',
    first: RECORDED_FOR_PERSON_BY_SERVICE,
  })
  @Mutation(() => OutcomeModel)
  recordOutcome(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RecordOutcomeInput }) input: RecordOutcomeInput,
  ): Promise<OutcomeModel> {
    return this.outcomes.recordOutcome(ctx, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => PersonModel)
  async person(@Parent() o: OutcomeModel, @Ctx() ctx: RequestContext): Promise<PersonModel> {
    return (await this.people.person(ctx).load(o.personId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ServiceModel, { description: 'the service that records it' })
  async service(@Parent() o: OutcomeModel, @Ctx() ctx: RequestContext): Promise<ServiceModel> {
    return (await this.directory.service(ctx).load(o.serviceId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => StaffModel)
  async recordedBy(@Parent() o: OutcomeModel, @Ctx() ctx: RequestContext): Promise<StaffModel> {
    return (await this.directory.staff(ctx).load(o.recordedByStaffId))!;
  }

  /** The referral it was tied to; absent (null) when it has since been entered in error, except for its creator. */
  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => ReferralModel, { nullable: true })
  async referral(@Parent() o: OutcomeModel, @Ctx() ctx: RequestContext): Promise<ReferralModel | null> {
    if (!o.referralId) return null;
    const r = await this.referrals.referral(ctx).load(o.referralId);
    if (!r) return null;
    if (r.status === 'ENTERED_IN_ERROR' && r.creatorOrganisationId !== ctx.actor.organisationId) return null;
    return r;
  }
}
