import { Injectable } from '@nestjs/common';
import { type Actor, AppError, isUuid, type RequestContext, type Role, validateInput } from '#libs/common';
import { Db } from '#libs/database';
import { alphabetically } from '../alphabetical.js';
import { mayManageStaff } from '../directory-access.js';
import { organisationExists } from '../organisations/organisation.queries.js';
import { CreateStaffInput } from './create-staff.input.js';
import { hashPassword } from './password.js';
import { STAFF_COLUMNS, type StaffModel, type StaffRow, toStaff } from './staff.model.js';
import { insertStaff } from './staff.store.js';

/**
 * Who may set a staff member active or not, before the input rules: the member exists (NOT_FOUND),
 * the caller may manage staff of their organisation and role (FORBIDDEN), and no one deactivates
 * themselves (FORBIDDEN; judged only when `active` is false as sent).
 */
function refuseStaffChange(
  actor: Actor,
  target: StaffRow | undefined,
  active: unknown,
): asserts target is StaffRow {
  if (!target) throw AppError.notFound('Staff member');
  if (!mayManageStaff(actor, target.organisation_id, target.role)) throw AppError.forbidden();
  if (active === false && target.id === actor.staffId)
    throw AppError.forbidden('You cannot deactivate yourself; ask another administrator.');
}

@Injectable()
export class StaffService {
  constructor(private readonly db: Db) {}

  /**
   * createStaff: ADMIN for any organisation and role; SERVICE_MANAGER for frontline roles of its own
   * organisation. Checks in the contract's order: who → which records exist → input → duplicate email.
   */
  async create(ctx: RequestContext, raw: CreateStaffInput): Promise<StaffModel> {
    const organisationId = String(raw.organisationId).toLowerCase();
    const serviceIds = [...new Set((raw.serviceIds ?? []).map((id) => String(id).toLowerCase()))];
    const serviceOrgs = await this.checkCreate(ctx, organisationId, raw.role, serviceIds);
    const input = validateInput(CreateStaffInput, raw);
    if (serviceOrgs.some((org) => org !== organisationId))
      throw AppError.badInput(
        'serviceIds',
        "Staff can only be assigned to their own organisation's services.",
      );
    // Hash before taking a connection: the KDF is deliberately slow.
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction((tx) =>
      insertStaff(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        organisationId,
        passwordHash,
        serviceIds,
      }),
    );
  }

  /**
   * What createStaff checks before its input rules: may the caller manage staff of that organisation
   * in that role (FORBIDDEN), does the organisation exist, and each service (NOT_FOUND). Gives the
   * services' organisations. Also made from the arguments as sent when the variables did not coerce
   * (DirectoryMutations' ChecksFirst): `role` null or `serviceIds` null when they cannot be read.
   */
  async checkCreate(
    ctx: RequestContext,
    organisationId: string,
    role: Role | null,
    serviceIds: string[] | null,
  ): Promise<string[]> {
    if (!mayManageStaff(ctx.actor, organisationId, role)) throw AppError.forbidden();
    if (!(await organisationExists(this.db, organisationId))) throw AppError.notFound('Organisation');
    return serviceIds === null ? [] : this.organisationsOfServices(serviceIds);
  }

  /**
   * The staff of an organisation (staff_organisation_idx), alphabetically as organisations and
   * services are (alphabetical.ts), so that whoever manages them can find a leaver to deactivate: an ADMIN any organisation's, a SERVICE_MANAGER its own
   * (FORBIDDEN otherwise, the authority of createStaff); NOT_FOUND when there is no such organisation.
   */
  async listOf(ctx: RequestContext, organisationId: string): Promise<StaffModel[]> {
    const id = String(organisationId).toLowerCase();
    if (!mayManageStaff(ctx.actor, id, null)) throw AppError.forbidden();
    if (!(await organisationExists(this.db, id))) throw AppError.notFound('Organisation');
    const rows = await this.db.query<StaffRow>(
      `SELECT ${STAFF_COLUMNS} FROM staff WHERE organisation_id = $1`,
      [id],
    );
    return rows.map(toStaff).sort(alphabetically);
  }

  /**
   * What setStaffActive checks before its input rules, from the arguments as sent when the variables
   * did not coerce (DirectoryMutations' ChecksFirst): as setActive does, without its locks.
   */
  async checkSetActive(ctx: RequestContext, staffId: string, active: unknown): Promise<void> {
    if (!isUuid(staffId)) throw AppError.notFound('Staff member');
    const [target] = await this.db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE id = $1`, [
      staffId,
    ]);
    refuseStaffChange(ctx.actor, target, active);
  }

  /**
   * setStaffActive: same authority as createStaff, judged on the member's organisation and role.
   * Deactivation takes effect at once (the Authenticator checks `active` on every request).
   */
  async setActive(ctx: RequestContext, staffId: string, active: boolean): Promise<StaffModel> {
    if (!isUuid(staffId)) throw AppError.notFound('Staff member');
    const caller = ctx.credential;
    return this.db.transaction(async (tx) => {
      // The target and the caller, locked in one order: of two administrators deactivating each
      // other at once, the second waits for the first and then finds itself no longer active
      // (UNAUTHENTICATED), so the partnership is never left with no one able to manage it.
      const rows = await tx.query<StaffRow & { token_generation: number }>(
        `SELECT ${STAFF_COLUMNS}, token_generation FROM staff WHERE id IN ($1, $2) ORDER BY id FOR UPDATE`,
        [staffId, caller.staffId],
      );
      const self = rows.find((r) => r.id === caller.staffId);
      if (!self?.active || self.token_generation !== caller.generation) throw AppError.unauthenticated();
      const target = rows.find((r) => r.id === staffId);
      refuseStaffChange(ctx.actor, target, active);
      if (typeof active !== 'boolean') throw AppError.badInput('active', 'Active is true or false.');
      if (target.active === active) return toStaff(target);
      const [row] = await tx.query<StaffRow>(
        // Deactivation also moves the token generation on: tokens issued before it never work again.
        `UPDATE staff SET active = $2, updated_at = clock_timestamp(),
                token_generation = token_generation + CASE WHEN $2 THEN 0 ELSE 1 END
          WHERE id = $1 RETURNING ${STAFF_COLUMNS}`,
        [staffId, active],
      );
      return toStaff(row);
    });
  }

  /** The organisation of each service id; an unknown or malformed id is NOT_FOUND. */
  private async organisationsOfServices(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    if (!ids.every(isUuid)) throw AppError.notFound('Service');
    const rows = await this.db.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM services WHERE id = ANY($1::uuid[])',
      [ids],
    );
    if (rows.length !== ids.length) throw AppError.notFound('Service');
    return rows.map((r) => r.organisation_id);
  }
}
