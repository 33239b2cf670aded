import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { ServiceCapacity, ServiceCategory } from '../enums.js';

@ObjectType('Service')
export class ServiceModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  organisationId: string;
  @Field(() => ServiceCapacity) capacity: ServiceCapacity;
  @Field({
    description:
      "e.g. domestic abuse or sexual health: its entries are never counted in another organisation's hiddenEntries",
  })
  sensitive: boolean;
  @Field(() => String, { nullable: true }) site: string | null;
  @Field(() => String, { nullable: true }) ward: string | null;
  @Field(() => GraphQLDateTime) createdAt: Date;
}

export interface ServiceRow {
  id: string;
  organisation_id: string;
  name: string;
  category: ServiceCategory;
  capacity: ServiceCapacity;
  sensitive: boolean;
  site: string | null;
  ward: string | null;
  created_at: Date;
}

export const SERVICE_COLUMNS =
  'id, organisation_id, name, category, capacity, sensitive, site, ward, created_at';

export function toService(r: ServiceRow): ServiceModel {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    name: r.name,
    category: r.category,
    capacity: r.capacity,
    sensitive: r.sensitive,
    site: r.site,
    ward: r.ward,
    createdAt: r.created_at,
  };
}

/** A row when the service $1 belongs to the organisation $2 (services pkey): acting for it is allowed. */
export const SERVICE_OF_ORGANISATION_SQL = 'SELECT 1 FROM services WHERE id = $1 AND organisation_id = $2';
