import { prepared, type Queryable } from '#libs/database';
import type { ConsentPurpose } from './enums.js';

/**
 * SQL conditions on `consents` (optionally under `alias`): the consent is the person's at
 * `personParam`, for the purpose at `purposeParam`, active (not withdrawn, not expired now) and
 * covering the organisation at `organisationParam` (CONTRACT.md section 4). Served by
 * consents_person_idx.
 */
export function activeConsentWhere(
  personParam: string,
  purposeParam: string,
  organisationParam: string,
  alias = '',
): string {
  const a = alias ? `${alias}.` : '';
  return `${a}person_id = ${personParam} AND ${a}purpose = ${purposeParam} AND ${consentActiveNowSql(alias)}
        AND ${organisationParam}::uuid = ANY (${a}organisation_ids)`;
}

/**
 * SQL: the consent (under `alias`) is active (CONTRACT.md section 4: not withdrawn, and no expiry or
 * one still to come), judged by the database's clock. Every judgement of a consent's activity uses
 * it (the consent checks here, and Consent.active as a consent is read), so none disagrees with
 * another, even when the API's host keeps another time.
 */
export function consentActiveNowSql(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `(${a}withdrawn_at IS NULL AND (${a}expires_at IS NULL OR ${a}expires_at > clock_timestamp()))`;
}

/** SQL predicate: the person at `personExpr` has an active consent of that purpose covering that organisation. */
export function activeConsentSql(personExpr: string, purposeExpr: string, organisationExpr: string): string {
  return `EXISTS (SELECT 1 FROM consents ac WHERE ${activeConsentWhere(personExpr, purposeExpr, organisationExpr, 'ac')})`;
}

const ACTIVE_CONSENT = prepared(
  'people_active_consent',
  `SELECT ${activeConsentSql('$1::uuid', '$2::text', '$3::uuid')} AS active`,
);

/**
 * True when the person has an active consent (not withdrawn, not expired now) for `purpose` that
 * covers `organisationId` (CONTRACT.md section 4).
 */
export async function hasActiveConsent(
  q: Queryable,
  personId: string,
  purpose: ConsentPurpose | 'REFERRAL_SHARING' | 'JOURNEY_SHARING',
  organisationId: string,
): Promise<boolean> {
  const rows = await q.query<{ active: boolean }>(ACTIVE_CONSENT, [personId, purpose, organisationId]);
  return rows[0]?.active === true;
}
