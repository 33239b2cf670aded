import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime, PageInfo } from '#libs/common';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID) id: string;
  @Field(() => GraphQLDateTime) at: Date;
  staffId: string;
  organisationId: string;
  @Field({ description: 'One of the actions listed in CONTRACT.md section 3' }) action: string;
  @Field(() => AuditOutcome) outcome: AuditOutcome;
  @Field(() => ID, { nullable: true }) personId: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
  seq: string;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventModel]) nodes: AuditEventModel[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

export interface AuditEventRow {
  id: string;
  seq: string;
  at: Date;
  staff_id: string;
  organisation_id: string;
  action: string;
  outcome: AuditOutcome;
  person_id: string | null;
  request_id: string | null;
}

export function toAuditEvent(r: AuditEventRow): AuditEventModel {
  return {
    id: r.id,
    seq: String(r.seq),
    at: r.at,
    staffId: r.staff_id,
    organisationId: r.organisation_id,
    action: r.action,
    outcome: r.outcome,
    personId: r.person_id,
    requestId: r.request_id,
  };
}
