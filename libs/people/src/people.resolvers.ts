import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditedAs, counted, Ctx, PERSON_DATA_ROLES, type RequestContext, Roles } from '#libs/common';
import { AuditAction } from '#libs/audit';
import { DirectoryLoaders, OrganisationModel, StaffModel } from '#libs/directory';
import { CONSENT_PERSON_SQL, ConsentModel } from './consent.model.js';
import { ConsentService } from './consent.service.js';
import { PeopleLoaders } from './people.loaders.js';
import { PeopleService } from './people.service.js';
import { RecordConsentInput, RegisterPersonInput, UpdatePersonInput } from './person.inputs.js';
import { PersonModel } from './person.model.js';
import { CONSENT_VISIBLE_SQL, PERSON_VISIBLE_SQL } from './visibility.js';

@Resolver(() => PersonModel)
export class PersonResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly loaders: PeopleLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.PERSON_READ, { personArg: 'id' })
  @Query(() => PersonModel, { nullable: true, description: 'null, with a NOT_FOUND error, when not visible' })
  person(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<PersonModel> {
    return this.people.get(ctx, id);
  }

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.PERSON_SEARCH_READ)
  @Query(() => [PersonModel])
  searchPeople(
    @Ctx() ctx: RequestContext,
    @Args('text') text: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ): Promise<PersonModel[]> {
    return this.people.search(ctx, text, first);
  }

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.PERSON_REGISTER)
  @Mutation(() => PersonModel)
  registerPerson(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RegisterPersonInput }) input: RegisterPersonInput,
  ): Promise<PersonModel> {
    return this.people.register(ctx, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.PERSON_UPDATE, {
    personArg: 'id',
    first: { visible: [{ arg: 'id', sql: PERSON_VISIBLE_SQL, as: 'Person' }] },
  })
  @Mutation(() => PersonModel)
  updatePerson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdatePersonInput }) input: UpdatePersonInput,
  ): Promise<PersonModel> {
    return this.people.update(ctx, id, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => OrganisationModel)
  async registeredBy(@Parent() p: PersonModel, @Ctx() ctx: RequestContext): Promise<OrganisationModel> {
    return (await this.directory.organisation(ctx).load(p.registeredByOrganisationId))!;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => [ConsentModel])
  consents(@Parent() p: PersonModel, @Ctx() ctx: RequestContext): Promise<ConsentModel[]> {
    return this.loaders.consentsOfPerson(ctx).load(p.id);
  }
}

@Resolver(() => ConsentModel)
export class ConsentResolver {
  constructor(
    private readonly consents: ConsentService,
    private readonly directory: DirectoryLoaders,
    private readonly loaders: PeopleLoaders,
  ) {}

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.CONSENT_RECORD, {
    personArg: 'input.personId',
    first: { visible: [{ arg: 'input.personId', sql: PERSON_VISIBLE_SQL, as: 'Person' }] },
  })
  @Mutation(() => ConsentModel)
  recordConsent(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RecordConsentInput }) input: RecordConsentInput,
  ): Promise<ConsentModel> {
    return this.consents.record(ctx, { ...input });
  }

  @Roles(...PERSON_DATA_ROLES)
  @AuditedAs(AuditAction.CONSENT_WITHDRAW, {
    personOf: { sql: CONSENT_PERSON_SQL, arg: 'consentId' },
    first: { visible: [{ arg: 'consentId', sql: CONSENT_VISIBLE_SQL, as: 'Consent' }] },
  })
  @Mutation(() => ConsentModel)
  withdrawConsent(
    @Ctx() ctx: RequestContext,
    @Args('consentId', { type: () => ID }) consentId: string,
  ): Promise<ConsentModel> {
    return this.consents.withdraw(ctx, consentId);
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => [OrganisationModel], {
    nullable: true,
    description: 'The organisations covered, fixed when the consent was given',
  })
  async organisations(@Parent() c: ConsentModel, @Ctx() ctx: RequestContext): Promise<OrganisationModel[]> {
    // Counted before it is read: a person's consents, each covering every organisation, multiply
    // fast, and loading them all before the budget could refuse took seconds of the API's thread.
    ctx.reserveListItems(c.organisationCount, 'Consent.organisations');
    const ids = c.organisationIds ?? (await this.loaders.organisationIdsOfConsent(ctx).load(c.id));
    const orgs = await this.directory.organisation(ctx).loadMany(ids);
    // A failed read fails the field (it must never look like a consent covering no one).
    const failed = orgs.find((o) => o instanceof Error);
    if (failed) throw failed;
    return counted(orgs.filter((o): o is OrganisationModel => o !== null));
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => Boolean)
  active(@Parent() c: ConsentModel): boolean {
    return c.active;
  }

  @Roles(...PERSON_DATA_ROLES)
  @ResolveField(() => StaffModel, {
    nullable: true,
    description: "null unless the recorder belongs to the viewer's organisation",
  })
  async recordedBy(@Parent() c: ConsentModel, @Ctx() ctx: RequestContext): Promise<StaffModel | null> {
    if (c.recordedByOrganisationId !== ctx.actor.organisationId) return null;
    return this.directory.staff(ctx).load(c.recordedByStaffId);
  }
}
