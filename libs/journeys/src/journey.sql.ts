import { auditInStatementSql } from '#libs/audit';
import { callerCheckSqlAt } from '#libs/auth';
import { prepared } from '#libs/database';
import { ORGANISATION_COLUMNS, SERVICE_COLUMNS } from '#libs/directory';
import { OUTCOME_COLUMNS, WELLBEING_COLUMNS } from '#libs/outcomes';
import { activeConsentWhere, personVisibleSql } from '#libs/people';
import { referralColumns } from '#libs/referrals';

/**
 * Every entry of one person's journey in ONE statement, whatever its length, with what the rules and
 * summaries need. Each branch is served by an index on person_id (people pkey, consents_person_idx,
 * referrals_person_idx + referral_events_referral_idx, wellbeing_assessments_person_idx,
 * outcomes_person_idx). $1 = person id.
 */
export const JOURNEY_ENTRIES_SQL = `
  SELECT 'REGISTERED' AS kind, p.created_at AS at, 0::bigint AS seq, p.registered_by_organisation_id AS organisation_id,
         p.registered_by_organisation_id AS owner, NULL::uuid AS other_owner, NULL::uuid AS service_id, false AS sensitive,
         NULL::uuid AS referral_id, NULL::uuid AS assessment_id, NULL::uuid AS outcome_id, NULL::text AS category,
         NULL::uuid AS eie_creator, json_build_object('organisation', o.name) AS facts
    FROM people p JOIN organisations o ON o.id = p.registered_by_organisation_id
   WHERE p.id = $1
  UNION ALL
  SELECT 'CONSENT_GIVEN', c.given_at, 0, c.recorded_by_organisation_id, c.recorded_by_organisation_id, NULL, NULL, false,
         NULL, NULL, NULL, NULL, NULL,
         json_build_object('purpose', c.purpose, 'givenBy', c.given_by, 'organisations', cardinality(c.organisation_ids))
    FROM consents c WHERE c.person_id = $1
  UNION ALL
  SELECT 'CONSENT_WITHDRAWN', c.withdrawn_at, 0, c.withdrawn_by_organisation_id, c.withdrawn_by_organisation_id, NULL,
         NULL, false, NULL, NULL, NULL, NULL, NULL, json_build_object('purpose', c.purpose)
    FROM consents c WHERE c.person_id = $1 AND c.withdrawn_at IS NOT NULL
  UNION ALL
  SELECT 'REFERRAL_MADE', r.created_at, 0, r.creator_organisation_id, r.creator_organisation_id, r.to_organisation_id,
         r.to_service_id, ts.sensitive OR coalesce(fs.sensitive, false), r.id, NULL, NULL, ts.category,
         CASE WHEN r.status = 'ENTERED_IN_ERROR' THEN r.creator_organisation_id END,
         json_build_object(
           'from', CASE WHEN fs.id IS NULL THEN NULL ELSE json_build_object('name', fs.name, 'site', fs.site) END,
           'to', json_build_object('name', ts.name, 'site', ts.site),
           'route', r.route, 'needs', to_json(r.needs), 'safeguardingOverride', r.safeguarding_override)
    FROM referrals r
    JOIN services ts ON ts.id = r.to_service_id
    LEFT JOIN services fs ON fs.id = r.from_service_id
   WHERE r.person_id = $1
  UNION ALL
  SELECT 'REFERRAL_STATUS_CHANGED', e.at, e.seq, e.by_organisation_id, r.creator_organisation_id, r.to_organisation_id,
         r.to_service_id, ts.sensitive OR coalesce(fs.sensitive, false), r.id, NULL, NULL, ts.category,
         CASE WHEN r.status = 'ENTERED_IN_ERROR' THEN r.creator_organisation_id END,
         json_build_object('to', json_build_object('name', ts.name, 'site', ts.site),
           'from', e.from_status, 'status', e.to_status, 'reason', e.reason)
    FROM referrals r
    JOIN referral_events e ON e.referral_id = r.id
    JOIN services ts ON ts.id = r.to_service_id
    LEFT JOIN services fs ON fs.id = r.from_service_id
   WHERE r.person_id = $1 AND e.from_status IS NOT NULL
  UNION ALL
  SELECT 'WELLBEING_ASSESSED', w.created_at, w.seq, w.organisation_id, w.organisation_id, NULL, w.service_id, s.sensitive,
         NULL, w.id, NULL, NULL, NULL,
         json_build_object('instrument', w.instrument, 'responses', to_json(w.responses), 'rawScore', w.raw_score,
           'metricScore', w.metric_score, 'service', json_build_object('name', s.name, 'site', s.site))
    FROM wellbeing_assessments w JOIN services s ON s.id = w.service_id
   WHERE w.person_id = $1
  UNION ALL
  SELECT 'OUTCOME_RECORDED', o.created_at, o.seq, o.organisation_id, o.organisation_id, NULL, o.service_id, s.sensitive,
         NULL, NULL, o.id, NULL, NULL,
         json_build_object('type', o.type, 'esolLevel', o.esol_level, 'hours', o.hours, 'contracted', o.contracted,
           'service', json_build_object('name', s.name, 'site', s.site))
    FROM outcomes o JOIN services s ON s.id = o.service_id
   WHERE o.person_id = $1`;

