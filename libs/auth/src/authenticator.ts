import { Inject, Injectable } from '@nestjs/common';
import { type Actor, isUuid, Role } from '#libs/common';
import { Db, prepared } from '#libs/database';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { bearerToken, verifyToken } from './token.js';

/** The staff member a token names (staff pkey). $1 staff id. */
export const STAFF_FOR_TOKEN = prepared(
  'auth_staff_for_token',
  'SELECT id, organisation_id, role, active, token_generation FROM staff WHERE id = $1',
);

/** Turns a request's bearer token into an Actor, checking the staff member is (still) active. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly db: Db,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async fromHeader(header: string | string[] | undefined): Promise<Actor | null> {
    const token = bearerToken(header);
    if (!token) return null;
    const payload = verifyToken(this.options.secret, token);
    if (!payload || !isUuid(payload.sub)) return null;
    // One indexed lookup per request: a deactivated staff member is refused at once.
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
    return { staffId: row.id, organisationId: row.organisation_id, role: row.role };
  }
}
