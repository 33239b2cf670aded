import { Injectable } from '@nestjs/common';
import { AppError, charLength, checkFirst, hasControlChars, type RequestContext } from '#libs/common';
import { caseFoldedSql, Db, type Queryable } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { type PersonModel, type PersonRow, personColumns, toPerson } from './person.model.js';
import { personColumnsFrom, type PersonColumns } from './rules/person-fields.js';
import { PeopleAccess, personVisibleSql } from './visibility.js';

const WRITABLE: ReadonlySet<string> = new Set([
  'given_name',
  'family_name',
  'date_of_birth',
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
]);

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * searchPeople SQL: a case-insensitive substring (caseFoldedSql) of given or family name or email,
 * or the digits of an NHS or phone number, among the people visible to the organisation `$2` ($1
 * the pattern, $3 the limit, $4 the digits pattern, $5 and $6 a UK phone number's national and
 * international forms, or $4 again; or, for a text with an apostrophe, $4 and $5 the name written
 * with straight and with curly apostrophes). Each text branch is served by its trigram GIN index
 * (people_*_trgm_idx). Exported so a test can EXPLAIN it.
 */
export function searchPeopleSql(withDigits: boolean, withApostrophes = false): string {
  const digits = withDigits
    ? ` OR p.nhs_number LIKE $4 OR p.phone_digits LIKE $4 OR p.phone_digits LIKE $5 OR p.phone_digits LIKE $6`
    : withApostrophes
      ? ['$4', '$5']
          .map(
            (n) =>
              ` OR ${caseFoldedSql('p.given_name')} LIKE ${caseFoldedSql(n)} OR ${caseFoldedSql('p.family_name')} LIKE ${caseFoldedSql(n)}`,
          )
          .join('')
      : '';
  return `SELECT ${personColumns('p')} FROM people p
           WHERE (${caseFoldedSql('p.given_name')} LIKE ${caseFoldedSql('$1')} OR ${caseFoldedSql('p.family_name')} LIKE ${caseFoldedSql('$1')}
                  OR ${caseFoldedSql('p.email')} LIKE ${caseFoldedSql('$1')}${digits})
             AND ${personVisibleSql('p.id', '$2', 'p')}
           ORDER BY lower(p.family_name), lower(p.given_name), p.id
           LIMIT $3`;
}

/**
 * A UK phone number typed in either form, as the digits of both: national (07700 900123) and
 * international (+44 7700 900123, 0044 …, +44 (0)1422 …). Null when the text is neither.
 */
export function ukPhoneForms(
  text: string,
  compact: string,
): [national: string, international: string] | null {
  let national: string;
  if (/^\s*\+\s*44/.test(text)) national = '0' + compact.slice(2);
  else if (compact.startsWith('0044')) national = '0' + compact.slice(4);
  else if (/^0[1-9]/.test(compact)) national = compact;
  else return null;
  national = national.replace(/^00/, '0'); // "+44 (0)1422": the trunk 0 written after the country code
  return national.length > 1 ? [national, '44' + national.slice(1)] : null;
}

/** Apostrophes as keyboards type them: straight, curly (phones, word processors), modifier letter. */
const APOSTROPHE = "['\u2018\u2019\u02bc]";

/**
 * For a text with an apostrophe, the name as typed with straight and with curly ones: O'Brien and
 * O’Brien are the same person, whichever way each was typed.
 */
export function apostropheForms(text: string): [straight: string, curly: string] | null {
  if (!new RegExp(APOSTROPHE).test(text)) return null;
  const every = new RegExp(APOSTROPHE, 'g');
  return [likePattern(text.replace(every, "'")), likePattern(text.replace(every, '\u2019'))];
}

/**
 * The search text's parameters: a LIKE pattern for names and email, and, when the text is a number,
 * one for its digits and two for a UK phone number's national and international forms (the digits
 * pattern again when it is not one).
 */
