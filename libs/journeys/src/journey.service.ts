import { Injectable } from '@nestjs/common';
import { isUuid, type RequestContext } from '#libs/common';
import { Db, primeFromJson } from '#libs/database';
import { AuditAction, AuditService } from '#libs/audit';
import { DirectoryLoaders, type ServiceCategory, toOrganisation, toService } from '#libs/directory';
import { OutcomesLoaders, toOutcome, toWellbeing } from '#libs/outcomes';
import { ReferralLoaders, toReferral } from '#libs/referrals';
import { AppError } from '#libs/common';
import { JourneyEntryKind, type JourneyEntryModel, type JourneyModel } from './journey.model.js';
import { JOURNEY_READ, type JourneyEntryRow, type JourneyRelationsRow } from './journey.sql.js';

/** A row of journeyReadSql: the viewer's facts, then an entry or (kind null) the relations. */
type JourneyReadRow = JourneyEntryRow &
  JourneyRelationsRow & { visible: boolean; sharing: boolean; caller_ok: boolean };
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
  relations: JourneyRelationsRow;
}

function valueOf<T>(map: ReadonlyMap<string, T>, id: string | null): T | null {
  return id === null ? null : (map.get(id) ?? null);
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
 * journey(personId), CONTRACT.md section 4: ONE statement however long the journey and whatever it
 * asks for (journeyReadSql: visibility, consent, every entry, the records the entries point at that
 * the client asked for, and the audit event). The relations are primed into the request's loaders.
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
    // The id as the database writes it (a UUID in capitals is the same person), so that
    // Journey.person finds the person its loader reads.
    const journey = await this.read(ctx, isUuid(personId) ? personId.toLowerCase() : personId, wanted);
    const shown = journey.entries;
    const ids = (pick: (row: JourneyEntryRow) => string | null) => {
      const set = new Set<string>();
      for (const e of shown) {
        const id = pick(e.row);
        if (id !== null) set.add(id);
      }
      return set;
    };
    // The relations read with the journey, primed into the request's loaders (only those of the
    // entries shown).
    const rel = journey.relations;
    const referrals = primeFromJson(
      rel.referrals,
      ids((r) => r.referral_id),
      toReferral,
      this.referrals.referral(ctx),
    );
    const outcomes = primeFromJson(
      rel.outcomes,
      ids((r) => r.outcome_id),
      toOutcome,
      this.outcomes.outcome(ctx),
    );
    const assessments = primeFromJson(
      rel.assessments,
      ids((r) => r.assessment_id),
      toWellbeing,
      this.outcomes.assessment(ctx),
    );
    const services = primeFromJson(
      rel.services,
      ids((r) => r.service_id),
      toService,
      this.directory.service(ctx),
    );
    const organisations = primeFromJson(
      rel.organisations,
      ids((r) => r.organisation_id),
      toOrganisation,
      this.directory.organisation(ctx),
    );
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

  private read(
    ctx: RequestContext,
    personId: string,
    wanted: Readonly<Record<JourneyRelation, boolean>>,
  ): Promise<JourneyRead> {
    return this.audit.deniedAudited(ctx, AuditAction.JOURNEY_READ, personId, async () => {
      if (!isUuid(personId)) throw AppError.notFound('Person');
      const caller = ctx.credential;
      const viewer = caller.organisationId;
      const params: unknown[] = [personId, viewer];
      // $3..$6: the journey.read event's values, where JOURNEY_READ's audit clause reads them.
      this.audit.inStatementParams(ctx, AuditAction.JOURNEY_READ, params);
      // $7..$11: which of the entries' relations to read; $12, $13: the rest of the caller check.
      params.push(wanted.referral, wanted.outcome, wanted.assessment, wanted.service, wanted.organisation);
      params.push(caller.role, caller.generation);
      const rows = await this.db.query<JourneyReadRow>(JOURNEY_READ, params);
      // The row without an entry carries the caller check, the viewer's facts and the relations.
      const meta = rows.find((row) => row.kind === null)!;
      ctx.callerChecked(meta.caller_ok);
      if (!meta.visible) throw AppError.notFound('Person');
      const entries: Entry[] = [];
      for (const row of rows)
        if (row.kind !== null)
          entries.push({
            kind: row.kind as JourneyEntryKindName,
            at: row.at,
            seq: Number(row.seq),
            ownerOrganisationIds: row.other_owner === null ? [row.owner] : [row.owner, row.other_owner],
            sensitive: row.sensitive,
            enteredInErrorBy: row.eie_creator,
            category: row.category,
            row,
          });
      const { shown, hiddenEntries } = filterJourney(entries, viewer, meta.sharing);
      return {
        personId,
        entries: shown,
        relations: meta,
        hiddenEntries,
        categories: journeyCategories(shown) as ServiceCategory[],
      };
    });
  }
}
