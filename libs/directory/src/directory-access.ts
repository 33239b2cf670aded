import { type Actor, isFrontline, Role } from '#libs/common';

/**
 * Who may change the directory (CONTRACT.md section 3), as pure rules. Services call these after
 * the guard has checked the role; a false answer is FORBIDDEN.
 */

/** createService, setServiceCapacity: ADMIN, or a SERVICE_MANAGER of that organisation. */
export function mayManageServicesOf(actor: Actor, organisationId: string): boolean {
  if (actor.role === Role.ADMIN) return true;
  return actor.role === Role.SERVICE_MANAGER && actor.organisationId === organisationId;
}

/**
 * createStaff, setStaffActive: ADMIN for any organisation and role; a SERVICE_MANAGER for frontline
 * roles of its own organisation. `role` null: not known (a mistake in the variables), so judged on
 * the organisation alone.
 */
export function mayManageStaff(actor: Actor, organisationId: string, role: Role | null): boolean {
  if (actor.role === Role.ADMIN) return true;
  return (
    actor.role === Role.SERVICE_MANAGER &&
    actor.organisationId === organisationId &&
    (role === null || isFrontline(role))
  );
}

/** Roles that reach the directory's management mutations at all (the guard's list). */
export const DIRECTORY_MANAGER_ROLES: readonly Role[] = [Role.ADMIN, Role.SERVICE_MANAGER];
