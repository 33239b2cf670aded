import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Role, Roles } from '#libs/common';
import { DirectoryLoaders, OrganisationModel, StaffModel } from '#libs/directory';
import { AuditEventConnection, AuditEventModel, AuditQueryService } from '#libs/audit';

/**
 * auditEvents (ADMIN only). Lives in the app because its relation fields need the directory, which
 * itself sits above libs/audit in the dependency order.
 */
@Resolver(() => AuditEventModel)
export class AuditEventsResolver {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly directory: DirectoryLoaders,
  ) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEventConnection)
  auditEvents(
    @Args('personId', { type: () => ID, nullable: true }) personId: string | null,
    @Args('staffId', { type: () => ID, nullable: true }) staffId: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditEventConnection> {
    return this.audit.list(personId, staffId, first, after);
  }

  @Roles(Role.ADMIN)
  @ResolveField(() => StaffModel)
  async staff(@Parent() e: AuditEventModel, @Ctx() ctx: RequestContext): Promise<StaffModel> {
    return (await this.directory.staff(ctx).load(e.staffId))!;
  }

  @Roles(Role.ADMIN)
  @ResolveField(() => OrganisationModel, { description: "The acting staff member's organisation" })
  async organisation(@Parent() e: AuditEventModel, @Ctx() ctx: RequestContext): Promise<OrganisationModel> {
    return (await this.directory.organisation(ctx).load(e.organisationId))!;
  }
}
