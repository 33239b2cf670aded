import { Injectable } from '@nestjs/common';
import { Db } from '#libs/database';
import { alphabetically } from './alphabetical.js';
import { ServiceCategory } from './enums.js';
import {
  ORGANISATION_COLUMNS,
  type OrganisationModel,
  type OrganisationRow,
  toOrganisation,
} from './organisations/organisation.model.js';
import { SERVICE_COLUMNS, type ServiceModel, type ServiceRow, toService } from './services/service.model.js';

@Injectable()
export class DirectoryService {
  constructor(private readonly db: Db) {}

  /** Every organisation, alphabetically (alphabetical.ts). */
  async listOrganisations(): Promise<OrganisationModel[]> {
    const rows = await this.db.query<OrganisationRow>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations`);
    return rows.map(toOrganisation).sort(alphabetically);
  }

  /** Every service, or those of one category (services_category_idx), alphabetically (alphabetical.ts). */
  async listServices(category: ServiceCategory | null): Promise<ServiceModel[]> {
    const rows = await this.db.query<ServiceRow>(
      `SELECT ${SERVICE_COLUMNS} FROM services WHERE ($1::text IS NULL OR category = $1)`,
      [category],
    );
    return rows.map(toService).sort(alphabetically);
  }
}
