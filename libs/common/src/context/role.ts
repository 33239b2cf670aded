import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  SERVICE_MANAGER = 'SERVICE_MANAGER',
  FAMILY_SUPPORT_WORKER = 'FAMILY_SUPPORT_WORKER',
  KEY_WORKER = 'KEY_WORKER',
  LINK_WORKER = 'LINK_WORKER',
  COMMISSIONER = 'COMMISSIONER',
}

registerEnumType(Role, { name: 'Role' });

export const FRONTLINE_ROLES: readonly Role[] = [
  Role.FAMILY_SUPPORT_WORKER,
  Role.KEY_WORKER,
  Role.LINK_WORKER,
];

/** Roles that may read and write person-level data (CONTRACT.md section 3). */
export const PERSON_DATA_ROLES: readonly Role[] = [...FRONTLINE_ROLES, Role.SERVICE_MANAGER];

export const ANALYTICS_ROLES: readonly Role[] = [Role.COMMISSIONER, Role.ADMIN, Role.SERVICE_MANAGER];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isFrontline(role: Role): boolean {
  return FRONTLINE_ROLES.includes(role);
}
