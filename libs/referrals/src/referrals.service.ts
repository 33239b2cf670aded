import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode, isUuid, type RequestContext, Role } from '#libs/common';
import { Db } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { ReferralReason, ReferralStatus } from './enums.js';
import { type ReferralModel, type ReferralRow, toReferral } from './referral.model.js';
import { isReferralVisibleTo, REFERRAL_PERSON_SQL } from './referral-visibility.js';
import {
  INSERT_REFERRAL,
  MAKE_REFERRAL_AT_ONCE,
  MAKE_REFERRAL_CHECKS,
  REFERRAL_BY_ID,
  REFERRAL_BY_KEY,
  TRANSITION_AT_ONCE,
  TRANSITION_REFERRAL,
} from './referral-writes.sql.js';
import { decideMakeReferral, idempotencyConflict } from './rules/make-referral-checks.js';
import {
  type MakeReferralPlain,
  type NormalisedReferralInput,
  normaliseMakeReferral,
  referralFingerprint,
} from './rules/make-referral-input.js';
import { normaliseTransitionInput } from './rules/transition-input.js';
import { transitionSources } from './rules/transition-sources.js';
import {
  allowedTransitions,
  type ReferralParty,
  transitionParty,
  wrongPartyMessage,
} from './rules/transitions.js';

/** The row of MAKE_REFERRAL_CHECKS: the checks, then an earlier referral with the same key (or nulls). */
interface MakeChecksRow extends ReferralRow {
  check_from_organisation_id: string | null;
  check_from_category: string | null;
  check_to_id: string | null;
  check_to_organisation_id: string | null;
  check_to_category: string | null;
  check_to_capacity: string | null;
  check_to_ward: string | null;
  check_person_visible: boolean;
  check_consented: boolean | null;
}

const MAKE_ACTIONS: readonly string[] = [AuditAction.REFERRAL_MAKE];
const MAKE_OVERRIDE_ACTIONS: readonly string[] = [
  AuditAction.REFERRAL_MAKE,
  AuditAction.REFERRAL_SAFEGUARDING_OVERRIDE,
];

const TRANSITION_ACTIONS: readonly string[] = [AuditAction.REFERRAL_TRANSITION];

export interface TransitionPlain {
  referralId: string;
  to: ReferralStatus;
  reason?: ReferralReason | null;
  note?: string | null;
  expectedVersion: number;
}

