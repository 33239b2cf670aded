import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff emails are unique and matched regardless of case (CONTRACT.md section 6), now folded as
 * lower(upper(email)) instead of lower(email). lower() alone keeps apart letters that are one
 * letter in capitals: a final sigma (ς) and σ are both Σ, so "σίσυφος@…" and "ΣΊΣΥΦΟΣ@…" could be
 * two accounts, and which one signed in depended on how the address was typed; the long s (ſ) and s
 * likewise. Upper case first maps each pair to one form. It is still PostgreSQL's one-letter-to-one
 * case mapping, not full Unicode case folding: "ß" and "SS" stay apart.
 *
 * Stops, naming them, when existing staff emails would collide under the new folding: an operator
 * must tell those accounts apart first (it cannot be decided here which one keeps the address).
 */
export class StaffEmailFolded1764201600070 implements MigrationInterface {
  name = 'StaffEmailFolded1764201600070';

  async up(q: QueryRunner): Promise<void> {
    const clashes = (await q.query(
      `SELECT string_agg(email, ', ' ORDER BY email) AS emails
         FROM staff GROUP BY lower(upper(email)) HAVING count(*) > 1`,
    )) as { emails: string }[];
    if (clashes.length > 0)
      throw new Error(
        `These staff emails differ only in letter case and must be made distinct before this migration: ${clashes
          .map((c) => c.emails)
          .join('; ')}`,
      );
    await q.query(`CREATE UNIQUE INDEX staff_email_folded_key ON staff (lower(upper(email)))`);
    await q.query(`DROP INDEX staff_email_lower_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX staff_email_lower_key ON staff (lower(email))`);
    await q.query(`DROP INDEX staff_email_folded_key`);
  }
}
