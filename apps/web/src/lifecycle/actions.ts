import type { ReferralStatus, ReferralReason, Role } from '../gql/graphql';
import { allowedTransitions, REASON_REQUIRED, type ReferralParty } from './transitions';

/** Who is looking at a referral, and the parts of the referral that decide what they may do with it. */
export interface Viewer {
  staffId: string;
  organisationId: string;
  role: Role;
}
export interface ReferralParties {
  status: ReferralStatus;
  toOrganisationId: string;
  creatorId: string;
  creatorOrganisationId: string;
}

const ACTING_ROLES: ReadonlySet<Role> = new Set<Role>([
  'FAMILY_SUPPORT_WORKER',
  'KEY_WORKER',
  'LINK_WORKER',
  'SERVICE_MANAGER',
]);

/** The parties of CONTRACT.md section 5 that this viewer is for this referral. */
export function partiesOf(viewer: Viewer, r: ReferralParties): Set<ReferralParty> {
  const parties = new Set<ReferralParty>();
  if (!ACTING_ROLES.has(viewer.role)) return parties;
  if (viewer.organisationId === r.toOrganisationId) parties.add('RECEIVER');
  if (viewer.organisationId === r.creatorOrganisationId) parties.add('REFERRER');
  const managerOfEither =
    viewer.role === 'SERVICE_MANAGER' &&
    (viewer.organisationId === r.toOrganisationId || viewer.organisationId === r.creatorOrganisationId);
  if (viewer.staffId === r.creatorId || managerOfEither) parties.add('CORRECTOR');
  return parties;
}

export interface ReferralAction {
  to: ReferralStatus;
  label: string;
  reasonRequired: boolean;
  /** Shown apart from the everyday actions, behind a warning. */
  destructive: boolean;
}

function labelFor(from: ReferralStatus, to: ReferralStatus): string {
  switch (to) {
    case 'ACCEPTED':
      return from === 'ON_HOLD' ? 'Take off hold' : 'Accept';
    case 'REJECTED':
      return 'Reject';
    case 'IN_PROGRESS':
      return from === 'ON_HOLD' ? 'Resume' : 'Start';
    case 'ON_HOLD':
      return 'Put on hold';
    case 'COMPLETED':
      return 'Complete';
    case 'FAILED':
      return 'Close as not completed';
    case 'CANCELLED':
      return 'Cancel referral';
    case 'ENTERED_IN_ERROR':
      return 'Mark as entered in error';
    default:
      return to;
  }
}

/** The actions the life cycle allows this viewer now, in the order of the shared transition table. */
export function actionsFor(viewer: Viewer, r: ReferralParties): ReferralAction[] {
  return allowedTransitions(r.status, partiesOf(viewer, r)).map((to) => ({
    to,
    label: labelFor(r.status, to),
    reasonRequired: REASON_REQUIRED.has(to),
    destructive: to === 'ENTERED_IN_ERROR',
  }));
}

export const STATUS_LABEL: Record<ReferralStatus, string> = {
  REQUESTED: 'Requested',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  IN_PROGRESS: 'In progress',
  ON_HOLD: 'On hold',
  FAILED: 'Not completed',
  COMPLETED: 'Completed',
  ENTERED_IN_ERROR: 'Entered in error',
};

export const REASON_LABEL: Record<ReferralReason, string> = {
  CLIENT_DECLINED: 'The person declined',
  NO_CAPACITY: 'No capacity',
  UNABLE_TO_CONTACT: 'Unable to contact',
  NOT_ELIGIBLE: 'Not eligible',
  NO_LONGER_NEEDED: 'No longer needed',
  REFERRED_ELSEWHERE: 'Referred elsewhere',
  DUPLICATE: 'Duplicate',
  OTHER: 'Other',
};

/** Plain words for what changed between the version the user saw and the current one (after a CONFLICT). */
export function describeChange(
  before: { status: ReferralStatus; version: number },
  after: { status: ReferralStatus; version: number; lastBy?: string | null },
): string {
  const who = after.lastBy ? ` by ${after.lastBy}` : '';
  if (before.status !== after.status)
    return `Someone changed this referral while you were looking at it: it is now "${STATUS_LABEL[after.status]}" (was "${STATUS_LABEL[before.status]}")${who}. Check it and try again if you still need to.`;
  return `Someone changed this referral while you were looking at it${who}. It has been reloaded; check it and try again.`;
}
