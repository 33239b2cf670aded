import { Injectable } from '@nestjs/common';
import { AppError, isUuid, type RequestContext } from '#libs/common';
import { Db, prepared, type Queryable } from '#libs/database';

/**
 * SQL predicate: the person whose id is `personCol` is visible to the organisation bound at `orgParam`
 * (CONTRACT.md section 3) — it registered them, or a referral it can see connects them (creator
 * organisation or receiving organisation; an ENTERED_IN_ERROR referral counts for the creator's
 * organisation only), or one of its services recorded an assessment or outcome for them.
 * Each branch is served by an index (people pkey/registered_by, referrals_person_idx,
 * wellbeing_assessments_person_idx, outcomes_person_idx).
 */
export function personVisibleSql(personCol: string, orgParam: string, peopleAlias?: string): string {
  const registered = peopleAlias
    ? `${peopleAlias}.registered_by_organisation_id = ${orgParam}`
    : `EXISTS (SELECT 1 FROM people vp WHERE vp.id = ${personCol} AND vp.registered_by_organisation_id = ${orgParam})`;
  return `(${registered}
    OR EXISTS (SELECT 1 FROM referrals vr WHERE vr.person_id = ${personCol}
               AND (vr.creator_organisation_id = ${orgParam}
                    OR (vr.to_organisation_id = ${orgParam} AND vr.status <> 'ENTERED_IN_ERROR')))
    OR EXISTS (SELECT 1 FROM wellbeing_assessments vw WHERE vw.person_id = ${personCol} AND vw.organisation_id = ${orgParam})
    OR EXISTS (SELECT 1 FROM outcomes vo WHERE vo.person_id = ${personCol} AND vo.organisation_id = ${orgParam}))`;
}

/** A row when the person $1 is visible to the organisation $2 (people pkey, the predicate's indexes). */
export const PERSON_VISIBLE_SQL = `SELECT 1 FROM people p WHERE p.id = $1 AND ${personVisibleSql('p.id', '$2', 'p')}`;

/** A row when the consent $1 is of a person visible to the organisation $2 (consents pkey). */
export const CONSENT_VISIBLE_SQL = `SELECT 1 FROM consents c JOIN people p ON p.id = c.person_id
  WHERE c.id = $1 AND ${personVisibleSql('p.id', '$2', 'p')}`;

const PERSON_VISIBLE = prepared('people_visible', PERSON_VISIBLE_SQL);

/** Which people an organisation may see; used by every library that serves person-level data. */
@Injectable()
export class PeopleAccess {
  constructor(private readonly db: Db) {}

  /** True when the person exists and is visible to the caller's organisation. */
  async isVisible(ctx: RequestContext, personId: string, q: Queryable = this.db): Promise<boolean> {
    if (!isUuid(personId)) return false;
    const rows = await q.query(PERSON_VISIBLE, [personId, ctx.actor.organisationId]);
    return rows.length > 0;
  }

  /** NOT_FOUND unless the person exists and is visible to the caller's organisation. */
  async assertVisible(ctx: RequestContext, personId: string, q: Queryable = this.db): Promise<void> {
    if (!(await this.isVisible(ctx, personId, q))) throw AppError.notFound('Person');
  }
}

/** Alias kept for readers who look for it by this name. */
export { PeopleAccess as PersonVisibility };
