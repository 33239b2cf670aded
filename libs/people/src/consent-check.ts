import { prepared, type Queryable } from '#libs/database';
import type { ConsentPurpose } from './enums.js';

/**
 * SQL predicate: the person at `personExpr` has an active consent (not withdrawn, not expired now)
 * for the purpose at `purposeExpr` that covers the organisation at `organisationExpr`
 * (CONTRACT.md section 4). Served by consents_person_idx.
 */
export function activeConsentSql(personExpr: string, purposeExpr: string, organisationExpr: string): string {
  return `EXISTS (SELECT 1 FROM consents ac
      WHERE ac.person_id = ${personExpr} AND ac.purpose = ${purposeExpr} AND ac.withdrawn_at IS NULL
        AND (ac.expires_at IS NULL OR ac.expires_at > clock_timestamp())
        AND ${organisationExpr} = ANY (ac.organisation_ids))`;
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
