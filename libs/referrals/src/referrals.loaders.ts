import { Injectable } from '@nestjs/common';
import type { RequestContext, RequestLoader } from '#libs/common';
import { Db, prepared } from '#libs/database';
import {
  referralColumns,
  type ReferralEventModel,
  type ReferralEventRow,
  type ReferralModel,
  type ReferralRow,
  toReferral,
  toReferralEvent,
} from './referral.model.js';

/** Referrals by id (the referral loader's statement; referrals pkey). $1 ids (uuid[]). */
export const REFERRALS_BY_IDS_SQL = prepared(
  'referrals_by_ids',
  `SELECT ${referralColumns('r')} FROM referrals r WHERE r.id = ANY($1::uuid[])`,
);

/** Per-request loaders for referral relations. No visibility checks: callers pass ids already checked. */
@Injectable()
export class ReferralLoaders {
  constructor(private readonly db: Db) {}

  referral(ctx: RequestContext): RequestLoader<string, ReferralModel | null> {
    return ctx.loader('referrals.referral', async (ids: readonly string[]) => {
      const rows = await this.db.query<ReferralRow>(REFERRALS_BY_IDS_SQL, [ids]);
      const map = new Map(rows.map((r) => [r.id, toReferral(r)]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  /** History, oldest first. */
  history(ctx: RequestContext): RequestLoader<string, ReferralEventModel[]> {
    return ctx.loader('referrals.history', async (ids: readonly string[]) => {
      const rows = await this.db.query<ReferralEventRow>(
        `SELECT e.id, e.referral_id, e.from_status, e.to_status, e.reason, e.note, e.by_staff_id, e.at,
                r.creator_organisation_id, r.to_organisation_id
           FROM referral_events e JOIN referrals r ON r.id = e.referral_id
          WHERE e.referral_id = ANY($1::uuid[])
          ORDER BY e.referral_id, e.seq`,
        [ids],
      );
      const map = new Map<string, ReferralEventModel[]>();
      for (const r of rows) {
        const list = map.get(r.referral_id) ?? [];
        list.push(toReferralEvent(r));
        map.set(r.referral_id, list);
      }
      return ids.map((id) => map.get(id) ?? []);
    });
  }
}
