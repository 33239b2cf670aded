import { Module } from '@nestjs/common';
import { DirectoryModule } from '#libs/directory';
import { PeopleModule } from '#libs/people';
import { ReferralLoaders } from './referrals.loaders.js';
import { ReferralRelations } from './referral.relations.js';
import { ReferralsQueryService } from './referrals-query.service.js';
import { ReferralEventResolver, ReferralResolver } from './referrals.resolvers.js';
import { ReferralsService } from './referrals.service.js';

@Module({
  imports: [DirectoryModule, PeopleModule],
  providers: [
    ReferralsService,
    ReferralsQueryService,
    ReferralLoaders,
    ReferralRelations,
    ReferralResolver,
    ReferralEventResolver,
  ],
  exports: [ReferralsService, ReferralsQueryService, ReferralLoaders, ReferralRelations],
})
export class ReferralsModule {}
