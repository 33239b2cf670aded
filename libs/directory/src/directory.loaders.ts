import { Injectable } from '@nestjs/common';
import type { RequestContext, RequestLoader } from '#libs/common';
import { Db, prepared } from '#libs/database';
import {
  type OrganisationModel,
  type OrganisationRow,
  toOrganisation,
} from './organisations/organisation.model.js';
import { SERVICE_COLUMNS, type ServiceModel, type ServiceRow, toService } from './services/service.model.js';
import { STAFF_COLUMNS, type StaffModel, type StaffRow, toStaff } from './staff/staff.model.js';

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(ids: readonly string[], rows: T[], key: (r: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

/** Organisations by id (the organisation loader's statement; pkey). $1 ids (uuid[]). */
export const ORGANISATIONS_BY_IDS_SQL = prepared(
  'organisations_by_ids',
  'SELECT id, name, kind, locally_rooted, ward, created_at FROM organisations WHERE id = ANY($1::uuid[])',
);

/** Services by id (the service loader's statement; pkey). $1 ids (uuid[]). */
export const SERVICES_BY_IDS_SQL = prepared(
  'services_by_ids',
  `SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ANY($1::uuid[])`,
);

/**
 * Per-request DataLoaders for the directory's relation fields: however many rows a response holds,
 * each relation costs one SQL statement per batch.
 */
@Injectable()
export class DirectoryLoaders {
  constructor(private readonly db: Db) {}

  organisation(ctx: RequestContext): RequestLoader<string, OrganisationModel | null> {
    return ctx.loader('directory.organisation', async (ids: readonly string[]) => {
      const rows = await this.db.query<OrganisationRow>(ORGANISATIONS_BY_IDS_SQL, [ids]);
      return byId(ids, rows.map(toOrganisation));
    });
  }

  service(ctx: RequestContext): RequestLoader<string, ServiceModel | null> {
    return ctx.loader('directory.service', async (ids: readonly string[]) => {
      const rows = await this.db.query<ServiceRow>(SERVICES_BY_IDS_SQL, [ids]);
      return byId(ids, rows.map(toService));
    });
  }

  servicesOfOrganisation(ctx: RequestContext): RequestLoader<string, ServiceModel[]> {
    return ctx.loader('directory.servicesOfOrganisation', async (ids: readonly string[]) => {
      const rows = await this.db.query<ServiceRow>(
        `SELECT ${SERVICE_COLUMNS} FROM services WHERE organisation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [ids],
      );
      return groupBy(ids, rows.map(toService), (s) => s.organisationId);
    });
  }

  staff(ctx: RequestContext): RequestLoader<string, StaffModel | null> {
    return ctx.loader('directory.staff', async (ids: readonly string[]) => {
      const rows = await this.db.query<StaffRow>(
        `SELECT ${STAFF_COLUMNS} FROM staff WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return byId(ids, rows.map(toStaff));
    });
  }

  servicesOfStaff(ctx: RequestContext): RequestLoader<string, ServiceModel[]> {
    return ctx.loader('directory.servicesOfStaff', async (ids: readonly string[]) => {
      const rows = await this.db.query<ServiceRow & { staff_id: string }>(
        `SELECT ss.staff_id, ${SERVICE_COLUMNS.split(', ')
          .map((c) => `s.${c}`)
          .join(', ')}
           FROM staff_services ss JOIN services s ON s.id = ss.service_id
          WHERE ss.staff_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
        [ids],
      );
      const grouped = groupBy(ids, rows, (r) => r.staff_id);
      return grouped.map((list) => list.map(toService));
    });
  }
}
