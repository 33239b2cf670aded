import { Injectable } from '@nestjs/common';
import type { RequestContext, RequestLoader } from '#libs/common';
import { Db, prepared } from '#libs/database';
import { CONSENT_LIST_COLUMNS, type ConsentModel, type ConsentRow, toConsent } from './consent.model.js';
import { type PersonModel, type PersonRow, personColumns, toPerson } from './person.model.js';

/** People by id (the person loader's statement; people pkey). $1 ids (uuid[]). */
export const PEOPLE_BY_IDS_SQL = prepared(
  'people_by_ids',
  `SELECT ${personColumns('p')} FROM people p WHERE p.id = ANY($1::uuid[])`,
);

/**
 * Per-request loaders. They do not check visibility: callers hand them ids they have already
 * checked (a visible referral's person, a visible person's consents).
 */
@Injectable()
export class PeopleLoaders {
  constructor(private readonly db: Db) {}

  person(ctx: RequestContext): RequestLoader<string, PersonModel | null> {
    return ctx.loader('people.person', async (ids: readonly string[]) => {
      const rows = await this.db.query<PersonRow>(PEOPLE_BY_IDS_SQL, [ids]);
      const map = new Map(rows.map((r) => [r.id, toPerson(r)]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  consentsOfPerson(ctx: RequestContext): RequestLoader<string, ConsentModel[]> {
    return ctx.loader('people.consentsOfPerson', async (ids: readonly string[]) => {
      const rows = await this.db.query<ConsentRow>(
        `SELECT ${CONSENT_LIST_COLUMNS} FROM consents WHERE person_id = ANY($1::uuid[]) ORDER BY given_at, id`,
        [ids],
      );
      const map = new Map<string, ConsentModel[]>();
      for (const r of rows) {
        const list = map.get(r.person_id) ?? [];
        list.push(toConsent(r));
        map.set(r.person_id, list);
      }
      return ids.map((id) => map.get(id) ?? []);
    });
  }

  /** The organisations each consent covers, by consent id (consents pkey). */
  organisationIdsOfConsent(ctx: RequestContext): RequestLoader<string, string[]> {
    return ctx.loader('people.organisationIdsOfConsent', async (ids: readonly string[]) => {
      const rows = await this.db.query<{ id: string; organisation_ids: string[] }>(
        'SELECT id, organisation_ids FROM consents WHERE id = ANY($1::uuid[])',
        [ids],
      );
      const map = new Map(rows.map((r) => [r.id, r.organisation_ids]));
      return ids.map((id) => map.get(id) ?? []);
    });
  }
}
