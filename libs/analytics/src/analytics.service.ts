import { Inject, Injectable } from '@nestjs/common';
import { AppError, type RequestContext, Role } from '#libs/common';
import { Db, type Queryable } from '#libs/database';
import { ServiceCategory } from '#libs/directory';
import {
  discloseCount,
  discloseMean,
  discloseMedianDays,
  type DisclosureRules,
} from './disclosure/disclosure.js';
import { DISCLOSURE_RULES } from './disclosure/disclosure-rules.token.js';
import { normaliseFilter } from './filter/analytics-filter.js';
import type { AnalyticsScope } from './filter/sql-conditions.js';
import type {
  AnalyticsFilterInput,
  FlowCellModel,
  FlowReportModel,
  FunnelRowModel,
  OutcomeRowModel,
  PathwayRowModel,
  WellbeingChangeModel,
} from './models/analytics.models.js';
import { FunnelDimension } from './models/enums.js';
import { OutcomeType, WellbeingInstrument } from '#libs/outcomes';
import { flowCounts } from './queries/flows.query.js';
import { funnelRows, NOT_RECORDED } from './queries/funnel.query.js';
import { pathwayCounts } from './queries/pathways.query.js';
import { wellbeingAggregate } from './queries/wellbeing.query.js';
import { outcomeCounts } from './queries/outcomes.query.js';

export const PATHWAYS_LIMIT_MAX = 50;
/** wellbeingChange warns below this many paired people. */
export const PAIRED_WARNING_BELOW = 30;

const CATEGORY_ORDER = Object.values(ServiceCategory) as string[];
const AGE_BANDS = ['0-15', '16-24', '25-34', '35-44', '45-54', '55-64', '65+'];

