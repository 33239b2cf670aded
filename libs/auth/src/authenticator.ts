import { Inject, Injectable } from '@nestjs/common';
import { type Credential, isUuid, Role } from '#libs/common';
import { Db, prepared } from '#libs/database';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { bearerToken, type TokenPayload, verifyToken } from './token.js';

/** The staff member a token names (staff pkey). $1 staff id. */
export const STAFF_FOR_TOKEN = prepared(
  'auth_staff_for_token',
  'SELECT id, organisation_id, role, active, token_generation FROM staff WHERE id = $1',
);

/**
 * The condition a statement puts before anything it reads or writes when it checks its caller
 * itself (CallerCheckedInStatement): the staff row still matches the token's claims, active and at
 * the token's generation (staff pkey). Appends the four values to `params`.
 */
export function callerCheckSql(caller: Credential, params: unknown[]): string {
  params.push(caller.staffId, caller.organisationId, caller.role, caller.generation);
  const n = params.length;
  return callerCheckSqlAt(`$${n - 3}`, `$${n - 2}`, `$${n - 1}`, `$${n}`);
}

/** callerCheckSql for a statement whose text is fixed ahead: the four parameters by number. */
export function callerCheckSqlAt(
  staff: string,
  organisation: string,
  role: string,
  generation: string,
): string {
  return `EXISTS (SELECT 1 FROM staff cs WHERE cs.id = ${staff}::uuid AND cs.organisation_id = ${organisation}::uuid
            AND cs.role = ${role}::text AND cs.active AND cs.token_generation = ${generation}::int)`;
}

/** Turns a request's bearer token into an actor. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly db: Db,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  private payload(header: string | string[] | undefined): TokenPayload | null {
    const token = bearerToken(header);
    if (!token) return null;
    const payload = verifyToken(this.options.secret, token);
    return payload && isUuid(payload.sub) ? payload : null;
  }

  /**
   * The actor a valid token claims, without reading anything: null when the token is invalid or
   * predates the claims. Only for operations whose statement then checks the caller itself.
   */
  claims(header: string | string[] | undefined): Credential | null {
    const payload = this.payload(header);
    if (!payload || payload.org === undefined || payload.role === undefined) return null;
    return {
      staffId: payload.sub,
      organisationId: payload.org,
      role: payload.role,
      generation: payload.gen ?? 0,
    };
  }

  /** The token's staff member, read now and checked to be (still) active and as the token says. */
  async fromHeader(header: string | string[] | undefined): Promise<Credential | null> {
    const payload = this.payload(header);
    if (!payload) return null;
    // One indexed lookup: a deactivated staff member is refused at once.
    const row = await this.db.one<{
      id: string;
      organisation_id: string;
      role: Role;
      active: boolean;
      token_generation: number;
    }>(STAFF_FOR_TOKEN, [payload.sub]);
    if (!row || !row.active) return null;
    // Tokens issued before a deactivation stay dead after a reactivation.
    if ((payload.gen ?? 0) !== row.token_generation) return null;
    // Claims that no longer hold make the token invalid, as a statement's check would.
    if (payload.org !== undefined && (payload.org !== row.organisation_id || payload.role !== row.role))
      return null;
    return {
      staffId: row.id,
      organisationId: row.organisation_id,
      role: row.role,
      generation: row.token_generation,
    };
  }
}