/**
 * The records the entries point at, each relation as one JSON array of rows with the columns its
 * loader reads (referrals pkey, outcomes pkey, wellbeing_assessments pkey, services pkey,
 * organisations pkey); null when its flag parameter is false (the client did not ask for it).
 */
const RELATIONS_SQL = [
  ['$7', `SELECT ${referralColumns('r')} FROM referrals r WHERE r.id IN (SELECT referral_id FROM entries)`],
  ['$8', `SELECT ${OUTCOME_COLUMNS} FROM outcomes WHERE id IN (SELECT outcome_id FROM entries)`],
  [
    '$9',
    `SELECT ${WELLBEING_COLUMNS} FROM wellbeing_assessments WHERE id IN (SELECT assessment_id FROM entries)`,
  ],
  ['$10', `SELECT ${SERVICE_COLUMNS} FROM services WHERE id IN (SELECT service_id FROM entries)`],
  [
    '$11',
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id IN (SELECT organisation_id FROM entries)`,
  ],
]
  .map(
    ([flag, rows]) =>
      `CASE WHEN ${flag}::boolean THEN (SELECT json_agg(row_to_json(x)) FROM (${rows}) x) END`,
  )
  .join(',\n           ');

/**
 * The whole read of journey(personId) in ONE statement (one transaction): whether the caller is
 * valid (callerCheckSqlAt: nothing is read or written otherwise), whether the person is
 * visible to the viewer's organisation (people pkey and the visibility indexes), whether an active
 * JOURNEY_SHARING consent covers it (consents_person_idx), every entry (JOURNEY_ENTRIES_SQL), the
 * records the entries point at (RELATIONS_SQL), and, when visible, the journey.read audit event
 * written by `audit` (a data-modifying WITH clause of this statement).
 *
 * Rows: one per entry (kind not null; relations null), and one more (kind null) carrying the
 * viewer's facts and the relations. Not visible: that row alone, visible = false; caller not valid:
 * that row alone, caller_ok = false.
 * $1 person, $2 viewer's organisation, then the audit clause's parameters ($3 the caller), then
 * $7..$11: whether to read the entries' referrals, outcomes, assessments, services and
 * organisations, $12 the caller's role and $13 their token generation.
 */
export function journeyReadSql(audit: string): string {
  return `
  WITH caller AS MATERIALIZED (SELECT ${callerCheckSqlAt('$3', '$2', '$12', '$13')} AS ok),
  viewer AS MATERIALIZED (
    SELECT c.ok AND EXISTS (SELECT 1 FROM people p WHERE p.id = $1 AND ${personVisibleSql('p.id', '$2', 'p')}) AS visible,
           c.ok AND EXISTS (SELECT 1 FROM consents WHERE ${activeConsentWhere('$1', "'JOURNEY_SHARING'", '$2')}) AS sharing,
           c.ok AS caller_ok
      FROM caller c
  ), audited AS (${audit}),
  entries AS MATERIALIZED (SELECT e.* FROM (${JOURNEY_ENTRIES_SQL}) e WHERE (SELECT visible FROM viewer))
  SELECT v.visible, v.sharing, v.caller_ok, NULL::json AS referrals, NULL::json AS outcomes, NULL::json AS assessments,
         NULL::json AS services, NULL::json AS organisations, e.*
    FROM viewer v CROSS JOIN entries e
  UNION ALL
  SELECT v.visible, v.sharing, v.caller_ok,
         ${RELATIONS_SQL},
         e.*
    FROM viewer v LEFT JOIN entries e ON false`;
}

/** The audited people of journeyReadSql: the person, when visible. */
export const JOURNEY_AUDITED_SQL = `SELECT $1::uuid, 1 FROM viewer WHERE visible`;

/**
 * journeyReadSql with its journey.read audit clause reading $3..$6 (AuditService.inStatementParams
 * after the person and viewer) and the relation flags at $7..$11: one fixed text, so a named
 * prepared statement, planned once per connection instead of on every read.
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
  /** The organisation the entry belongs to; for referral entries, the referrer. */
  owner: string;
  /** For referral entries, the receiving organisation (the entry belongs to both); otherwise null. */
  other_owner: string | null;
  service_id: string | null;
  sensitive: boolean;
  referral_id: string | null;
  assessment_id: string | null;
  outcome_id: string | null;
  category: string | null;
  eie_creator: string | null;
  facts: Record<string, any>;
}

/** The relations of journeyReadSql's last row: each a JSON array of rows (timestamps as text), or null. */
export interface JourneyRelationsRow {
  referrals: Record<string, unknown>[] | null;
  outcomes: Record<string, unknown>[] | null;
  assessments: Record<string, unknown>[] | null;
  services: Record<string, unknown>[] | null;
  organisations: Record<string, unknown>[] | null;
}
