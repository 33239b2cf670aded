import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Role, Roles } from '#libs/common';
import { DIRECTORY_MANAGER_ROLES } from './directory-access.js';
import { ServiceCapacity } from './enums.js';
import { CreateOrganisationInput } from './organisations/create-organisation.input.js';
import { OrganisationModel } from './organisations/organisation.model.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { CreateServiceInput } from './services/create-service.input.js';
import { ServiceModel } from './services/service.model.js';
import { ServicesService } from './services/services.service.js';
import { CreateStaffInput } from './staff/create-staff.input.js';
import { StaffModel } from './staff/staff.model.js';
import { StaffService } from './staff/staff.service.js';

/** The directory's mutations: thin, one service call each; the guard checks the roles declared here. */
@Resolver()
export class DirectoryMutations {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly services: ServicesService,
    private readonly staff: StaffService,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => OrganisationModel)
  createOrganisation(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateOrganisationInput }) input: CreateOrganisationInput,
  ): Promise<OrganisationModel> {
    return this.organisations.create(ctx, input);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @Mutation(() => ServiceModel)
  createService(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateServiceInput }) input: CreateServiceInput,
  ): Promise<ServiceModel> {
    return this.services.create(ctx, input);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @Mutation(() => ServiceModel)
  setServiceCapacity(
    @Ctx() ctx: RequestContext,
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Args('capacity', { type: () => ServiceCapacity }) capacity: ServiceCapacity,
  ): Promise<ServiceModel> {
    return this.services.setCapacity(ctx, serviceId, capacity);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @Mutation(() => StaffModel)
  createStaff(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateStaffInput }) input: CreateStaffInput,
  ): Promise<StaffModel> {
    return this.staff.create(ctx, input);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @Mutation(() => StaffModel)
  setStaffActive(
    @Ctx() ctx: RequestContext,
    @Args('staffId', { type: () => ID }) staffId: string,
    @Args('active', { type: () => Boolean }) active: boolean,
  ): Promise<StaffModel> {
    return this.staff.setActive(ctx, staffId, active);
  }
}
