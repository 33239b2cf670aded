import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode, hasControlChars, type RequestContext } from '#libs/common';
import { Db } from '#libs/database';
import {
  dummyPasswordHash,
  findStaffByEmail,
  type StaffModel,
  toStaff,
  verifyPassword,
} from '#libs/directory';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import type { AuthPayloadModel } from './auth-payload.model.js';
import {
  clearFailures,
  emailKey,
  lockedForSeconds,
  LOGIN_MAX_FAILURES,
  LOGIN_WINDOW_MINUTES,
  pruneFailures,
  recordFailure,
} from './login-throttle.js';
import { issueToken } from './token.js';

export const LOGIN_FAILED_MESSAGE = 'The email or password is not right, or the account is not active.';

type Outcome =
  | { kind: 'ok'; staff: StaffModel; generation: number }
  | { kind: 'failed' }
  | { kind: 'locked'; retry: number };

@Injectable()
export class LoginService {
  private readonly logger = new Logger('LoginService');

  constructor(
    private readonly db: Db,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /**
   * Signs a staff member in. Unknown email, wrong password and deactivated account all get the same
   * UNAUTHENTICATED answer after the same work (a dummy hash is verified for an unknown email).
   * Attempts for one email from one IP are serialised by an advisory lock, so a burst of parallel
   * guesses cannot slip past the lockout.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<AuthPayloadModel> {
    // Capped so a megabyte of 'email' cannot be stored as a failure key.
    const given = String(email ?? '');
    const key = emailKey(given).slice(0, 320);
    const ip = ctx.ip || 'unknown';
    const outcome = await this.db.transaction<Outcome>(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`login|${key}|${ip}`]);
      const retry = await lockedForSeconds(tx, key, ip);
      if (retry !== null) return { kind: 'locked', retry };
      // No staff email holds a control character (createStaff refuses them). The address goes to
      // PostgreSQL as typed (trimmed, composed) and is folded there, as the unique index
      // staff_email_folded_key folds it: JavaScript folds some letters differently (İ, a final Σ),
      // so an email folded here could miss its own account, or find another.
      const address = given.trim().normalize('NFC');
      const staff =
        key && address.length <= 320 && !hasControlChars(address)
          ? await findStaffByEmail(tx, address)
          : null;
      const secret = String(password ?? '');
      // No stored password holds a control character (IsPasswordText); a trailing NUL would
      // otherwise match as if absent, since scrypt's HMAC pads its key with zero bytes.
      const matches =
        !hasControlChars(secret) &&
        (await verifyPassword(secret, staff?.password_hash ?? (await dummyPasswordHash())));
      if (staff && matches && staff.active) {
        await clearFailures(tx, key, ip);
        return { kind: 'ok', staff: toStaff(staff), generation: staff.token_generation };
      }
      await recordFailure(tx, key, ip);
      return { kind: 'failed' };
    });

    if (outcome.kind === 'locked') {
      const minutes = Math.ceil(outcome.retry / 60);
      throw AppError.rateLimited(
        outcome.retry,
        `Too many failed sign-ins for this email from your network: try again in ${minutes} minute${minutes === 1 ? '' : 's'} (the limit is ${LOGIN_MAX_FAILURES} in ${LOGIN_WINDOW_MINUTES} minutes).`,
      );
    }
    if (outcome.kind === 'failed') {
      await pruneFailures(this.db).catch((e: Error) =>
        this.logger.warn(`could not prune login failures: ${e.message}`),
      );
      throw new AppError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED_MESSAGE);
    }
    const { staff, generation } = outcome;
    const { token, expiresAt } = issueToken(this.options.secret, staff.id, Date.now(), undefined, {
      generation,
      organisationId: staff.organisationId,
      role: staff.role,
    });
    ctx.signIn({ staffId: staff.id, organisationId: staff.organisationId, role: staff.role, generation });
    return { token, expiresAt, staff };
  }
}
