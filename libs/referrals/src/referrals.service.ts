import { Injectable } from '@nestjs/common';
import {
  AppError,
  ErrorCode,
  hasControlChars,
  isUuid,
  LONG_TEXT_MAX,
  type RequestContext,
  Role,
} from '#libs/common';
import { Db, type Tx } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { hasActiveConsent, PeopleAccess } from '#libs/people';
import { ReferralReason, ReferralStatus } from './enums.js';
import { referralColumns, type ReferralModel, type ReferralRow, toReferral } from './referral.model.js';
import { isReferralVisibleTo } from './referral-visibility.js';
import {
  type MakeReferralPlain,
  normaliseMakeReferral,
  referralFingerprint,
} from './rules/make-referral-input.js';
import {
  allowedTransitions,
  REASON_REQUIRED,
  type ReferralParty,
  transitionParty,
} from './rules/transitions.js';

export interface TransitionPlain {
  referralId: string;
  to: ReferralStatus;
  reason?: ReferralReason | null;
  note?: string | null;
  expectedVersion: number;
}

interface ServiceRow {
  id: string;
  organisation_id: string;
  category: string;
  capacity: string;
  ward: string | null;
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
    private readonly access: PeopleAccess,
    private readonly audit: AuditService,
  ) {}

  private async service(q: Db | Tx, id: string): Promise<ServiceRow | null> {
    if (!isUuid(id)) return null;
    return q.one<ServiceRow>(
      'SELECT id, organisation_id, category, capacity, ward FROM services WHERE id = $1',
      [id],
    );
  }

  private async byKey(q: Db | Tx, staffId: string, key: string): Promise<ReferralRow | null> {
    return q.one<ReferralRow>(
      `SELECT ${referralColumns('r')} FROM referrals r WHERE r.created_by_staff_id = $1 AND r.idempotency_key = $2`,
      [staffId, key],
    );
  }

  /** The same key again: identical input → the original referral as it is now; otherwise CONFLICT. */
  private replay(existing: ReferralRow, fingerprint: string): ReferralModel {
    if (existing.idempotency_fingerprint !== fingerprint)
      throw AppError.conflict('This idempotency key was already used for a different referral.');
    return toReferral(existing);
  }

  async make(ctx: RequestContext, input: MakeReferralPlain): Promise<ReferralModel> {
    const actor = ctx.actor;
    return this.audit.deniedAudited(ctx, AuditAction.REFERRAL_MAKE, input.personId, async () => {
      // Acting for a service of the caller's organisation.
      let fromService: ServiceRow | null = null;
      if (input.fromServiceId !== null && input.fromServiceId !== undefined) {
        fromService = await this.service(this.db, input.fromServiceId);
        if (!fromService || fromService.organisation_id !== actor.organisationId)
          throw AppError.forbidden('fromServiceId must be a service of your organisation.');
      }
      // Visibility.
      await this.access.assertVisible(ctx, input.personId);
      const toService = await this.service(this.db, input.toServiceId);
      if (!toService) throw AppError.notFound('Service');
      // Input rules.
      const n = normaliseMakeReferral(input);
      const fingerprint = referralFingerprint(n);
      if (n.idempotencyKey !== null) {
        const existing = await this.byKey(this.db, actor.staffId, n.idempotencyKey);
        if (existing) return this.replay(existing, fingerprint);
      }
      if (toService.capacity === 'CLOSED')
        throw new AppError(ErrorCode.SERVICE_CLOSED, 'This service is closed to new referrals.');

      return this.db.transaction(async (tx) => {
        let override = false;
        if (toService.organisation_id !== actor.organisationId) {
          const consented = await hasActiveConsent(
            tx,
            n.personId,
            'REFERRAL_SHARING',
            toService.organisation_id,
          );
          if (!consented) {
            if (n.safeguardingJustification === null)
              throw new AppError(
                ErrorCode.CONSENT_REQUIRED,
                'This person has no active REFERRAL_SHARING consent covering the receiving organisation. Record their consent, or give a safeguarding justification.',
              );
            override = true;
          }
        }
        const row = await tx.one<ReferralRow>(
          `INSERT INTO referrals AS r (person_id, from_service_id, to_service_id, creator_organisation_id,
              to_organisation_id, created_by_staff_id, route, needs, note, safeguarding_override,
              safeguarding_justification, idempotency_key, idempotency_fingerprint,
              from_category, to_category, to_ward)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (created_by_staff_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
           RETURNING ${referralColumns('r')}`,
          [
            n.personId,
            n.fromServiceId,
            toService.id,
            actor.organisationId,
            toService.organisation_id,
            actor.staffId,
            n.route,
            n.needs,
            n.note,
            override,
            n.safeguardingJustification,
            n.idempotencyKey,
            n.idempotencyKey === null ? null : fingerprint,
            fromService?.category ?? null,
            toService.category,
            toService.ward,
          ],
        );
        if (!row) {
          // A concurrent request with the same key committed first: answer as a retry would.
          const existing = await this.byKey(tx, actor.staffId, n.idempotencyKey!);
          return this.replay(existing!, fingerprint);
        }
        await tx.query(
          `INSERT INTO referral_events (referral_id, from_status, to_status, note, by_staff_id, by_organisation_id, at)
           VALUES ($1, NULL, 'REQUESTED', NULL, $2, $3, $4)`,
          [row.id, actor.staffId, actor.organisationId, row.created_at],
        );
        await this.audit.record(tx, ctx, AuditAction.REFERRAL_MAKE, [n.personId]);
        if (override)
          await this.audit.record(tx, ctx, AuditAction.REFERRAL_SAFEGUARDING_OVERRIDE, [n.personId]);
        return toReferral(row);
      });
    });
  }

  async transition(ctx: RequestContext, input: TransitionPlain): Promise<ReferralModel> {
    const actor = ctx.actor;
    let personId: string | null = null;
    return this.audit.deniedAudited(
      ctx,
      AuditAction.REFERRAL_TRANSITION,
      () => personId,
      async () => {
        if (!isUuid(input.referralId)) throw AppError.notFound('Referral');
        return this.db.transaction(async (tx) => {
          const current = await tx.one<ReferralRow>(
            `SELECT ${referralColumns('r')} FROM referrals r WHERE r.id = $1`,
            [input.referralId],
          );
          if (!current) throw AppError.notFound('Referral');
          const ref = toReferral(current);
          if (!isReferralVisibleTo(ref, actor.organisationId)) throw AppError.notFound('Referral');
          personId = ref.personId;

          const reason = input.reason ?? null;
          if (REASON_REQUIRED.has(input.to) && reason === null)
            throw AppError.badInput('reason', `A reason is required to move a referral to ${input.to}.`);
          let note: string | null = null;
          if (input.note !== null && input.note !== undefined) {
            note = input.note.trim() || null;
            if (note !== null && (note.length > LONG_TEXT_MAX || hasControlChars(note, true)))
              throw AppError.badInput(
                'note',
                'The note must be at most 4,000 characters, without control characters.',
              );
          }

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
              `A ${ref.status} referral cannot move to ${input.to}.`,
              { allowed: allowedTransitions(ref.status, parties) },
            );
          if (!parties.has(party))
            throw AppError.forbidden(
              `Only the ${party.toLowerCase()} may move this referral to ${input.to}.`,
            );

          const updated = await tx.one<ReferralRow>(
            `UPDATE referrals AS r SET status = $3, status_reason = $4, version = r.version + 1,
                    updated_at = clock_timestamp(),
                    accepted_at = CASE WHEN $3 = 'ACCEPTED' THEN coalesce(r.accepted_at, clock_timestamp()) ELSE r.accepted_at END,
                    started_at = CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN coalesce(r.started_at, clock_timestamp()) ELSE r.started_at END,
                    completed_at = CASE WHEN $3 = 'COMPLETED' THEN coalesce(r.completed_at, clock_timestamp()) ELSE r.completed_at END
              WHERE r.id = $1 AND r.version = $2
              RETURNING ${referralColumns('r')}`,
            [ref.id, input.expectedVersion, input.to, reason],
          );
          if (!updated)
            throw AppError.conflict('The referral was changed by someone else; reload it and try again.');
          await tx.query(
            `INSERT INTO referral_events (referral_id, from_status, to_status, reason, note, by_staff_id, by_organisation_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              ref.id,
              ref.status,
              input.to,
              reason,
              note,
              actor.staffId,
              actor.organisationId,
              updated.updated_at,
            ],
          );
          await this.audit.record(tx, ctx, AuditAction.REFERRAL_TRANSITION, [ref.personId]);
          return toReferral(updated);
        });
      },
    );
  }
}
