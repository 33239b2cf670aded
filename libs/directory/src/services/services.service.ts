import { Injectable } from '@nestjs/common';
import { AppError, isUuid, type RequestContext, validateInput } from '#libs/common';
import { Db } from '#libs/database';
import { mayManageServicesOf } from '../directory-access.js';
import { ServiceCapacity } from '../enums.js';
import { organisationExists } from '../organisations/organisation.queries.js';
import { CreateServiceInput } from './create-service.input.js';
import { SERVICE_COLUMNS, type ServiceModel, type ServiceRow, toService } from './service.model.js';

@Injectable()
export class ServicesService {
  constructor(private readonly db: Db) {}

  /** createService: ADMIN, or SERVICE_MANAGER of that organisation. */
  async create(ctx: RequestContext, raw: CreateServiceInput): Promise<ServiceModel> {
    const organisationId = String(raw.organisationId).toLowerCase();
    if (!mayManageServicesOf(ctx.actor, organisationId)) throw AppError.forbidden();
    if (!(await organisationExists(this.db, organisationId))) throw AppError.notFound('Organisation');
    const input = validateInput(CreateServiceInput, raw);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<ServiceRow>(
        `INSERT INTO services (organisation_id, name, category, capacity, sensitive, site, ward)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SERVICE_COLUMNS}`,
        [
          organisationId,
          input.name,
          input.category,
          input.capacity ?? ServiceCapacity.OPEN,
          input.sensitive ?? false,
          input.site ?? null,
          input.ward ?? null,
        ],
      );
      return toService(row);
    });
  }

  /** setServiceCapacity: ADMIN, or SERVICE_MANAGER of the service's organisation. */
  async setCapacity(
    ctx: RequestContext,
    serviceId: string,
    capacity: ServiceCapacity,
  ): Promise<ServiceModel> {
    if (!isUuid(serviceId)) throw AppError.notFound('Service');
    return this.db.transaction(async (tx) => {
      const current = await tx.one<{ organisation_id: string }>(
        'SELECT organisation_id FROM services WHERE id = $1 FOR UPDATE',
        [serviceId],
      );
      if (!current) throw AppError.notFound('Service');
      if (!mayManageServicesOf(ctx.actor, current.organisation_id)) throw AppError.forbidden();
      if (!Object.values(ServiceCapacity).includes(capacity))
        throw AppError.badInput('capacity', 'Capacity is OPEN, WAITLIST or CLOSED.');
      const [row] = await tx.query<ServiceRow>(
        `UPDATE services SET capacity = $2 WHERE id = $1 RETURNING ${SERVICE_COLUMNS}`,
        [serviceId, capacity],
      );
      return toService(row);
    });
  }
}
