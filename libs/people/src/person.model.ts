import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDate, GraphQLDateTime } from '#libs/common';

@ObjectType('EqualityMonitoring')
export class EqualityMonitoring {
  @Field(() => String, { nullable: true }) gender: string | null;
  @Field(() => String, { nullable: true }) ethnicity: string | null;
  @Field(() => Boolean, { nullable: true }) disability: boolean | null;
}

@ObjectType('Person')
export class PersonModel {
  @Field(() => ID) id: string;
  @Field() givenName: string;
  @Field() familyName: string;
  @Field(() => GraphQLDate, { nullable: true }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 639-1 code, e.g. "en", "ur", "ar"' })
  preferredLanguage: string | null;
  @Field() interpreterNeeded: boolean;
  @Field(() => String, { nullable: true }) postcode: string | null;
  @Field(() => String, { nullable: true }) ward: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true, description: '10 digits, modulus-11 checked' })
  nhsNumber: string | null;
  @Field(() => EqualityMonitoring, { nullable: true }) equality: EqualityMonitoring | null;
  registeredByOrganisationId: string;
  @Field(() => GraphQLDateTime) createdAt: Date;
}

export interface PersonRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  preferred_language: string | null;
  interpreter_needed: boolean;
  postcode: string | null;
  ward: string | null;
  phone: string | null;
  email: string | null;
  nhs_number: string | null;
  gender: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  equality_recorded: boolean;
  registered_by_organisation_id: string;
  created_at: Date;
}

/** Columns of `people` as PersonRow expects them (date_of_birth as 'YYYY-MM-DD' text). */
export function personColumns(alias = 'p'): string {
  return [
    'id',
    'given_name',
    'family_name',
    `to_char(${alias}.date_of_birth, 'YYYY-MM-DD') AS date_of_birth`,
    'preferred_language',
    'interpreter_needed',
    'postcode',
    'ward',
    'phone',
    'email',
    'nhs_number',
    'gender',
    'ethnicity',
    'disability',
    'equality_recorded',
    'registered_by_organisation_id',
    'created_at',
  ]
    .map((c) => (c.includes(' AS ') ? c : `${alias}.${c}`))
    .join(', ');
}

export function toPerson(r: PersonRow): PersonModel {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    preferredLanguage: r.preferred_language,
    interpreterNeeded: r.interpreter_needed,
    postcode: r.postcode,
    ward: r.ward,
    phone: r.phone,
    email: r.email,
    nhsNumber: r.nhs_number,
    equality: r.equality_recorded
      ? { gender: r.gender, ethnicity: r.ethnicity, disability: r.disability }
      : null,
    registeredByOrganisationId: r.registered_by_organisation_id,
    createdAt: r.created_at,
  };
}
