import type { Queryable } from '#libs/database';
import type { ConsentPurpose } from './enums.js';

/**
 * SQL conditions on `consents`: the consent is the person's at `personParam`, for the purpose at
 * `purposeParam`, active (not withdrawn, not expired now) and covering the organisation at
 * `organisationParam` (CONTRACT.md section 4). Served by consents_person_idx.
 */
export function activeConsentWhere(
  personParam: string,
  purposeParam: string,
  organisationParam: string,
): string {
  return `person_id = ${personParam} AND purpose = ${purposeParam} AND withdrawn_at IS NULL
        AND (expires_at IS NULL OR expires_at > clock_timestamp())
        AND ${organisationParam}::uuid = ANY (organisation_ids)`;
}

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
  const rows = await q.query(
    `SELECT 1 FROM consents
      WHERE ${activeConsentWhere('$1', '$2', '$3')}
      LIMIT 1`,
    [personId, purpose, organisationId],
  );
  return rows.length > 0;
}
