import { Injectable } from '@nestjs/common';
import { PERSON_DATA_ROLES, type RequestContext } from '#libs/common';
import { type DirectResolvers, directField } from '#libs/auth';
import { DirectoryLoaders, type ServiceModel } from '#libs/directory';
import { PeopleLoaders, type PersonModel } from '#libs/people';
import type { ReferralModel } from './referral.model.js';

/**
 * A referral's person and services, through the request's loaders (one statement per relation per
 * response). They are declared on ReferralResolver; apps/api installs `resolvers()` in their place
 * so that a page of referrals does not pay Nest's per-call pipeline three times per referral
 * (`directField` makes the same role decision as the guard).
 */
@Injectable()
export class ReferralRelations {
  constructor(
    private readonly people: PeopleLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  // Each answers at once when the request's loader already holds the record (a list primes its
  // page's people and services), otherwise with a promise of one batched statement.
  person(r: ReferralModel, ctx: RequestContext): PersonModel | Promise<PersonModel> {
    return this.people.person(ctx).get(r.personId) as PersonModel | Promise<PersonModel>;
  }

  fromService(r: ReferralModel, ctx: RequestContext): ServiceModel | null | Promise<ServiceModel | null> {
    return r.fromServiceId ? this.directory.service(ctx).get(r.fromServiceId) : null;
  }

  toService(r: ReferralModel, ctx: RequestContext): ServiceModel | Promise<ServiceModel> {
    return this.directory.service(ctx).get(r.toServiceId) as ServiceModel | Promise<ServiceModel>;
  }

  resolvers(): DirectResolvers {
    const field = (resolve: (r: ReferralModel, ctx: RequestContext) => unknown) =>
      directField(PERSON_DATA_ROLES, resolve);
    return {
      Referral: {
        person: field((r, ctx) => this.person(r, ctx)),
        fromService: field((r, ctx) => this.fromService(r, ctx)),
        toService: field((r, ctx) => this.toService(r, ctx)),
      },
    };
  }
}
