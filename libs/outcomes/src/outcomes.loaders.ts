import { Injectable } from '@nestjs/common';
import type { RequestContext, RequestLoader } from '#libs/common';
import { Db, prepared } from '#libs/database';
import { OUTCOME_COLUMNS, type OutcomeModel, type OutcomeRow, toOutcome } from './outcome.model.js';
import {
  toWellbeing,
  WELLBEING_COLUMNS,
  type WellbeingAssessmentModel,
  type WellbeingRow,
} from './wellbeing.model.js';

/** Wellbeing assessments by id (the assessment loader's statement; pkey). $1 ids (uuid[]). */
export const ASSESSMENTS_BY_IDS_SQL = prepared(
  'assessments_by_ids',
  `SELECT ${WELLBEING_COLUMNS} FROM wellbeing_assessments WHERE id = ANY($1::uuid[])`,
);

/** Outcomes by id (the outcome loader's statement; pkey). $1 ids (uuid[]). */
export const OUTCOMES_BY_IDS_SQL = prepared(
  'outcomes_by_ids',
  `SELECT ${OUTCOME_COLUMNS} FROM outcomes WHERE id = ANY($1::uuid[])`,
);

/** Per-request loaders. No visibility checks: callers hand them ids they have already checked. */
@Injectable()
export class OutcomesLoaders {
  constructor(private readonly db: Db) {}

  assessment(ctx: RequestContext): RequestLoader<string, WellbeingAssessmentModel | null> {
    return ctx.loader('outcomes.assessment', async (ids: readonly string[]) => {
      const rows = await this.db.query<WellbeingRow>(ASSESSMENTS_BY_IDS_SQL, [ids]);
      const map = new Map(rows.map((r) => [r.id, toWellbeing(r)]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  outcome(ctx: RequestContext): RequestLoader<string, OutcomeModel | null> {
    return ctx.loader('outcomes.outcome', async (ids: readonly string[]) => {
      const rows = await this.db.query<OutcomeRow>(OUTCOMES_BY_IDS_SQL, [ids]);
      const map = new Map(rows.map((r) => [r.id, toOutcome(r)]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }
}
