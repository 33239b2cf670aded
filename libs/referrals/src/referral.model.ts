import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime, PageInfo } from '#libs/common';
import { Need, ReferralReason, ReferralRoute, ReferralStatus } from './enums.js';

/**
 * A referral. `note` and `safeguardingJustification` are resolved by field resolvers that show them
 * to the two parties only (the creator's organisation and toService's organisation).
 */
@ObjectType('Referral')
export class ReferralModel {
  @Field(() => ID) id: string;
  personId: string;
  fromServiceId: string | null;
  toServiceId: string;
  creatorOrganisationId: string;
  toOrganisationId: string;
  createdByStaffId: string;
  @Field(() => ReferralRoute) route: ReferralRoute;
  @Field(() => [Need]) needs: Need[];
  noteText: string | null;
  @Field({ description: 'Sent without REFERRAL_SHARING consent, on a recorded safeguarding justification' })
  safeguardingOverride: boolean;
  safeguardingJustificationText: string | null;
  @Field(() => ReferralStatus) status: ReferralStatus;
  @Field(() => ReferralReason, { nullable: true, description: 'The reason of the latest event' })
  statusReason: ReferralReason | null;
  @Field(() => Int, { description: 'Increases by one on every change; see transitionReferral' })
  version: number;
  @Field(() => GraphQLDateTime) createdAt: Date;
  @Field(() => GraphQLDateTime) updatedAt: Date;
  /** created_at at full (microsecond) precision, for keyset cursors. */
  createdAtKey: string;
}

@ObjectType('ReferralEvent')
export class ReferralEventModel {
  @Field(() => ID) id: string;
  referralId: string;
  @Field(() => ReferralStatus, { nullable: true, description: 'null for the creation event' })
  from: ReferralStatus | null;
  @Field(() => ReferralStatus) to: ReferralStatus;
  @Field(() => ReferralReason, { nullable: true }) reason: ReferralReason | null;
  noteText: string | null;
  byStaffId: string;
  @Field(() => GraphQLDateTime) at: Date;
  /** The parties of its referral (who may read the note). */
  partyOrganisationIds: readonly string[];
}

@ObjectType('ReferralEdge')
export class ReferralEdge {
  @Field() cursor: string;
  @Field(() => ReferralModel) node: ReferralModel;
}

@ObjectType('ReferralConnection')
export class ReferralConnection {
  @Field(() => [ReferralEdge]) edges: ReferralEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

export interface ReferralRow {
  id: string;
  person_id: string;
  from_service_id: string | null;
  to_service_id: string;
  creator_organisation_id: string;
  to_organisation_id: string;
  created_by_staff_id: string;
  route: ReferralRoute;
  needs: Need[];
  note: string | null;
  safeguarding_override: boolean;
  safeguarding_justification: string | null;
  status: ReferralStatus;
  status_reason: ReferralReason | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_at_key: string;
  idempotency_fingerprint: string | null;
}

export function referralColumns(a = 'r'): string {
  return `${a}.id, ${a}.person_id, ${a}.from_service_id, ${a}.to_service_id, ${a}.creator_organisation_id,
    ${a}.to_organisation_id, ${a}.created_by_staff_id, ${a}.route, ${a}.needs, ${a}.note,
    ${a}.safeguarding_override, ${a}.safeguarding_justification, ${a}.status, ${a}.status_reason,
    ${a}.version, ${a}.created_at, ${a}.updated_at, ${a}.idempotency_fingerprint,
    to_char(${a}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_key`;
}

export function toReferral(r: ReferralRow): ReferralModel {
  return {
    id: r.id,
    personId: r.person_id,
    fromServiceId: r.from_service_id,
    toServiceId: r.to_service_id,
    creatorOrganisationId: r.creator_organisation_id,
    toOrganisationId: r.to_organisation_id,
    createdByStaffId: r.created_by_staff_id,
    route: r.route,
    needs: r.needs,
    noteText: r.note,
    safeguardingOverride: r.safeguarding_override,
    safeguardingJustificationText: r.safeguarding_justification,
    status: r.status,
    statusReason: r.status_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdAtKey: r.created_at_key,
  };
}

export interface ReferralEventRow {
  id: string;
  referral_id: string;
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: ReferralReason | null;
  note: string | null;
  by_staff_id: string;
  at: Date;
  creator_organisation_id: string;
  to_organisation_id: string;
}

export function toReferralEvent(r: ReferralEventRow): ReferralEventModel {
  return {
    id: r.id,
    referralId: r.referral_id,
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    noteText: r.note,
    byStaffId: r.by_staff_id,
    at: r.at,
    partyOrganisationIds: [r.creator_organisation_id, r.to_organisation_id],
  };
}

/** True when the viewer's organisation is party to the referral (may read its notes). */
export function isParty(
  ref: Pick<ReferralModel, 'creatorOrganisationId' | 'toOrganisationId'>,
  orgId: string,
) {
  return ref.creatorOrganisationId === orgId || ref.toOrganisationId === orgId;
}
