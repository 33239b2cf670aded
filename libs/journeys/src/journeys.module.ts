import { Module } from '@nestjs/common';
import { DirectoryModule } from '#libs/directory';
import { OutcomesModule } from '#libs/outcomes';
import { PeopleModule } from '#libs/people';
import { ReferralsModule } from '#libs/referrals';
import { JourneyResolver } from './journey.resolvers.js';
import { JourneyService } from './journey.service.js';

@Module({
  imports: [DirectoryModule, PeopleModule, ReferralsModule, OutcomesModule],
  providers: [JourneyService, JourneyResolver],
  exports: [JourneyService],
})
export class JourneysModule {}