/** Text in the "C" collation order PostgreSQL would use: plain code-unit order. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareSteps(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = byCode(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Commissioner analytics (CONTRACT.md sections 3, 7, 8). Every figure is computed in PostgreSQL and
 * passes through disclosure control here before it leaves the server.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly db: Db,
    @Inject(DISCLOSURE_RULES) private readonly rules: DisclosureRules,
  ) {}

  /** COMMISSIONER and ADMIN see the partnership; a SERVICE_MANAGER only its organisation's share. */
  private scope(ctx: RequestContext): AnalyticsScope {
    const { role, organisationId } = ctx.actor;
    if (role === Role.COMMISSIONER || role === Role.ADMIN) return { organisationId: null };
    if (role === Role.SERVICE_MANAGER) return { organisationId };
    throw AppError.forbidden('Analytics are for commissioners, administrators and service managers.');
  }

  /**
   * Runs an analytics read in one read-only transaction with JIT compilation off: the planner's
   * group estimates for these aggregates are far too high, which made it spend seconds compiling
   * statements that run in milliseconds.
   */
  private read<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query('SET LOCAL jit = off');
      return work(tx);
    });
  }

  private count(count: number, people: number = count) {
    return discloseCount(this.rules, count, people);
  }

  async referralFlows(ctx: RequestContext, input: AnalyticsFilterInput | null): Promise<FlowReportModel> {
    const scope = this.scope(ctx);
    const filter = normaliseFilter(input);
    const flows = await this.read((q) => flowCounts(q, filter, scope, this.rules.threshold));
    const cells: FlowCellModel[] = flows.cells.map((r) => {
      const accepted = this.count(r.accepted, r.accepted_people);
      return {
        fromCategory: r.from_category as ServiceCategory | null,
        toCategory: r.to_category as ServiceCategory,
        referred: this.count(r.referred, r.referred_people),
        accepted,
        completed: this.count(r.completed, r.completed_people),
        medianDaysToAccept: discloseMedianDays(accepted, r.median_days),
      };
    });
    const order = (c: string | null) => (c === null ? -1 : CATEGORY_ORDER.indexOf(c));
    cells.sort(
      (a, b) => order(a.toCategory) - order(b.toCategory) || order(a.fromCategory) - order(b.fromCategory),
    );
    return { cells, total: this.count(flows.total, flows.totalPeople) };
  }

  async referralFunnel(
    ctx: RequestContext,
    by: FunnelDimension,
    input: AnalyticsFilterInput | null,
  ): Promise<FunnelRowModel[]> {
    const scope = this.scope(ctx);
    const filter = normaliseFilter(input);
    const rows = await this.read((q) => funnelRows(q, by, filter, scope, this.rules.threshold));
    const rank = (g: string) => {
      if (g === NOT_RECORDED) return Number.MAX_SAFE_INTEGER;
      if (by === FunnelDimension.AGE_BAND) return AGE_BANDS.indexOf(g);
      if (by === FunnelDimension.CATEGORY) return CATEGORY_ORDER.indexOf(g);
      return 0;
    };
    rows.sort((a, b) => rank(a.grp) - rank(b.grp) || byCode(a.grp, b.grp));
    return rows.map((r) => ({
      group: r.grp,
      referred: this.count(r.referred, r.referred_people),
      accepted: this.count(r.accepted, r.accepted_people),
      started: this.count(r.started, r.started_people),
      completed: this.count(r.completed, r.completed_people),
    }));
  }

  async pathways(
    ctx: RequestContext,
    input: AnalyticsFilterInput | null,
    limit: number | null,
  ): Promise<PathwayRowModel[]> {
    const scope = this.scope(ctx);
    const filter = normaliseFilter(input);
    const n = limit ?? 10;
    if (!Number.isInteger(n) || n < 1 || n > PATHWAYS_LIMIT_MAX) {
      throw AppError.badInput('limit', `limit must be between 1 and ${PATHWAYS_LIMIT_MAX}.`);
    }
    const rows = await this.read((q) => pathwayCounts(q, filter, scope, this.rules.threshold));
    return rows
      .map((r) => ({ steps: r.steps as ServiceCategory[], people: this.count(r.people) }))
      .filter((r) => !r.people.suppressed && r.people.value !== 0) // a rare pathway is a fingerprint
      .sort((a, b) => b.people.value! - a.people.value! || compareSteps(a.steps, b.steps))
      .slice(0, n);
  }

  async wellbeingChange(
    ctx: RequestContext,
    instrument: WellbeingInstrument,
    input: AnalyticsFilterInput | null,
  ): Promise<WellbeingChangeModel> {
    const scope = this.scope(ctx);
    const filter = normaliseFilter(input);
    const agg = await this.read((q) => wellbeingAggregate(q, instrument, filter, scope));
    const mean = (m: string | null) => discloseMean(this.rules, m, agg.paired);
    return {
      instrument,
      pairedPeople: this.count(agg.paired),
      items: agg.items.map((it) => ({
        item: it.item,
        meanBaseline: mean(it.baseline),
        meanFollowUp: mean(it.followUp),
        meanChange: mean(it.change),
      })),
      improvedMeaningfully: this.count(agg.improved),
      warning:
        agg.paired < PAIRED_WARNING_BELOW
          ? `Fewer than ${PAIRED_WARNING_BELOW} people have a baseline and a later follow-up: too few to draw conclusions from.`
          : null,
    };
  }

  async outcomeSummary(ctx: RequestContext, input: AnalyticsFilterInput | null): Promise<OutcomeRowModel[]> {
    const scope = this.scope(ctx);
    const filter = normaliseFilter(input);
    const rows = await this.read((q) => outcomeCounts(q, filter, scope, this.rules.threshold));
    const find = (type: string, contracted: boolean) =>
      rows.find((r) => r.type === type && r.contracted === contracted) ?? { outcomes: 0, people: 0 };
    return Object.values(OutcomeType).map((type) => {
      const c = find(type, true);
      const a = find(type, false);
      return {
        type,
        contracted: this.count(c.outcomes, c.people),
        addedValue: this.count(a.outcomes, a.people),
      };
    });
  }
}
