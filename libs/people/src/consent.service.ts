import { Injectable } from '@nestjs/common';
import { AppError, isUuid, type RequestContext } from '#libs/common';
import { Db } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { CONSENT_COLUMNS, type ConsentModel, type ConsentRow, toConsent } from './consent.model.js';
import { ConsentGiver, ConsentPurpose } from './enums.js';
import { PeopleAccess } from './visibility.js';

const EXPIRY_IN_THE_PAST = 'expiresAt must be in the future.';

interface RecordConsentPlain {
  personId: string;
  purpose: ConsentPurpose;
  organisationIds?: string[] | null;
  givenBy?: ConsentGiver | null;
  expiresAt?: Date | null;
}

@Injectable()
export class ConsentService {
  constructor(
    private readonly db: Db,
    private readonly access: PeopleAccess,
    private readonly audit: AuditService,
  ) {}

  async record(ctx: RequestContext, input: RecordConsentPlain): Promise<ConsentModel> {
    return this.audit.deniedAudited(ctx, AuditAction.CONSENT_RECORD, input.personId, async () => {
      await this.access.assertVisible(ctx, input.personId);
      if (!Object.values(ConsentPurpose).includes(input.purpose))
        throw AppError.badInput('purpose', 'Choose REFERRAL_SHARING or JOURNEY_SHARING.');
      const givenBy = input.givenBy ?? ConsentGiver.PERSON;
      const expiresAt = input.expiresAt ?? null;
      if (expiresAt !== null && !(expiresAt instanceof Date && !Number.isNaN(expiresAt.getTime())))
        throw AppError.badInput('expiresAt', EXPIRY_IN_THE_PAST);
      return this.db.transaction(async (tx) => {
        let organisationIds: string[];
        if (input.organisationIds === null || input.organisationIds === undefined) {
          // Every organisation of the partnership at this moment; the list is fixed from now on.
          const rows = await tx.query<{ id: string }>('SELECT id FROM organisations ORDER BY created_at, id');
          organisationIds = rows.map((r) => r.id);
        } else {
          // An id in capitals is the same organisation as in lower case (PostgreSQL reads both).
          organisationIds = [...new Set(input.organisationIds.map((id) => id.toLowerCase()))];
          if (organisationIds.length === 0)
            throw AppError.badInput(
              'organisationIds',
              'Name at least one organisation, or omit the list for all.',
            );
          const known = organisationIds.every(isUuid)
            ? await tx.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [
                organisationIds,
              ])
            : [];
          if (known.length !== organisationIds.length)
            throw AppError.badInput('organisationIds', 'One or more of these organisations does not exist.');
        }
        const actor = ctx.actor;
        // "In the future" by the database's clock, which judges the consent active from then on.
        const row = await tx.one<ConsentRow>(
          `INSERT INTO consents (person_id, purpose, organisation_ids, given_by, expires_at,
                                 recorded_by_staff_id, recorded_by_organisation_id)
           SELECT $1, $2, $3::uuid[], $4, $5, $6, $7
            WHERE $5::timestamptz IS NULL OR $5::timestamptz > clock_timestamp()
           RETURNING ${CONSENT_COLUMNS}`,
          [
            input.personId,
            input.purpose,
            organisationIds,
            givenBy,
            expiresAt,
            actor.staffId,
            actor.organisationId,
          ],
        );
        if (!row) throw AppError.badInput('expiresAt', EXPIRY_IN_THE_PAST);
        await this.audit.record(tx, ctx, AuditAction.CONSENT_RECORD, [input.personId]);
        return toConsent(row);
      });
    });
  }

  async withdraw(ctx: RequestContext, consentId: string): Promise<ConsentModel> {
    let personId: string | null = null;
    return this.audit.deniedAudited(
      ctx,
      AuditAction.CONSENT_WITHDRAW,
      () => personId,
      async () => {
        if (!isUuid(consentId)) throw AppError.notFound('Consent');
        const existing = await this.db.one<ConsentRow>(
          `SELECT ${CONSENT_COLUMNS} FROM consents WHERE id = $1`,
          [consentId],
        );
        if (!existing) throw AppError.notFound('Consent');
        personId = existing.person_id;
        if (!(await this.access.isVisible(ctx, existing.person_id))) throw AppError.notFound('Consent');
        // Permanent and idempotent: an already withdrawn consent is returned unchanged.
        if (existing.withdrawn_at !== null) return toConsent(existing);
        return this.db.transaction(async (tx) => {
          const actor = ctx.actor;
          // The moment of withdrawal is taken once no referral relying on the consent is still being
          // made (makeReferral holds the consent FOR SHARE until it commits): stamped before that
          // wait, a referral made during it would appear in the journey after the withdrawal.
          await tx.query('SELECT 1 FROM consents WHERE id = $1 FOR UPDATE', [consentId]);
          const row = await tx.one<ConsentRow>(
            `UPDATE consents SET withdrawn_at = clock_timestamp(), withdrawn_by_staff_id = $2,
                    withdrawn_by_organisation_id = $3
              WHERE id = $1 AND withdrawn_at IS NULL RETURNING ${CONSENT_COLUMNS}`,
            [consentId, actor.staffId, actor.organisationId],
          );
          if (!row) {
            // Withdrawn concurrently by someone else: unchanged from here.
            const again = await tx.one<ConsentRow>(`SELECT ${CONSENT_COLUMNS} FROM consents WHERE id = $1`, [
              consentId,
            ]);
            return toConsent(again!);
          }
          await this.audit.record(tx, ctx, AuditAction.CONSENT_WITHDRAW, [existing.person_id]);
          return toConsent(row);
        });
      },
    );
  }
}
