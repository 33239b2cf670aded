import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { consentActiveNowSql } from './consent-check.js';
import { ConsentGiver, ConsentPurpose } from './enums.js';

@ObjectType('Consent')
export class ConsentModel {
  @Field(() => ID) id: string;
  personId: string;
  @Field(() => ConsentPurpose) purpose: ConsentPurpose;
  /** The organisations covered; null when read as part of a list (read when asked for, see below). */
  organisationIds: string[] | null;
  /** How many organisations it covers (known without reading them). */
  organisationCount: number;
  @Field(() => ConsentGiver) givenBy: ConsentGiver;
  @Field(() => GraphQLDateTime) givenAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) expiresAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) withdrawnAt: Date | null;
  recordedByStaffId: string;
  recordedByOrganisationId: string;
  /** Whether it was active when read, by the database's clock (consentActiveNowSql). */
  active: boolean;
}

export interface ConsentRow {
  id: string;
  person_id: string;
  purpose: ConsentPurpose;
  organisation_ids?: string[] | null;
  organisation_count: number;
  given_by: ConsentGiver;
  given_at: Date;
  expires_at: Date | null;
  withdrawn_at: Date | null;
  recorded_by_staff_id: string;
  recorded_by_organisation_id: string;
  active: boolean;
}

/** The person a consent is about, for recording a refused attempt on it against them. */
export const CONSENT_PERSON_SQL = 'SELECT person_id FROM consents WHERE id = $1';

/**
 * A person's consents as a list reads them: without the organisations each covers (a consent given
 * for every organisation holds hundreds of ids, and a page of people can hold thousands of consents;
 * parsing them all took seconds), only how many. Consent.organisations reads them when asked for.
 */
export const CONSENT_LIST_COLUMNS = `id, person_id, purpose, cardinality(organisation_ids) AS organisation_count,
  given_by, given_at, expires_at, withdrawn_at, recorded_by_staff_id, recorded_by_organisation_id,
  ${consentActiveNowSql()} AS active`;

/** One consent, with the organisations it covers. */
export const CONSENT_COLUMNS = `${CONSENT_LIST_COLUMNS}, organisation_ids`;

export function toConsent(r: ConsentRow): ConsentModel {
  return {
    id: r.id,
    personId: r.person_id,
    purpose: r.purpose,
    organisationIds: r.organisation_ids ?? null,
    organisationCount: r.organisation_count,
    givenBy: r.given_by,
    givenAt: r.given_at,
    expiresAt: r.expires_at,
    withdrawnAt: r.withdrawn_at,
    recordedByStaffId: r.recorded_by_staff_id,
    recordedByOrganisationId: r.recorded_by_organisation_id,
    active: r.active,
  };
}
