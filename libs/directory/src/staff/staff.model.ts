import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '#libs/common';

@ObjectType('Staff')
export class StaffModel {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  organisationId: string;
  @Field() active: boolean;
}

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string;
  active: boolean;
}

export const STAFF_COLUMNS = 'id, email, name, role, organisation_id, active';

export function toStaff(r: StaffRow): StaffModel {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
    active: r.active,
  };
}