/** The parties the caller is to a referral (CONTRACT.md section 5). */
export function partiesOf(
  r: Pick<ReferralModel, 'creatorOrganisationId' | 'toOrganisationId' | 'createdByStaffId'>,
  actor: { staffId: string; organisationId: string; role: Role },
): Set<ReferralParty> {
  const parties = new Set<ReferralParty>();
  if (actor.organisationId === r.toOrganisationId) parties.add('RECEIVER');
  if (actor.organisationId === r.creatorOrganisationId) parties.add('REFERRER');
  if (
    actor.staffId === r.createdByStaffId ||
    (actor.role === Role.SERVICE_MANAGER &&
      (actor.organisationId === r.creatorOrganisationId || actor.organisationId === r.toOrganisationId))
  )
    parties.add('CORRECTOR');
  return parties;
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The same key again: identical input → the original referral as it is now; otherwise CONFLICT. */
  private replay(existing: ReferralRow, fingerprint: string): ReferralModel {
    if (existing.idempotency_fingerprint !== fingerprint) throw idempotencyConflict();
    return toReferral(existing);
  }

  /**
   * One statement when every rule passes (MAKE_REFERRAL_AT_ONCE). Otherwise two: one reads everything
   * the rules need (services, visibility, consent, an earlier referral with the same key) so that
   * they refuse in the contract's order, the other writes when they do not.
   */
  async make(ctx: RequestContext, input: MakeReferralPlain): Promise<ReferralModel> {
    const actor = ctx.credential;
    return this.audit.deniedAudited(ctx, AuditAction.REFERRAL_MAKE, input.personId, async () => {
      // The input rules are pure: run them now, report what they refuse in its place below.
      let n: NormalisedReferralInput | null = null;
      let inputError: unknown = null;
      try {
        n = normaliseMakeReferral(input);
      } catch (e) {
        inputError = e;
      }
      // Needed only with an idempotency key (the key is bound to it).
      const fingerprint = n === null || n.idempotencyKey === null ? null : referralFingerprint(n);
      if (
        n !== null &&
        isUuid(n.personId) &&
        isUuid(n.toServiceId) &&
        (n.fromServiceId === null || isUuid(n.fromServiceId))
      ) {
        const made = await this.db.one<ReferralRow>(MAKE_REFERRAL_AT_ONCE, [
          n.personId,
          n.fromServiceId,
          n.toServiceId,
          actor.organisationId,
          actor.staffId,
          n.route,
          n.needs,
          n.note,
          n.safeguardingJustification,
          n.idempotencyKey,
          n.idempotencyKey === null ? null : fingerprint,
          ctx.requestId,
          MAKE_ACTIONS,
          MAKE_OVERRIDE_ACTIONS,
          actor.role,
          actor.generation,
        ]);
        if (made) {
          // The statement wrote only because the caller is valid.
          ctx.callerChecked(true);
          return toReferral(made);
        }
      }
      return this.makeChecked(ctx, input, n, inputError, fingerprint);
    });
  }

  /** makeReferral when some rule may refuse: read the facts, apply the rules in order, then write. */
  private async makeChecked(
    ctx: RequestContext,
    input: MakeReferralPlain,
    n: NormalisedReferralInput | null,
    inputError: unknown,
    fingerprint: string | null,
  ): Promise<ReferralModel> {
    // Nothing is read, answered or refused for a caller not verified (UNAUTHENTICATED first).
    const actor = await ctx.confirmCaller();
    const fromServiceId = input.fromServiceId ?? null;
    const check = (await this.db.one<MakeChecksRow>(MAKE_REFERRAL_CHECKS, [
      isUuid(input.personId) ? input.personId : null,
      actor.organisationId,
      isUuid(fromServiceId) ? fromServiceId : null,
      isUuid(input.toServiceId) ? input.toServiceId : null,
      actor.staffId,
      n?.idempotencyKey ?? null,
    ]))!;
    const decision = decideMakeReferral(
      {
        organisationId: actor.organisationId,
        fromServiceGiven: fromServiceId !== null,
        inputError,
        hasIdempotencyKey: n?.idempotencyKey != null,
        hasSafeguardingJustification: n?.safeguardingJustification != null,
      },
      {
        fromServiceOrganisationId: check.check_from_organisation_id,
        personVisible: check.check_person_visible,
        toService:
          check.check_to_id === null
            ? null
            : { organisationId: check.check_to_organisation_id!, capacity: check.check_to_capacity! },
        consented: check.check_consented === true,
        existing: check.id === null ? null : { fingerprint: check.idempotency_fingerprint },
      },
      fingerprint,
    );
    // Past the input rules, so n exists (and the fingerprint, when there is a key).
    if (decision.kind === 'replay') return toReferral(check);
    const row = await this.db.one<ReferralRow>(INSERT_REFERRAL, [
      n!.personId,
      n!.fromServiceId,
      check.check_to_id,
      actor.organisationId,
      check.check_to_organisation_id,
      actor.staffId,
      n!.route,
      n!.needs,
      n!.note,
      decision.override,
      n!.safeguardingJustification,
      n!.idempotencyKey,
      n!.idempotencyKey === null ? null : fingerprint,
      check.check_from_category,
      check.check_to_category,
      check.check_to_ward,
      ctx.requestId,
      decision.override ? MAKE_OVERRIDE_ACTIONS : MAKE_ACTIONS,
    ]);
    if (row) return toReferral(row);
    // A concurrent request with the same key committed first: answer as a retry would.
    const existing = await this.db.one<ReferralRow>(REFERRAL_BY_KEY, [actor.staffId, n!.idempotencyKey]);
    return this.replay(existing!, fingerprint!);
  }

  async transition(ctx: RequestContext, input: TransitionPlain): Promise<ReferralModel> {
    const actor = ctx.credential;
    let personId: string | null = null;
    return this.audit.deniedAudited(
      ctx,
      AuditAction.REFERRAL_TRANSITION,
      () => personId ?? { sql: REFERRAL_PERSON_SQL, id: input.referralId },
      async () => {
        if (!isUuid(input.referralId)) throw AppError.notFound('Referral');
        // The input rules are pure: run them now, report what they refuse in its place below.
        let given: { reason: string | null; note: string | null } | null = null;
        let inputError: unknown = null;
        try {
          given = normaliseTransitionInput(input);
        } catch (e) {
          inputError = e;
        }
        if (given !== null) {
          const sources = transitionSources(input.to);
          const done = await this.db.one<ReferralRow>(TRANSITION_AT_ONCE, [
            input.referralId,
            input.expectedVersion,
            input.to,
            given.reason,
            given.note,
            actor.staffId,
            actor.organisationId,
            actor.role === Role.SERVICE_MANAGER,
            sources.RECEIVER,
            sources.REFERRER,
            sources.CORRECTOR,
            ctx.requestId,
            TRANSITION_ACTIONS,
            actor.role,
            actor.generation,
          ]);
          if (done) {
            // The statement wrote only because the caller is valid.
            ctx.callerChecked(true);
            return toReferral(done);
          }
        }
        // Nothing is read, answered or refused for a caller not verified (UNAUTHENTICATED first).
        await ctx.confirmCaller();

        // Some rule refuses (or the referral changed meanwhile): read it and apply them in order.
        const current = await this.db.one<ReferralRow>(REFERRAL_BY_ID, [input.referralId]);
        if (!current) throw AppError.notFound('Referral');
        const ref = toReferral(current);
        if (!isReferralVisibleTo(ref, actor.organisationId)) throw AppError.notFound('Referral');
        personId = ref.personId;
        if (given === null) throw inputError;
        const { reason, note } = given;

        if (input.expectedVersion !== ref.version)
          throw AppError.conflict(
            `The referral has changed (now version ${ref.version}); reload it and try again.`,
            { currentVersion: ref.version },
          );
        const party = transitionParty(ref.status, input.to);
        const parties = partiesOf(ref, actor);
        if (party === null)
          throw new AppError(
            ErrorCode.INVALID_TRANSITION,
            `${/^[AEIOU]/.test(ref.status) ? 'An' : 'A'} ${ref.status} referral cannot move to ${input.to}.`,
            { allowed: allowedTransitions(ref.status, parties) },
          );
        if (!parties.has(party)) throw AppError.forbidden(wrongPartyMessage(party, input.to));

        // Guarded by the version the caller saw: a change since then writes nothing.
        const updated = await this.db.one<ReferralRow>(TRANSITION_REFERRAL, [
          ref.id,
          input.expectedVersion,
          input.to,
          reason,
          ref.status,
          note,
          actor.staffId,
          actor.organisationId,
          ref.personId,
          ctx.requestId,
          TRANSITION_ACTIONS,
        ]);
        if (!updated)
          throw AppError.conflict('The referral was changed by someone else; reload it and try again.');
        return toReferral(updated);
      },
    );
  }
}
