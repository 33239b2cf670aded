import { Injectable } from '@nestjs/common';
import { isUuid, type RequestContext } from '#libs/common';
import { Db } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { DirectoryLoaders, type ServiceCategory } from '#libs/directory';
import { OutcomesLoaders } from '#libs/outcomes';
import { ReferralLoaders } from '#libs/referrals';
import { AppError } from '#libs/common';
import { JourneyEntryKind, type JourneyEntryModel, type JourneyModel } from './journey.model.js';
import { JOURNEY_READ, type JourneyEntryRow } from './journey.sql.js';

/** A row of journeyReadSql: the viewer's facts, then an entry (all null when not visible). */
type JourneyReadRow = JourneyEntryRow & { visible: boolean; sharing: boolean };
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

/** The relation fields of a journey entry, loaded by JourneyService. */
export const JOURNEY_RELATIONS = ['service', 'organisation', 'referral', 'outcome', 'assessment'] as const;
export type JourneyRelation = (typeof JOURNEY_RELATIONS)[number];
const ALL_RELATIONS: Readonly<Record<JourneyRelation, boolean>> = {
  service: true,
  organisation: true,
  referral: true,
  outcome: true,
  assessment: true,
};

/** A journey as read, before its entries' relations are loaded. */
interface JourneyRead {
  personId: string;
  entries: Entry[];
  hiddenEntries: number;
  categories: ServiceCategory[];
}

/** The distinct non-null values of one column of the entries. */
function idsOf(entries: readonly Entry[], pick: (row: JourneyEntryRow) => string | null): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    const id = pick(e.row);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

/** The loaded value for `id`, or null (a DataLoader answers an Error or null for a missing one). */
function valueOf<T>(map: ReadonlyMap<string, T | null | Error>, id: string | null): T | null {
  if (id === null) return null;
  const v = map.get(id);
  if (v instanceof Error) throw v;
  return v ?? null;
}

async function loadAll<T>(
  loader: { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> },
  ids: string[],
): Promise<Map<string, T | null | Error>> {
  const values = await loader.loadMany(ids);
  return new Map(ids.map((id, i) => [id, values[i]]));
}

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
 * journey(personId), CONTRACT.md section 4: a fixed number of statements however long the journey:
 * one for the read itself (visibility, consent, every entry and the audit event, journeyReadSql),
 * then one per relation of the entries shown (referrals, outcomes, assessments, services,
 * organisations).
 */
@Injectable()
export class JourneyService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly referrals: ReferralLoaders,
    private readonly outcomes: OutcomesLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  /** `wanted`: the entries' relations the client asked for (the others are left null, unread). */
  async journey(
    ctx: RequestContext,
    personId: string,
    wanted: Readonly<Record<JourneyRelation, boolean>> = ALL_RELATIONS,
  ): Promise<JourneyModel> {
    const journey = await this.read(ctx, personId);
    const shown = journey.entries;
    // The entries' relations, one statement each through the request's loaders (so a nested field
    // asking for the same record again reuses it).
    const ids = (relation: JourneyRelation, pick: (row: JourneyEntryRow) => string | null) =>
      wanted[relation] ? idsOf(shown, pick) : [];
    const [referrals, outcomes, assessments, services, organisations] = await Promise.all([
      loadAll(
        this.referrals.referral(ctx),
        ids('referral', (r) => r.referral_id),
      ),
      loadAll(
        this.outcomes.outcome(ctx),
        ids('outcome', (r) => r.outcome_id),
      ),
      loadAll(
        this.outcomes.assessment(ctx),
        ids('assessment', (r) => r.assessment_id),
      ),
      loadAll(
        this.directory.service(ctx),
        ids('service', (r) => r.service_id),
      ),
      loadAll(
        this.directory.organisation(ctx),
        ids('organisation', (r) => r.organisation_id),
      ),
    ]);
    return {
      personId: journey.personId,
      hiddenEntries: journey.hiddenEntries,
      categories: journey.categories,
      entries: shown.map((e): JourneyEntryModel => ({
        at: e.at,
        kind: e.kind as JourneyEntryKind,
        summary: summaryOf(e.row),
        service: valueOf(services, e.row.service_id),
        organisation: valueOf(organisations, e.row.organisation_id)!,
        referral: valueOf(referrals, e.row.referral_id),
        outcome: valueOf(outcomes, e.row.outcome_id),
        assessment: valueOf(assessments, e.row.assessment_id),
      })),
    };
  }

  private read(ctx: RequestContext, personId: string): Promise<JourneyRead> {
    return this.audit.deniedAudited(ctx, AuditAction.JOURNEY_READ, personId, async () => {
      if (!isUuid(personId)) throw AppError.notFound('Person');
      const viewer = ctx.actor.organisationId;
      const params: unknown[] = [personId, viewer];
      // $3..$6: the journey.read event's values, where JOURNEY_READ's audit clause reads them.
      this.audit.inStatementParams(ctx, AuditAction.JOURNEY_READ, params);
      const rows = await this.db.query<JourneyReadRow>(JOURNEY_READ, params);
      if (!rows[0]?.visible) throw AppError.notFound('Person');
      const entries: Entry[] = [];
      for (const row of rows)
        if (row.kind !== null)
          entries.push({
            kind: row.kind as JourneyEntryKindName,
            at: row.at,
            seq: Number(row.seq),
            ownerOrganisationIds: row.owners,
            sensitive: row.sensitive,
            enteredInErrorBy: row.eie_creator,
            category: row.category,
            row,
          });
      const { shown, hiddenEntries } = filterJourney(entries, viewer, rows[0].sharing);
      return {
        personId,
        entries: shown,
        hiddenEntries,
        categories: journeyCategories(shown) as ServiceCategory[],
      };
    });
  }
}
