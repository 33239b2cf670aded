import { Module } from '@nestjs/common';
import { DirectoryLoaders } from './directory.loaders.js';
import { OrganisationResolver, ServiceResolver, StaffResolver } from './directory.resolvers.js';
import { DirectoryService } from './directory.service.js';

@Module({
  providers: [DirectoryService, DirectoryLoaders, StaffResolver, OrganisationResolver, ServiceResolver],
  exports: [DirectoryService, DirectoryLoaders],
})
export class DirectoryModule {}
