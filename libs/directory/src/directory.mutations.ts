import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ChecksFirst, Ctx, idAsSent, type RequestContext, Role, Roles, valueAt } from '#libs/common';
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
  @ChecksFirst('createServiceFirst')
  @Mutation(() => ServiceModel)
  createService(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateServiceInput }) input: CreateServiceInput,
  ): Promise<ServiceModel> {
    return this.services.create(ctx, input);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @ChecksFirst('setServiceCapacityFirst')
  @Mutation(() => ServiceModel)
  setServiceCapacity(
    @Ctx() ctx: RequestContext,
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Args('capacity', { type: () => ServiceCapacity }) capacity: ServiceCapacity,
  ): Promise<ServiceModel> {
    return this.services.setCapacity(ctx, serviceId, capacity);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @ChecksFirst('createStaffFirst')
  @Mutation(() => StaffModel)
  createStaff(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateStaffInput }) input: CreateStaffInput,
  ): Promise<StaffModel> {
    return this.staff.create(ctx, input);
  }

  @Roles(...DIRECTORY_MANAGER_ROLES)
  @ChecksFirst('setStaffActiveFirst')
  @Mutation(() => StaffModel)
  setStaffActive(
    @Ctx() ctx: RequestContext,
    @Args('staffId', { type: () => ID }) staffId: string,
    @Args('active', { type: () => Boolean }) active: boolean,
  ): Promise<StaffModel> {
    return this.staff.setActive(ctx, staffId, active);
  }

  // What each mutation checks before its input rules, from its arguments as the client sent them,
  // for when the variables did not coerce (ChecksFirst); an argument that cannot be read is left to
  // the input rules.

  async createServiceFirst(ctx: RequestContext, args: Record<string, unknown>): Promise<void> {
    const organisationId = idAsSent(valueAt(args, 'input.organisationId'));
    if (organisationId !== null) await this.services.checkCreate(ctx, organisationId);
  }

  async setServiceCapacityFirst(ctx: RequestContext, args: Record<string, unknown>): Promise<void> {
    const serviceId = idAsSent(args.serviceId);
    if (serviceId !== null) await this.services.checkCapacity(ctx, serviceId);
  }

  async createStaffFirst(ctx: RequestContext, args: Record<string, unknown>): Promise<void> {
    const organisationId = idAsSent(valueAt(args, 'input.organisationId'));
    if (organisationId === null) return;
    const role = valueAt(args, 'input.role');
    // Service ids: none given is none; any that cannot be read leaves them to the input rules.
    const given = valueAt(args, 'input.serviceIds');
    const ids = given == null ? [] : Array.isArray(given) ? given.map(idAsSent) : [null];
    await this.staff.checkCreate(
      ctx,
      organisationId,
      Object.values<unknown>(Role).includes(role) ? (role as Role) : null,
      ids.includes(null) ? null : [...new Set(ids as string[])],
    );
  }

  async setStaffActiveFirst(ctx: RequestContext, args: Record<string, unknown>): Promise<void> {
    const staffId = idAsSent(args.staffId);
    if (staffId !== null) await this.staff.checkSetActive(ctx, staffId, args.active);
  }
}
