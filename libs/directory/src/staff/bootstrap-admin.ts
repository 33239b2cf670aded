import { hasControlChars, hasVisibleChar, isEmail, passwordLength, Role } from '#libs/common';
import { caseFoldedSql, type Db } from '#libs/database';
import { OrganisationKind } from '../enums.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './create-staff.input.js';
import { hashPassword } from './password.js';
import { insertStaff } from './staff.store.js';

export const BOOTSTRAP_ORGANISATION_NAME = 'Partnership administration';

/** Serialises bootstrap across API replicas starting together (any constant; scoped to this database). */
const BOOTSTRAP_LOCK = 7_270_401;

/** Why the bootstrap credentials cannot be used, or null when they can. */
export function bootstrapAdminProblem(email: string, password: string): string | null {
  if (!isEmail(email)) return 'BOOTSTRAP_ADMIN_EMAIL must be an email address such as admin@example.org.';
  if (passwordLength(password) < PASSWORD_MIN)
    return `BOOTSTRAP_ADMIN_PASSWORD must be at least ${PASSWORD_MIN} characters.`;
  if (passwordLength(password) > PASSWORD_MAX)
    return `BOOTSTRAP_ADMIN_PASSWORD must be at most ${PASSWORD_MAX} characters.`;
  if (hasControlChars(password)) return 'BOOTSTRAP_ADMIN_PASSWORD must not contain control characters.';
  if (!hasVisibleChar(password))
    return 'BOOTSTRAP_ADMIN_PASSWORD must not be only spaces or invisible characters.';
  return null;
}

/**
 * When no staff member has `email` (any case), creates an ADMIN with it in the organisation
 * "Partnership administration" (kind OTHER, locally rooted), reusing that organisation when it
 * exists. Idempotent; safe when several processes run it at once (transaction-scoped advisory lock).
 * Returns the new staff id, or null when someone already has the email.
 */
export async function ensureBootstrapAdmin(db: Db, email: string, password: string): Promise<string | null> {
  const address = email.trim();
  const existing = await db.one(
    `SELECT 1 FROM staff WHERE ${caseFoldedSql('email')} = ${caseFoldedSql('$1')}`,
    [address],
  );
  if (existing) return null;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const taken = await tx.one(
      `SELECT 1 FROM staff WHERE ${caseFoldedSql('email')} = ${caseFoldedSql('$1')}`,
      [address],
    );
    if (taken) return null;
    // Only an organisation that is what the contract describes: a namesake of another kind (one
    // an administrator created by hand, say) is left alone.
    let org = await tx.one<{ id: string }>(
      `SELECT id FROM organisations WHERE name = $1 AND kind = $2 AND locally_rooted
        ORDER BY created_at, id LIMIT 1`,
      [BOOTSTRAP_ORGANISATION_NAME, OrganisationKind.OTHER],
    );
    org ??= await tx.one<{ id: string }>(
      `INSERT INTO organisations (name, kind, locally_rooted) VALUES ($1, $2, true) RETURNING id`,
      [BOOTSTRAP_ORGANISATION_NAME, OrganisationKind.OTHER],
    );
    const staff = await insertStaff(tx, {
      email: address,
      name: 'Administrator',
      role: Role.ADMIN,
      organisationId: org!.id,
      passwordHash,
    });
    return staff.id;
  });
}
