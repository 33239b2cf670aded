/**
 * SQL predicate: the referral aliased `a` is visible to the organisation bound at `orgParam` — it made
 * it, or it receives it and the referral is not ENTERED_IN_ERROR (CONTRACT.md section 3).
 */
export function referralVisibleSql(a: string, orgParam: string): string {
  return `(${a}.creator_organisation_id = ${orgParam}
           OR (${a}.to_organisation_id = ${orgParam} AND ${a}.status <> 'ENTERED_IN_ERROR'))`;
}

/** A row when the referral $1 is visible to the organisation $2 (referrals pkey). */
export const REFERRAL_VISIBLE_SQL = `SELECT 1 FROM referrals r WHERE r.id = $1 AND ${referralVisibleSql('r', '$2')}`;

export function isReferralVisibleTo(
  r: { creatorOrganisationId: string; toOrganisationId: string; status: string },
  orgId: string,
): boolean {
  return (
    r.creatorOrganisationId === orgId || (r.toOrganisationId === orgId && r.status !== 'ENTERED_IN_ERROR')
  );
}

/**
 * The person a referral is about, for recording a refused attempt on it against them (whether or
 * not the caller may see it: the audit trail is for administrators only).
 */
export const REFERRAL_PERSON_SQL = 'SELECT person_id FROM referrals WHERE id = $1';
