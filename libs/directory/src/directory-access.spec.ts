import { type Actor, Role } from '#libs/common';
import { mayManageServicesOf, mayManageStaff } from './directory-access.js';

const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role): Actor => ({ staffId: 'x', organisationId: OWN, role });

describe('mayManageServicesOf', () => {
  it.each([
    [Role.ADMIN, OWN, true],
    [Role.ADMIN, OTHER, true],
    [Role.SERVICE_MANAGER, OWN, true],
    [Role.SERVICE_MANAGER, OTHER, false],
    [Role.FAMILY_SUPPORT_WORKER, OWN, false],
    [Role.KEY_WORKER, OWN, false],
    [Role.LINK_WORKER, OWN, false],
    [Role.COMMISSIONER, OWN, false],
  ])('%s for organisation %s → %s', (role, org, expected) => {
    expect(mayManageServicesOf(actor(role), org)).toBe(expected);
  });
});

describe('mayManageStaff', () => {
  const table: [Role, string, Role, boolean][] = [];
  for (const target of Object.values(Role)) {
    table.push([Role.ADMIN, OWN, target, true], [Role.ADMIN, OTHER, target, true]);
    const frontline = [Role.FAMILY_SUPPORT_WORKER, Role.KEY_WORKER, Role.LINK_WORKER].includes(target);
    table.push([Role.SERVICE_MANAGER, OWN, target, frontline], [Role.SERVICE_MANAGER, OTHER, target, false]);
    for (const r of [Role.FAMILY_SUPPORT_WORKER, Role.KEY_WORKER, Role.LINK_WORKER, Role.COMMISSIONER])
      table.push([r, OWN, target, false]);
  }
  it.each(table)('%s in organisation %s managing a %s → %s', (role, org, target, expected) => {
    expect(mayManageStaff(actor(role), org, target)).toBe(expected);
  });
});
