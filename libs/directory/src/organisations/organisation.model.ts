import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { OrganisationKind } from '../enums.js';

@ObjectType('Organisation')
export class OrganisationModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field({ description: 'Governed and based in the place it serves' }) locallyRooted: boolean;
  @Field(() => String, { nullable: true }) ward: string | null;
  @Field(() => GraphQLDateTime) createdAt: Date;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  locally_rooted: boolean;
  ward: string | null;
  created_at: Date;
}

export const ORGANISATION_COLUMNS = 'id, name, kind, locally_rooted, ward, created_at';

export function toOrganisation(r: OrganisationRow): OrganisationModel {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    locallyRooted: r.locally_rooted,
    ward: r.ward,
    createdAt: r.created_at,
  };
}
