import { Module } from '@nestjs/common';
import { DirectoryModule } from '#libs/directory';
import { ConsentService } from './consent.service.js';
import { PeopleLoaders } from './people.loaders.js';
import { ConsentResolver, PersonResolver } from './people.resolvers.js';
import { PeopleService } from './people.service.js';
import { PeopleAccess } from './visibility.js';

@Module({
  imports: [DirectoryModule],
  providers: [PeopleService, ConsentService, PeopleAccess, PeopleLoaders, PersonResolver, ConsentResolver],
  exports: [PeopleService, ConsentService, PeopleAccess, PeopleLoaders],
})
export class PeopleModule {}
