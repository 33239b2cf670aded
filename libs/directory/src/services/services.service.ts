import { Injectable } from '@nestjs/common';
import { AppError, isUuid, type RequestContext, validateInput } from '#libs/common';
import { Db, type Queryable } from '#libs/database';
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
    await this.checkCreate(ctx, organisationId);
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

  /**
   * What createService checks before its input rules: may the caller manage the organisation's
   * services (FORBIDDEN), does it exist (NOT_FOUND). Also made from the arguments as sent when the
   * variables did not coerce (DirectoryMutations' ChecksFirst).
   */
  async checkCreate(ctx: RequestContext, organisationId: string): Promise<void> {
    if (!mayManageServicesOf(ctx.actor, organisationId)) throw AppError.forbidden();
    if (!(await organisationExists(this.db, organisationId))) throw AppError.notFound('Organisation');
  }

  /**
   * What setServiceCapacity checks before its input rules: the service exists (NOT_FOUND) and the
   * caller may manage its organisation's services (FORBIDDEN). `q` and `lock`: inside the change's
   * transaction, the service row is locked for it.
   */
  async checkCapacity(
    ctx: RequestContext,
    serviceId: string,
    q: Queryable = this.db,
    lock = false,
  ): Promise<void> {
    if (!isUuid(serviceId)) throw AppError.notFound('Service');
    const [current] = await q.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM services WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [serviceId],
    );
    if (!current) throw AppError.notFound('Service');
    if (!mayManageServicesOf(ctx.actor, current.organisation_id)) throw AppError.forbidden();
  }

  /** setServiceCapacity: ADMIN, or SERVICE_MANAGER of the service's organisation. */
  async setCapacity(
    ctx: RequestContext,
    serviceId: string,
    capacity: ServiceCapacity,
  ): Promise<ServiceModel> {
    return this.db.transaction(async (tx) => {
      await this.checkCapacity(ctx, serviceId, tx, true);
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
