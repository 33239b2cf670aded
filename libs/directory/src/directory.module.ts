import { Module } from '@nestjs/common';
import { DirectoryLoaders } from './directory.loaders.js';
import { DirectoryMutations } from './directory.mutations.js';
import { OrganisationResolver, ServiceResolver, StaffResolver } from './directory.resolvers.js';
import { DirectoryService } from './directory.service.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { ServicesService } from './services/services.service.js';
import { StaffService } from './staff/staff.service.js';

@Module({
  providers: [
    DirectoryService,
    DirectoryLoaders,
    OrganisationsService,
    ServicesService,
    StaffService,
    StaffResolver,
    OrganisationResolver,
    ServiceResolver,
    DirectoryMutations,
  ],
  exports: [DirectoryService, DirectoryLoaders, OrganisationsService, ServicesService, StaffService],
})
export class DirectoryModule {}
