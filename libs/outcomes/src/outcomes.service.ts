import { Injectable } from '@nestjs/common';
import { AppError, isUuid, londonToday, type RequestContext } from '#libs/common';
import { Db } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { SERVICE_OF_ORGANISATION_SQL } from '#libs/directory';
import { PeopleAccess } from '#libs/people';
import { referralVisibleSql } from '#libs/referrals';
import { OUTCOME_COLUMNS, type OutcomeModel, type OutcomeRow, toOutcome } from './outcome.model.js';
import type { RecordOutcomeInput, RecordWellbeingInput } from './outcomes.inputs.js';
import { assertNotFuture, cleanOutcomeInput } from './rules/outcome-input.js';
import { scoreWellbeing } from './scoring/score.js';

/** FORBIDDEN's message for a serviceId of another organisation (or of none). */
export const SERVICE_NOT_OURS = 'serviceId must be a service of your organisation.';
import {
  toWellbeing,
  WELLBEING_COLUMNS,
  type WellbeingAssessmentModel,
  type WellbeingRow,
} from './wellbeing.model.js';

/** Recording wellbeing assessments and outcomes (CONTRACT.md sections 3, 6 and 7). */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: Db,
    private readonly access: PeopleAccess,
    private readonly audit: AuditService,
  ) {}

  /** FORBIDDEN unless `serviceId` is a service of the caller's organisation. */
  private async assertOwnService(ctx: RequestContext, serviceId: string): Promise<void> {
    const own =
      isUuid(serviceId) &&
      (await this.db.one(SERVICE_OF_ORGANISATION_SQL, [serviceId, ctx.actor.organisationId]));
    if (!own) throw AppError.forbidden(SERVICE_NOT_OURS);
  }

  /**
   * BAD_USER_INPUT naming `field` when `date` is before the person's date of birth: an assessment or
   * outcome of someone not yet born is a mistyped year, and would become their baseline.
   */
  private async assertNotBeforeBirth(personId: string, field: string, date: string): Promise<void> {
    const person = await this.db.one<{ date_of_birth: string | null }>(
      'SELECT date_of_birth::text AS date_of_birth FROM people WHERE id = $1',
      [personId],
    );
    if (person?.date_of_birth && date < person.date_of_birth)
      throw AppError.badInput(field, `${field} cannot be before the person's date of birth.`);
  }

  async recordWellbeing(ctx: RequestContext, input: RecordWellbeingInput): Promise<WellbeingAssessmentModel> {
    return this.audit.deniedAudited(ctx, AuditAction.WELLBEING_RECORD, input.personId, async () => {
      await this.assertOwnService(ctx, input.serviceId);
      await this.access.assertVisible(ctx, input.personId);
      const score = scoreWellbeing(input.instrument, input.responses);
      const takenOn = assertNotFuture('takenOn', input.takenOn, londonToday());
      await this.assertNotBeforeBirth(input.personId, 'takenOn', takenOn);
      return this.db.transaction(async (tx) => {
        const row = await tx.one<WellbeingRow>(
          `INSERT INTO wellbeing_assessments
             (person_id, service_id, organisation_id, instrument, responses, raw_score, metric_score, taken_on, recorded_by_staff_id)
           VALUES ($1, $2, $3, $4, $5::smallint[], $6, $7, $8::date, $9)
           RETURNING ${WELLBEING_COLUMNS}`,
          [
            input.personId,
            input.serviceId,
            ctx.actor.organisationId,
            input.instrument,
            score.responses,
            score.rawScore,
            score.metricScore,
            takenOn,
            ctx.actor.staffId,
          ],
        );
        await this.audit.record(tx, ctx, AuditAction.WELLBEING_RECORD, [input.personId]);
        return toWellbeing(row!);
      });
    });
  }

  async recordOutcome(ctx: RequestContext, input: RecordOutcomeInput): Promise<OutcomeModel> {
    return this.audit.deniedAudited(ctx, AuditAction.OUTCOME_RECORD, input.personId, async () => {
      await this.assertOwnService(ctx, input.serviceId);
      await this.access.assertVisible(ctx, input.personId);
      const referralId = input.referralId ?? null;
      if (referralId !== null) {
        const visible =
          isUuid(referralId) &&
          (await this.db.one(
            `SELECT 1 FROM referrals r WHERE r.id = $1 AND r.person_id = $2 AND ${referralVisibleSql('r', '$3')}`,
            [referralId, input.personId, ctx.actor.organisationId],
          ));
        if (!visible) throw AppError.notFound('Referral');
      }
      const clean = cleanOutcomeInput(
        {
          type: input.type,
          achievedOn: input.achievedOn,
          esolLevel: input.esolLevel,
          hours: input.hours,
          contracted: input.contracted,
          note: input.note,
        },
        londonToday(),
      );
      await this.assertNotBeforeBirth(input.personId, 'achievedOn', clean.achievedOn);
      return this.db.transaction(async (tx) => {
        const row = await tx.one<OutcomeRow>(
          `INSERT INTO outcomes
             (person_id, service_id, organisation_id, referral_id, type, achieved_on, esol_level, hours, contracted, note, recorded_by_staff_id)
           VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11)
           RETURNING ${OUTCOME_COLUMNS}`,
          [
            input.personId,
            input.serviceId,
            ctx.actor.organisationId,
            referralId,
            clean.type,
            clean.achievedOn,
            clean.esolLevel,
            clean.hours,
            clean.contracted,
            clean.note,
            ctx.actor.staffId,
          ],
        );
        await this.audit.record(tx, ctx, AuditAction.OUTCOME_RECORD, [input.personId]);
        return toOutcome(row!);
      });
    });
  }
}
