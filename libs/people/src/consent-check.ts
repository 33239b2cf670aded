import type { Queryable } from '#libs/database';
import type { ConsentPurpose } from './enums.js';

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
      WHERE person_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
        AND (expires_at IS NULL OR expires_at > clock_timestamp())
        AND $3::uuid = ANY (organisation_ids)
      LIMIT 1`,
    [personId, purpose, organisationId],
  );
  return rows.length > 0;
}
