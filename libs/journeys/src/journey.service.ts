import { Injectable } from '@nestjs/common';
import { isUuid, type RequestContext } from '#libs/common';
import { Db } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import type { ServiceCategory } from '#libs/directory';
import { OutcomesLoaders } from '#libs/outcomes';
import { hasActiveConsent, PeopleAccess } from '#libs/people';
import { ReferralLoaders } from '#libs/referrals';
import { AppError } from '#libs/common';
import { JourneyEntryKind, type JourneyEntryModel, type JourneyModel } from './journey.model.js';
import { JOURNEY_ENTRIES_SQL, type JourneyEntryRow } from './journey.sql.js';
import { type EntryFacts, filterJourney, journeyCategories } from './rules/entry-visibility.js';
import type { JourneyEntryKindName } from './rules/entry-kind.js';
import {
  consentGivenSummary,
  consentWithdrawnSummary,
  outcomeSummary,
  referralMadeSummary,
  registeredSummary,
  statusChangedSummary,
  wellbeingSummary,
} from './rules/summary.js';

type Entry = EntryFacts & { row: JourneyEntryRow; category: string | null };

function summaryOf(row: JourneyEntryRow): string {
  const f = row.facts;
  switch (row.kind) {
    case 'REGISTERED':
      return registeredSummary(f.organisation);
    case 'CONSENT_GIVEN':
      return consentGivenSummary({ purpose: f.purpose, givenBy: f.givenBy, organisations: f.organisations });
    case 'CONSENT_WITHDRAWN':
      return consentWithdrawnSummary({ purpose: f.purpose });
    case 'REFERRAL_MADE':
      return referralMadeSummary({
        from: f.from,
        to: f.to,
        route: f.route,
        needs: f.needs,
        safeguardingOverride: f.safeguardingOverride,
      });
    case 'REFERRAL_STATUS_CHANGED':
      return statusChangedSummary({ to: f.to, from: f.from, status: f.status, reason: f.reason });
    case 'WELLBEING_ASSESSED':
      return wellbeingSummary({
        instrument: f.instrument,
        responses: f.responses,
        rawScore: f.rawScore,
        metricScore: f.metricScore === null ? null : Number(f.metricScore),
        service: f.service,
      });
    default:
      return outcomeSummary({
        type: f.type,
        esolLevel: f.esolLevel,
        hours: f.hours === null ? null : Number(f.hours),
        contracted: f.contracted,
        service: f.service,
      });
  }
}

/**
 * journey(personId), CONTRACT.md section 4: a fixed number of statements however long the journey
 * (visibility, consent, one UNION query for every entry, the audit event); relation fields on the
 * entries are resolved by per-request DataLoaders.
 */
@Injectable()
export class JourneyService {
  constructor(
    private readonly db: Db,
    private readonly access: PeopleAccess,
    private readonly audit: AuditService,
    private readonly referrals: ReferralLoaders,
    private readonly outcomes: OutcomesLoaders,
  ) {}

  async journey(ctx: RequestContext, personId: string): Promise<JourneyModel> {
    const journey = await this.read(ctx, personId);
    // Load the entries' referrals, outcomes and assessments now, one statement each, so that every
    // entry's nested fields resolve in the same tick and batch into one statement per relation.
    const ids = (key: 'referralId' | 'outcomeId' | 'assessmentId') => [
      ...new Set(journey.entries.map((e) => e[key]).filter((id): id is string => id !== null)),
    ];
    await Promise.all([
      this.referrals.referral(ctx).loadMany(ids('referralId')),
      this.outcomes.outcome(ctx).loadMany(ids('outcomeId')),
      this.outcomes.assessment(ctx).loadMany(ids('assessmentId')),
    ]);
    return journey;
  }

  private read(ctx: RequestContext, personId: string): Promise<JourneyModel> {
    return this.audit.deniedAudited(ctx, AuditAction.JOURNEY_READ, personId, () =>
      this.db.transaction(async (tx) => {
        if (!isUuid(personId)) throw AppError.notFound('Person');
        const viewer = ctx.actor.organisationId;
        await this.access.assertVisible(ctx, personId, tx);
        const sharing = await hasActiveConsent(tx, personId, 'JOURNEY_SHARING', viewer);
        const rows = await tx.query<JourneyEntryRow>(JOURNEY_ENTRIES_SQL, [personId]);
        const entries: Entry[] = rows.map((row) => ({
          kind: row.kind as JourneyEntryKindName,
          at: row.at,
          seq: Number(row.seq),
          ownerOrganisationIds: row.owners,
          sensitive: row.sensitive,
          enteredInErrorBy: row.eie_creator,
          category: row.category,
          row,
        }));
        const { shown, hiddenEntries } = filterJourney(entries, viewer, sharing);
        await this.audit.record(tx, ctx, AuditAction.JOURNEY_READ, [personId]);
        return {
          personId,
          entries: shown.map((e): JourneyEntryModel => ({
            at: e.at,
            kind: e.kind as JourneyEntryKind,
            summary: summaryOf(e.row),
            serviceId: e.row.service_id,
            organisationId: e.row.organisation_id,
            referralId: e.row.referral_id,
            outcomeId: e.row.outcome_id,
            assessmentId: e.row.assessment_id,
          })),
          hiddenEntries,
          categories: journeyCategories(shown) as ServiceCategory[],
        };
      }),
    );
  }
}
