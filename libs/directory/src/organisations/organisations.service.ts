import { Injectable } from '@nestjs/common';
import { type RequestContext, validateInput } from '#libs/common';
import { Db } from '#libs/database';
import { CreateOrganisationInput } from './create-organisation.input.js';
import {
  ORGANISATION_COLUMNS,
  type OrganisationModel,
  type OrganisationRow,
  toOrganisation,
} from './organisation.model.js';

@Injectable()
export class OrganisationsService {
  constructor(private readonly db: Db) {}

  /** createOrganisation (ADMIN; the guard checked the role). */
  async create(_ctx: RequestContext, raw: CreateOrganisationInput): Promise<OrganisationModel> {
    const input = validateInput(CreateOrganisationInput, raw);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<OrganisationRow>(
        `INSERT INTO organisations (name, kind, locally_rooted, ward) VALUES ($1, $2, $3, $4)
         RETURNING ${ORGANISATION_COLUMNS}`,
        [input.name, input.kind, input.locallyRooted, input.ward ?? null],
      );
      return toOrganisation(row);
    });
  }
}
