import { AppError, Role } from '#libs/common';
import { caseFoldedSql, isUniqueViolation, type Queryable } from '#libs/database';
import { hashPassword } from './password.js';
import { STAFF_COLUMNS, type StaffModel, type StaffRow, toStaff } from './staff.model.js';

export interface NewStaff {
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  /** Either the password (hashed here) or an already computed hash from hashPassword. */
  password?: string;
  passwordHash?: string;
  serviceIds?: readonly string[];
}

/**
 * Inserts a staff member and their services with the given connection (use a transaction's).
 * Inputs are taken as already validated (the API validates first; seeding passes known-good data).
 * A duplicate email (any case) is CONFLICT, decided by the unique index staff_email_folded_key.
 */
export async function insertStaff(q: Queryable, s: NewStaff): Promise<StaffModel> {
  const passwordHash = s.passwordHash ?? (await hashPassword(s.password ?? ''));
  let row: StaffRow;
  try {
    [row] = await q.query<StaffRow>(
      `INSERT INTO staff (email, name, role, organisation_id, password_hash)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${STAFF_COLUMNS}`,
      [s.email, s.name, s.role, s.organisationId, passwordHash],
    );
  } catch (e) {
    if (isUniqueViolation(e, 'staff_email_folded_key'))
      throw AppError.conflict('A staff member with this email already exists.', { field: 'email' });
    throw e;
  }
  const serviceIds = [...new Set(s.serviceIds ?? [])];
  if (serviceIds.length > 0) {
    await q.query(`INSERT INTO staff_services (staff_id, service_id) SELECT $1, unnest($2::uuid[])`, [
      row.id,
      serviceIds,
    ]);
  }
  return toStaff(row);
}

export interface StaffCredentials {
  id: string;
  organisation_id: string;
  role: Role;
  active: boolean;
  password_hash: string;
  token_generation: number;
  email: string;
  name: string;
}

/** The staff member signing in with this email, matched case-insensitively (uses staff_email_folded_key). */
export async function findStaffByEmail(q: Queryable, email: string): Promise<StaffCredentials | null> {
  const rows = await q.query<StaffCredentials>(
    `SELECT id, email, name, role, organisation_id, active, password_hash, token_generation
       FROM staff WHERE ${caseFoldedSql('email')} = ${caseFoldedSql('$1')}`,
    [email],
  );
  return rows[0] ?? null;
}