export function searchParams(text: string): {
  pattern: string;
  digits: string | null;
  phone: [string, string];
} {
  const compact = text.replace(/[\s\-()+.]/g, '');
  const digits = /^[0-9]{2,}$/.test(compact) ? likePattern(compact) : null;
  const forms = digits === null ? null : ukPhoneForms(text, compact);
  const phone: [string, string] = forms
    ? [likePattern(forms[0]), likePattern(forms[1])]
    : [digits ?? '', digits ?? ''];
  // Lower-cased by PostgreSQL, as the names it is compared with are: JavaScript folds some letters
  // differently (Turkish İ becomes "i̇", PostgreSQL's "i").
  return { pattern: likePattern(text), digits, phone };
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly access: PeopleAccess,
    private readonly audit: AuditService,
  ) {}

  private async load(q: Queryable, id: string): Promise<PersonModel> {
    const row = await q.query<PersonRow>(`SELECT ${personColumns('p')} FROM people p WHERE p.id = $1`, [id]);
    return toPerson(row[0]);
  }

  async register(ctx: RequestContext, input: Record<string, unknown>): Promise<PersonModel> {
    const cols = personColumnsFrom(input ?? {}, 'register');
    const actor = ctx.actor;
    return this.db.transaction(async (tx) => {
      const keys = Object.keys(cols).filter((k) => WRITABLE.has(k));
      const values = keys.map((k) => cols[k as keyof PersonColumns]);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO people (${keys.join(', ')}, registered_by_organisation_id, registered_by_staff_id)
         VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}, $${keys.length + 2})
         RETURNING id`,
        [...values, actor.organisationId, actor.staffId],
      );
      await this.audit.record(tx, ctx, AuditAction.PERSON_REGISTER, [row!.id]);
      return this.load(tx, row!.id);
    });
  }

  async update(ctx: RequestContext, id: string, input: Record<string, unknown>): Promise<PersonModel> {
    return this.audit.deniedAudited(ctx, AuditAction.PERSON_UPDATE, id, async () => {
      await this.access.assertVisible(ctx, id);
      const cols = personColumnsFrom(input ?? {}, 'update');
      return this.db.transaction(async (tx) => {
        const keys = Object.keys(cols).filter((k) => WRITABLE.has(k));
        const sets = keys.map((k, i) => `${k} = $${i + 2}`);
        await tx.query(
          `UPDATE people SET ${[...sets, 'updated_at = clock_timestamp()'].join(', ')} WHERE id = $1`,
          [id, ...keys.map((k) => cols[k as keyof PersonColumns])],
        );
        await this.audit.record(tx, ctx, AuditAction.PERSON_UPDATE, [id]);
        return this.load(tx, id);
      });
    });
  }

  async get(ctx: RequestContext, id: string): Promise<PersonModel> {
    return this.audit.deniedAudited(ctx, AuditAction.PERSON_READ, id, () =>
      this.db.transaction(async (tx) => {
        await this.access.assertVisible(ctx, id, tx);
        const person = await this.load(tx, id);
        await this.audit.record(tx, ctx, AuditAction.PERSON_READ, [id]);
        return person;
      }),
    );
  }

  async search(
    ctx: RequestContext,
    textArg: string,
    firstArg: number | null | undefined,
  ): Promise<PersonModel[]> {
    const text = typeof textArg === 'string' ? textArg.trim().normalize('NFC') : '';
    if (charLength(text) < 2 || charLength(text) > 100 || hasControlChars(text))
      throw AppError.badInput('text', 'Search text must be 2 to 100 characters, without control characters.');
    const first = checkFirst(firstArg, 20);
    const { pattern, digits, phone } = searchParams(text);
    const apostrophes = digits === null ? apostropheForms(text) : null;
    return this.db.transaction(async (tx) => {
      const params: unknown[] = [pattern, ctx.actor.organisationId, first];
      if (digits !== null) params.push(digits, ...phone);
      else if (apostrophes !== null) params.push(...apostrophes);
      const rows = await tx.query<PersonRow>(searchPeopleSql(digits !== null, apostrophes !== null), params);
      const people = rows.map(toPerson);
      await this.audit.record(
        tx,
        ctx,
        AuditAction.PERSON_SEARCH_READ,
        people.map((p) => p.id),
      );
      return people;
    });
  }
}
