import { ALL_ROLES, ANALYTICS_ROLES, PERSON_DATA_ROLES, Role } from '#libs/common';

/**
 * Who may call what (CONTRACT.md section 3). Every Query and Mutation field of the running schema
 * must be listed here: a new resolver without an entry fails this suite, and so does a resolver
 * whose role check lets in a role not listed.
 */
export const PUBLIC = 'PUBLIC' as const;
export const WHO_MAY_CALL: Record<string, readonly Role[] | typeof PUBLIC> = {
  'Query.me': ALL_ROLES,
  'Query.organisations': ALL_ROLES,
  'Query.services': ALL_ROLES,
  'Query.staff': [Role.ADMIN, Role.SERVICE_MANAGER],
  'Query.person': PERSON_DATA_ROLES,
  'Query.searchPeople': PERSON_DATA_ROLES,
  'Query.journey': PERSON_DATA_ROLES,
  'Query.referral': PERSON_DATA_ROLES,
  'Query.referrals': PERSON_DATA_ROLES,
  'Query.referralFlows': ANALYTICS_ROLES,
  'Query.referralFunnel': ANALYTICS_ROLES,
  'Query.pathways': ANALYTICS_ROLES,
  'Query.wellbeingChange': ANALYTICS_ROLES,
  'Query.outcomeSummary': ANALYTICS_ROLES,
  'Query.auditEvents': [Role.ADMIN],
  'Mutation.login': PUBLIC,
  'Mutation.createOrganisation': [Role.ADMIN],
  'Mutation.createService': [Role.ADMIN, Role.SERVICE_MANAGER],
  'Mutation.setServiceCapacity': [Role.ADMIN, Role.SERVICE_MANAGER],
  'Mutation.createStaff': [Role.ADMIN, Role.SERVICE_MANAGER],
  'Mutation.setStaffActive': [Role.ADMIN, Role.SERVICE_MANAGER],
  'Mutation.registerPerson': PERSON_DATA_ROLES,
  'Mutation.updatePerson': PERSON_DATA_ROLES,
  'Mutation.recordConsent': PERSON_DATA_ROLES,
  'Mutation.withdrawConsent': PERSON_DATA_ROLES,
  'Mutation.makeReferral': PERSON_DATA_ROLES,
  'Mutation.transitionReferral': PERSON_DATA_ROLES,
  'Mutation.recordWellbeing': PERSON_DATA_ROLES,
  'Mutation.recordOutcome': PERSON_DATA_ROLES,
};

/** The role a test acts as when it needs one that may call the operation. */
export function actingRole(operation: string): Role | null {
  const allowed = WHO_MAY_CALL[operation];
  if (allowed === PUBLIC || allowed === undefined) return null;
  if (allowed.includes(Role.KEY_WORKER)) return Role.KEY_WORKER;
  return allowed.includes(Role.ADMIN) ? Role.ADMIN : allowed[0];
}
