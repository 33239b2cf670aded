import { auditInStatementSql } from '#libs/audit';
import { prepared } from '#libs/database';
import { activeConsentWhere, personVisibleSql } from '#libs/people';

/**
 * Every entry of one person's journey in ONE statement, whatever its length, with what the rules and
 * summaries need. Each branch is served by an index on person_id (people pkey, consents_person_idx,
 * referrals_person_idx + referral_events_referral_idx, wellbeing_assessments_person_idx,
 * outcomes_person_idx). $1 = person id.
 */
export const JOURNEY_ENTRIES_SQL = `
  SELECT 'REGISTERED' AS kind, p.created_at AS at, 0::bigint AS seq, p.registered_by_organisation_id AS organisation_id,
         ARRAY[p.registered_by_organisation_id] AS owners, NULL::uuid AS service_id, false AS sensitive,
         NULL::uuid AS referral_id, NULL::uuid AS assessment_id, NULL::uuid AS outcome_id, NULL::text AS category,
         NULL::uuid AS eie_creator, jsonb_build_object('organisation', o.name) AS facts
    FROM people p JOIN organisations o ON o.id = p.registered_by_organisation_id
   WHERE p.id = $1
  UNION ALL
  SELECT 'CONSENT_GIVEN', c.given_at, 0, c.recorded_by_organisation_id, ARRAY[c.recorded_by_organisation_id], NULL, false,
         NULL, NULL, NULL, NULL, NULL,
         jsonb_build_object('purpose', c.purpose, 'givenBy', c.given_by, 'organisations', cardinality(c.organisation_ids))
    FROM consents c WHERE c.person_id = $1
  UNION ALL
  SELECT 'CONSENT_WITHDRAWN', c.withdrawn_at, 0, c.withdrawn_by_organisation_id, ARRAY[c.withdrawn_by_organisation_id],
         NULL, false, NULL, NULL, NULL, NULL, NULL, jsonb_build_object('purpose', c.purpose)
    FROM consents c WHERE c.person_id = $1 AND c.withdrawn_at IS NOT NULL
  UNION ALL
  SELECT 'REFERRAL_MADE', r.created_at, 0, r.creator_organisation_id, ARRAY[r.creator_organisation_id, r.to_organisation_id],
         r.to_service_id, ts.sensitive OR coalesce(fs.sensitive, false), r.id, NULL, NULL, ts.category,
         CASE WHEN r.status = 'ENTERED_IN_ERROR' THEN r.creator_organisation_id END,
         jsonb_build_object(
           'from', CASE WHEN fs.id IS NULL THEN NULL ELSE jsonb_build_object('name', fs.name, 'site', fs.site) END,
           'to', jsonb_build_object('name', ts.name, 'site', ts.site),
           'route', r.route, 'needs', to_jsonb(r.needs), 'safeguardingOverride', r.safeguarding_override)
    FROM referrals r
    JOIN services ts ON ts.id = r.to_service_id
    LEFT JOIN services fs ON fs.id = r.from_service_id
   WHERE r.person_id = $1
  UNION ALL
  SELECT 'REFERRAL_STATUS_CHANGED', e.at, e.seq, e.by_organisation_id, ARRAY[r.creator_organisation_id, r.to_organisation_id],
         r.to_service_id, ts.sensitive OR coalesce(fs.sensitive, false), r.id, NULL, NULL, ts.category,
         CASE WHEN r.status = 'ENTERED_IN_ERROR' THEN r.creator_organisation_id END,
         jsonb_build_object('to', jsonb_build_object('name', ts.name, 'site', ts.site),
           'from', e.from_status, 'status', e.to_status, 'reason', e.reason)
    FROM referrals r
    JOIN referral_events e ON e.referral_id = r.id
    JOIN services ts ON ts.id = r.to_service_id
    LEFT JOIN services fs ON fs.id = r.from_service_id
   WHERE r.person_id = $1 AND e.from_status IS NOT NULL
  UNION ALL
  SELECT 'WELLBEING_ASSESSED', w.created_at, w.seq, w.organisation_id, ARRAY[w.organisation_id], w.service_id, s.sensitive,
         NULL, w.id, NULL, NULL, NULL,
         jsonb_build_object('instrument', w.instrument, 'responses', to_jsonb(w.responses), 'rawScore', w.raw_score,
           'metricScore', w.metric_score, 'service', jsonb_build_object('name', s.name, 'site', s.site))
    FROM wellbeing_assessments w JOIN services s ON s.id = w.service_id
   WHERE w.person_id = $1
  UNION ALL
  SELECT 'OUTCOME_RECORDED', o.created_at, o.seq, o.organisation_id, ARRAY[o.organisation_id], o.service_id, s.sensitive,
         NULL, NULL, o.id, NULL, NULL,
         jsonb_build_object('type', o.type, 'esolLevel', o.esol_level, 'hours', o.hours, 'contracted', o.contracted,
           'service', jsonb_build_object('name', s.name, 'site', s.site))
    FROM outcomes o JOIN services s ON s.id = o.service_id
   WHERE o.person_id = $1`;

/**
 * The whole read of journey(personId) in ONE statement (one transaction): whether the person is
 * visible to the viewer's organisation (people pkey and the visibility indexes), whether an active
 * JOURNEY_SHARING consent covers it (consents_person_idx), every entry (JOURNEY_ENTRIES_SQL), and,
 * when visible, the journey.read audit event written by `audit` (a data-modifying WITH clause of
 * this statement). Not visible: a single row with visible = false and no entry. $1 = person id,
 * $2 = viewer's organisation.
 */
export function journeyReadSql(audit: string): string {
  return `
  WITH viewer AS MATERIALIZED (
    SELECT EXISTS (SELECT 1 FROM people p WHERE p.id = $1 AND ${personVisibleSql('p.id', '$2', 'p')}) AS visible,
           EXISTS (SELECT 1 FROM consents WHERE ${activeConsentWhere('$1', "'JOURNEY_SHARING'", '$2')}) AS sharing
  ), audited AS (${audit})
  SELECT v.visible, v.sharing, e.* FROM viewer v LEFT JOIN (${JOURNEY_ENTRIES_SQL}) e ON v.visible`;
}

/** The audited people of journeyReadSql: the person, when visible. */
export const JOURNEY_AUDITED_SQL = `SELECT $1::uuid, 1 FROM viewer WHERE visible`;

/**
 * journeyReadSql with its journey.read audit clause reading $3..$6 (AuditService.inStatementParams
 * after the person and viewer): one fixed text, so a named prepared statement, planned once per
 * connection instead of on every read.
 */
export const JOURNEY_READ = prepared(
  'journey_read',
  journeyReadSql(auditInStatementSql(JOURNEY_AUDITED_SQL, 3)),
);

export interface JourneyEntryRow {
  kind: string;
  at: Date;
  seq: string;
  organisation_id: string;
  owners: string[];
  service_id: string | null;
  sensitive: boolean;
  referral_id: string | null;
  assessment_id: string | null;
  outcome_id: string | null;
  category: string | null;
  eie_creator: string | null;
  facts: Record<string, any>;
}
