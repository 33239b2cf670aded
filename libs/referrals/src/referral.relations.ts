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

  async person(r: ReferralModel, ctx: RequestContext): Promise<PersonModel> {
    return (await this.people.person(ctx).load(r.personId))!;
  }

  fromService(r: ReferralModel, ctx: RequestContext): Promise<ServiceModel | null> {
    return r.fromServiceId ? this.directory.service(ctx).load(r.fromServiceId) : Promise.resolve(null);
  }

  async toService(r: ReferralModel, ctx: RequestContext): Promise<ServiceModel> {
    return (await this.directory.service(ctx).load(r.toServiceId))!;
  }

  resolvers(): DirectResolvers {
    const field = (resolve: (r: ReferralModel, ctx: RequestContext) => Promise<unknown>) =>
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
