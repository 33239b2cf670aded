import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDate } from '#libs/common';
import { EsolLevel, OutcomeType } from './enums.js';

@ObjectType('Outcome')
export class OutcomeModel {
  @Field(() => ID) id: string;
  personId: string;
  serviceId: string;
  organisationId: string;
  referralId: string | null;
  recordedByStaffId: string;
  @Field(() => OutcomeType) type: OutcomeType;
  @Field(() => GraphQLDate) achievedOn: string;
  @Field(() => EsolLevel, { nullable: true, description: 'required for ESOL_LEVEL_ACHIEVED' })
  esolLevel: EsolLevel | null;
  @Field(() => Float, { nullable: true, description: 'required for VOLUNTEERING_HOURS' })
  hours: number | null;
  @Field({ description: 'true: a contracted output; false: added value nobody pays for' })
  contracted: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  createdAt: Date;
}

export interface OutcomeRow {
  id: string;
  person_id: string;
  service_id: string;
  organisation_id: string;
  referral_id: string | null;
  recorded_by_staff_id: string;
  type: OutcomeType;
  achieved_on: string;
  esol_level: EsolLevel | null;
  hours: string | null;
  contracted: boolean;
  note: string | null;
  created_at: Date;
}

export const OUTCOME_COLUMNS = `id, person_id, service_id, organisation_id, referral_id, recorded_by_staff_id, type,
  to_char(achieved_on, 'YYYY-MM-DD') AS achieved_on, esol_level, hours, contracted, note, created_at`;

export function toOutcome(r: OutcomeRow): OutcomeModel {
  return {
    id: r.id,
    personId: r.person_id,
    serviceId: r.service_id,
    organisationId: r.organisation_id,
    referralId: r.referral_id,
    recordedByStaffId: r.recorded_by_staff_id,
    type: r.type,
    achievedOn: r.achieved_on,
    esolLevel: r.esol_level,
    hours: r.hours === null ? null : Number(r.hours),
    contracted: r.contracted,
    note: r.note,
    createdAt: r.created_at,
  };
}
