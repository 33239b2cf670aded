import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AnyRole, AppError, Ctx, type RequestContext, Roles } from '#libs/common';
import { DIRECTORY_MANAGER_ROLES } from './directory-access.js';
import { DirectoryLoaders } from './directory.loaders.js';
import { DirectoryService } from './directory.service.js';
import { ServiceCategory } from './enums.js';
import { OrganisationModel } from './organisations/organisation.model.js';
import { ServiceModel } from './services/service.model.js';
import { StaffModel } from './staff/staff.model.js';
import { StaffService } from './staff/staff.service.js';

@Resolver(() => StaffModel)
export class StaffResolver {
  constructor(
    private readonly staffMembers: StaffService,
    private readonly loaders: DirectoryLoaders,
  ) {}

  @AnyRole()
  @Query(() => StaffModel)
  async me(@Ctx() ctx: RequestContext): Promise<StaffModel> {
    const me = await this.loaders.staff(ctx).load(ctx.actor.staffId);
    if (!me) throw AppError.unauthenticated();
    return me;
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @Query(() => [StaffModel], {
    description:
      "An organisation's staff, by name: for an ADMIN any organisation's, for a SERVICE_MANAGER its own (FORBIDDEN otherwise). NOT_FOUND when the organisation does not exist.",
  })
  staff(
    @Ctx() ctx: RequestContext,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<StaffModel[]> {
    return this.staffMembers.listOf(ctx, organisationId);
  }

  @AnyRole()
  @ResolveField(() => OrganisationModel)
  async organisation(@Parent() staff: StaffModel, @Ctx() ctx: RequestContext): Promise<OrganisationModel> {
    return (await this.loaders.organisation(ctx).load(staff.organisationId))!;
  }

  @AnyRole()
  @ResolveField(() => [ServiceModel])
  services(@Parent() staff: StaffModel, @Ctx() ctx: RequestContext): Promise<ServiceModel[]> {
    return this.loaders.servicesOfStaff(ctx).load(staff.id);
  }
}

@Resolver(() => OrganisationModel)
export class OrganisationResolver {
  constructor(
    private readonly directory: DirectoryService,
    private readonly loaders: DirectoryLoaders,
  ) {}

  @AnyRole()
  @Query(() => [OrganisationModel])
  organisations(): Promise<OrganisationModel[]> {
    return this.directory.listOrganisations();
  }

  @AnyRole()
  @ResolveField(() => [ServiceModel])
  services(@Parent() org: OrganisationModel, @Ctx() ctx: RequestContext): Promise<ServiceModel[]> {
    return this.loaders.servicesOfOrganisation(ctx).load(org.id);
  }
}

@Resolver(() => ServiceModel)
export class ServiceResolver {
  constructor(
    private readonly directory: DirectoryService,
    private readonly loaders: DirectoryLoaders,
  ) {}

  @AnyRole()
  @Query(() => [ServiceModel])
  services(
    @Args('category', { type: () => ServiceCategory, nullable: true }) category: ServiceCategory | null,
  ): Promise<ServiceModel[]> {
    return this.directory.listServices(category ?? null);
  }

  @AnyRole()
  @ResolveField(() => OrganisationModel)
  async organisation(
    @Parent() service: ServiceModel,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationModel> {
    return (await this.loaders.organisation(ctx).load(service.organisationId))!;
  }
}
