import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The people's text columns searchPeople matches case-insensitively, and their trigram indexes. */
const SEARCHED = [
  ['given_name', 'people_given_name_trgm_idx'],
  ['family_name', 'people_family_name_trgm_idx'],
  ['email', 'people_email_trgm_idx'],
] as const;

/**
 * searchPeople matches names and emails case-insensitively (CONTRACT.md section 6), now folded as
 * lower(upper(…)) instead of lower(…), as staff emails are (0070). lower() alone keeps apart
 * letters that are one letter in capitals: "IŞIKLI" did not find "Işıklı" (lower gives "işikli"
 * and "işıklı"), nor "ΣΟΦΊΑ" a name ending in a final sigma. Upper case first maps each pair to one
 * form. The trigram indexes keep their names, over the new expression.
 */
export class PeopleSearchFolded1764201600071 implements MigrationInterface {
  name = 'PeopleSearchFolded1764201600071';

  async up(q: QueryRunner): Promise<void> {
    for (const [column, index] of SEARCHED) {
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON people USING gin (lower(upper(${column})) gin_trgm_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [column, index] of SEARCHED) {
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON people USING gin (lower(${column}) gin_trgm_ops)`);
    }
  }
}
