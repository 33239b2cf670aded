import { Module } from '@nestjs/common';
import { DirectoryModule } from '#libs/directory';
import { PeopleModule } from '#libs/people';
import { ReferralsModule } from '#libs/referrals';
import { OutcomesLoaders } from './outcomes.loaders.js';
import { OutcomeResolver, WellbeingResolver } from './outcomes.resolvers.js';
import { OutcomesService } from './outcomes.service.js';

@Module({
  imports: [DirectoryModule, PeopleModule, ReferralsModule],
  providers: [OutcomesService, OutcomesLoaders, WellbeingResolver, OutcomeResolver],
  exports: [OutcomesService, OutcomesLoaders],
})
export class OutcomesModule {}
