import { REASON_REQUIRED, type ReferralStatusName, transitionParty } from '#libs/referrals';
import type { ReferralEventRow, ReferralRow, ServiceRow, StaffRow } from './rows.js';

/** Generated histories follow the referral life cycle (CONTRACT.md section 5), made by the right party. */
export interface ReferralStep {
  to: string;
  at: Date;
  by: StaffRow;
  reason?: string | null;
  note?: string | null;
}

export interface ReferralPlan {
  id: string;
  personId: string;
  fromService: ServiceRow | null;
  toService: ServiceRow;
  route: string;
  needs: string[];
  note?: string | null;
  createdBy: StaffRow;
  createdAt: Date;
  safeguardingJustification?: string | null;
  steps: ReferralStep[];
  /** The id of the n-th event (0 = creation). */
  eventId: (n: number) => string;
}

/**
 * A referral row and its full history, consistent with each other: status, version, statusReason,
 * accepted_at/started_at/completed_at and updated_at all follow from the events. Throws when the plan
 * breaks the life cycle (a generator bug).
 */
export function buildReferral(plan: ReferralPlan): { referral: ReferralRow; events: ReferralEventRow[] } {
  const { toService, fromService, createdBy } = plan;
  if ((plan.route === 'STAFF') !== (fromService !== null)) throw new Error('route STAFF iff fromService');
  if (fromService && fromService.organisation_id !== createdBy.organisation_id)
    throw new Error('fromService must belong to the creator organisation');
  const events: ReferralEventRow[] = [
    {
      id: plan.eventId(0),
      referral_id: plan.id,
      from_status: null,
      to_status: 'REQUESTED',
      reason: null,
      note: plan.note ?? null,
      by_staff_id: createdBy.id,
      by_organisation_id: createdBy.organisation_id,
      at: plan.createdAt,
    },
  ];
  let status = 'REQUESTED';
  let reason: string | null = null;
  let last = plan.createdAt;
  let acceptedAt: Date | null = null;
  let startedAt: Date | null = null;
  let completedAt: Date | null = null;
  for (const step of plan.steps) {
    if (step.at.getTime() <= last.getTime()) throw new Error('referral events must move forward in time');
    const org = step.by.organisation_id;
    const party = transitionParty(status as ReferralStatusName, step.to as ReferralStatusName);
    const lawful =
      party === 'RECEIVER'
        ? org === toService.organisation_id
        : party === 'REFERRER'
          ? org === createdBy.organisation_id
          : party === 'CORRECTOR' &&
            (step.by.id === createdBy.id ||
              (step.by.role === 'SERVICE_MANAGER' &&
                (org === createdBy.organisation_id || org === toService.organisation_id)));
    if (!lawful) throw new Error(`unlawful demo transition ${status} → ${step.to}`);
    if (REASON_REQUIRED.has(step.to as ReferralStatusName) && !step.reason)
      throw new Error(`${step.to} needs a reason`);
    events.push({
      id: plan.eventId(events.length),
      referral_id: plan.id,
      from_status: status,
      to_status: step.to,
      reason: step.reason ?? null,
      note: step.note ?? null,
      by_staff_id: step.by.id,
      by_organisation_id: org,
      at: step.at,
    });
    status = step.to;
    reason = step.reason ?? null;
    last = step.at;
    if (status === 'ACCEPTED' && !acceptedAt) acceptedAt = step.at;
    if ((status === 'IN_PROGRESS' || status === 'COMPLETED') && !startedAt) startedAt = step.at;
    if (status === 'COMPLETED' && !completedAt) completedAt = step.at;
  }
  const referral: ReferralRow = {
    id: plan.id,
    person_id: plan.personId,
    from_service_id: fromService?.id ?? null,
    to_service_id: toService.id,
    creator_organisation_id: createdBy.organisation_id,
    to_organisation_id: toService.organisation_id,
    created_by_staff_id: createdBy.id,
    route: plan.route,
    needs: plan.needs,
    note: plan.note ?? null,
    safeguarding_override: !!plan.safeguardingJustification,
    safeguarding_justification: plan.safeguardingJustification ?? null,
    status,
    status_reason: reason,
    version: events.length,
    idempotency_key: null,
    idempotency_fingerprint: null,
    from_category: fromService?.category ?? null,
    to_category: toService.category,
    to_ward: toService.ward,
    accepted_at: acceptedAt,
    started_at: startedAt,
    completed_at: completedAt,
    created_at: plan.createdAt,
    updated_at: last,
  };
  return { referral, events };
}
