import { prepared } from '#libs/database';
import { auditEventsInsertSql } from '#libs/audit';
import { callerCheckSqlAt } from '#libs/auth';
import { activeConsentSql, activeConsentWhere, personVisibleSql } from '#libs/people';
import { referralColumns } from './referral.model.js';
import { referralVisibleSql } from './referral-visibility.js';

/**
 * Everything makeReferral checks, read in one statement: the two services, the person's visibility
 * to the caller's organisation, REFERRAL_SHARING consent covering the receiving organisation (only
 * asked across organisations) and a referral already made with the same idempotency key (its
 * columns, as referralColumns names them, all null when there is none).
 * $1 person (null when malformed), $2 caller's organisation, $3 fromService, $4 toService (each null
 * when omitted or malformed), $5 caller, $6 idempotency key (null when none).
 * Indexes: services pkey, the visibility predicate's, consents_person_idx, referrals_idempotency_key.
 */
export const MAKE_REFERRAL_CHECKS = prepared(
  'referrals_make_checks',
  `SELECT f.organisation_id AS check_from_organisation_id, f.category AS check_from_category,
          t.id AS check_to_id, t.organisation_id AS check_to_organisation_id, t.category AS check_to_category,
          t.capacity AS check_to_capacity, t.ward AS check_to_ward,
          EXISTS (SELECT 1 FROM people p WHERE p.id = $1::uuid AND ${personVisibleSql('p.id', '$2::uuid', 'p')})
            AS check_person_visible,
          CASE WHEN t.organisation_id <> $2::uuid
               THEN ${activeConsentSql('$1::uuid', `'REFERRAL_SHARING'`, 't.organisation_id')} END AS check_consented,
          ${referralColumns('k')}
     FROM (VALUES (1)) AS one (x)
     LEFT JOIN services f ON f.id = $3::uuid
     LEFT JOIN services t ON t.id = $4::uuid
     LEFT JOIN referrals k ON k.created_by_staff_id = $5::uuid AND k.idempotency_key = $6::text`,
);

/**
 * The referral, its creation event and its audit event(s), written by one statement (so all or
 * nothing). With an idempotency key already taken (a concurrent request committed first) nothing
 * is written and no row is returned.
 * $1–$16 the referral's columns as listed, $17 request id, $18 the audit actions (text[]).
 */
export const INSERT_REFERRAL = prepared(
  'referrals_insert',
  `WITH r AS (
     INSERT INTO referrals AS r (person_id, from_service_id, to_service_id, creator_organisation_id,
         to_organisation_id, created_by_staff_id, route, needs, note, safeguarding_override,
         safeguarding_justification, idempotency_key, idempotency_fingerprint,
         from_category, to_category, to_ward)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (created_by_staff_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING ${referralColumns('r')}
   ), creation AS (
     INSERT INTO referral_events (referral_id, from_status, to_status, note, by_staff_id, by_organisation_id, at)
     SELECT r.id, NULL, 'REQUESTED', NULL, $6, $4, r.created_at FROM r
   ), audit AS (
     ${auditEventsInsertSql({ staffId: '$6', organisationId: '$4', requestId: '$17', actions: '$18', personId: 'r.person_id', from: 'r' })}
   )
   SELECT * FROM r`,
);

/** One referral by id, with the columns of referralColumns. $1 id. */
export const REFERRAL_BY_ID = prepared(
  'referrals_by_id',
  `SELECT ${referralColumns('r')} FROM referrals r WHERE r.id = $1`,
);

/** A referral by its maker and idempotency key. $1 staff, $2 key. */
export const REFERRAL_BY_KEY = prepared(
  'referrals_by_key',
  `SELECT ${referralColumns('r')} FROM referrals r WHERE r.created_by_staff_id = $1 AND r.idempotency_key = $2`,
);

/**
 * The referral's person, locked FOR NO KEY UPDATE when the transition is to ENTERED_IN_ERROR, as a
 * MATERIALIZED clause that the update's filter reads (GUARDED_BY_PERSON_LOCK) so that it runs before
 * the referral's row is locked. Marking a referral in error rebuilds the person's pathways, whose
 * trigger locks the person (0061, 0035) after the referral; an updatePerson locks the person, then
 * its trigger (0033) the person's referrals. Taken in that order both ways, the two wait for each
 * other instead of deadlocking. Other transitions lock nothing more. Index: referrals pkey, people pkey.
 */
function personLockedFirstSql(idParam: string, toParam: string): string {
  return `person_first AS MATERIALIZED (
     SELECT pe.id FROM referrals hr JOIN people pe ON pe.id = hr.person_id
      WHERE hr.id = ${idParam} AND ${toParam} = 'ENTERED_IN_ERROR'
        FOR NO KEY UPDATE OF pe
   )`;
}

/** Always true; makes the filter it is part of wait for personLockedFirstSql's lock. */
const GUARDED_BY_PERSON_LOCK = '(SELECT count(*) FROM person_first) >= 0';

/**
 * A status change guarded by the version the caller saw, its history event and its audit event, in
 * one statement (all or nothing); no row when the version no longer matches.
 * $1 id, $2 expected version, $3 new status, $4 reason, $5 previous status, $6 note, $7 staff,
 * $8 organisation, $9 person (of the audit event), $10 request id, $11 the audit actions (text[]).
 */
export const TRANSITION_REFERRAL = prepared(
  'referrals_transition',
  `WITH ${personLockedFirstSql('$1::uuid', '$3::text')}, u AS (
     UPDATE referrals AS r SET status = $3, status_reason = $4, version = r.version + 1,
            updated_at = clock_timestamp(),
            accepted_at = CASE WHEN $3 = 'ACCEPTED' THEN coalesce(r.accepted_at, clock_timestamp()) ELSE r.accepted_at END,
            started_at = CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN coalesce(r.started_at, clock_timestamp()) ELSE r.started_at END,
            completed_at = CASE WHEN $3 = 'COMPLETED' THEN coalesce(r.completed_at, clock_timestamp()) ELSE r.completed_at END
      WHERE r.id = $1 AND r.version = $2 AND ${GUARDED_BY_PERSON_LOCK}
      RETURNING ${referralColumns('r')}
   ), event AS (
     INSERT INTO referral_events (referral_id, from_status, to_status, reason, note, by_staff_id, by_organisation_id, at)
     SELECT u.id, $5, $3, $4, $6, $7, $8, u.updated_at FROM u
   ), audit AS (
     ${auditEventsInsertSql({ staffId: '$7', organisationId: '$8', requestId: '$10', actions: '$11', personId: '$9::uuid', from: 'u' })}
   )
   SELECT * FROM u`,
);

/**
 * The common case of makeReferral in one statement: the referral, its creation event and its audit
 * are written only when the caller is valid (callerCheckSqlAt) and every rule passes (fromService of the caller's organisation, the person
 * visible, toService known and not CLOSED, the idempotency key unused, REFERRAL_SHARING consent
 * across organisations or else a safeguarding justification, which makes it an override). The
 * caller has already applied the input rules. No row means some rule did not pass (or the key is
 * taken, or the caller not valid): the caller is verified, then MAKE_REFERRAL_CHECKS tells which
 * rule, in the contract's order.
 * $1 person, $2 fromService (null when omitted), $3 toService, $4 caller's organisation, $5 caller,
 * $6 route, $7 needs, $8 note, $9 safeguarding justification, $10 idempotency key, $11 fingerprint,
 * $12 request id, $13 the audit actions, $14 the audit actions of an override (text[]), $15 the
 * caller's role, $16 the caller's token generation.
 *
 * Two rows are share-locked until the referral commits, so that what it was made on cannot change
 * under it:
 * - the person (held): an updatePerson, whose trigger rewrites the person's groups on their
 *   referrals, waits for this referral or this waits for it; the referral's copy of the groups
 *   (set by its insert trigger, 0033) is then never left behind the person's current values;
 * - the REFERRAL_SHARING consent it relies on (sharing): a withdrawal waits for this referral, or
 *   this waits for the withdrawal and then finds the consent no longer active (a locking read
 *   re-checks its conditions on the row as committed), so no referral is made on a consent already
 *   withdrawn.
 */
export const MAKE_REFERRAL_AT_ONCE = prepared(
  'referrals_make_at_once',
  `WITH held AS MATERIALIZED (
     SELECT p.id FROM people p WHERE p.id = $1::uuid FOR SHARE
   ), sharing AS MATERIALIZED (
     SELECT c.id FROM consents c JOIN services t ON t.id = $3::uuid
      WHERE ${activeConsentWhere('$1::uuid', `'REFERRAL_SHARING'`, 't.organisation_id', 'c')}
      FOR SHARE OF c
   ), allowed AS (
     SELECT t.id, t.organisation_id, t.category, t.ward, f.category AS from_category,
            (t.organisation_id <> $4::uuid AND NOT EXISTS (SELECT 1 FROM sharing)) AS override
       FROM services t
       LEFT JOIN services f ON f.id = $2::uuid
      WHERE t.id = $3::uuid AND t.capacity <> 'CLOSED'
        AND ($2::uuid IS NULL OR f.organisation_id = $4::uuid)
        AND EXISTS (SELECT 1 FROM held)
        AND EXISTS (SELECT 1 FROM people p WHERE p.id = $1::uuid AND ${personVisibleSql('p.id', '$4::uuid', 'p')})
        AND ${callerCheckSqlAt('$5', '$4', '$15', '$16')}
   ), r AS (
     INSERT INTO referrals AS r (person_id, from_service_id, to_service_id, creator_organisation_id,
         to_organisation_id, created_by_staff_id, route, needs, note, safeguarding_override,
         safeguarding_justification, idempotency_key, idempotency_fingerprint,
         from_category, to_category, to_ward)
     SELECT $1::uuid, $2::uuid, a.id, $4::uuid, a.organisation_id, $5::uuid, $6::text, $7::text[], $8::text,
            a.override, $9::text, $10::text, $11::text, a.from_category, a.category, a.ward
       FROM allowed a
      WHERE NOT a.override OR $9::text IS NOT NULL
     ON CONFLICT (created_by_staff_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING ${referralColumns('r')}
   ), creation AS (
     INSERT INTO referral_events (referral_id, from_status, to_status, note, by_staff_id, by_organisation_id, at)
     SELECT r.id, NULL, 'REQUESTED', NULL, $5::uuid, $4::uuid, r.created_at FROM r
   ), audit AS (
     ${auditEventsInsertSql({
       staffId: '$5::uuid',
       organisationId: '$4::uuid',
       requestId: '$12::text',
       actions: 'CASE WHEN r.safeguarding_override THEN $14::text[] ELSE $13::text[] END',
       personId: 'r.person_id',
       from: 'r',
     })}
   )
   SELECT * FROM r`,
);

/**
 * The common case of transitionReferral in one statement: the change, its history event and its
 * audit are written only when the caller is valid (callerCheckSqlAt), the referral visible to them, still at the expected version,
 * and in a status from which the caller's party may move it to the new one. The caller has already
 * applied the input rules. No row means the caller or some rule did not pass: the caller is then
 * verified, the referral read and the rules say which, in the contract's order.
 * $1 id, $2 expected version, $3 new status, $4 reason, $5 note, $6 caller, $7 caller's organisation,
 * $8 caller is a SERVICE_MANAGER, $9–$11 the statuses the receiver, the referrer and a corrector may
 * move from (text[]), $12 request id, $13 the audit actions (text[]), $14 the caller's role, $15 the
 * caller's token generation.
 */
export const TRANSITION_AT_ONCE = prepared(
  'referrals_transition_at_once',
  `WITH ${personLockedFirstSql('$1::uuid', '$3::text')}, prev AS (
     SELECT p.id, p.status FROM referrals p
      WHERE p.id = $1::uuid AND p.version = $2::int AND ${referralVisibleSql('p', '$7::uuid')}
        AND ((p.status = ANY ($9::text[]) AND p.to_organisation_id = $7::uuid)
          OR (p.status = ANY ($10::text[]) AND p.creator_organisation_id = $7::uuid)
          OR (p.status = ANY ($11::text[])
              AND (p.created_by_staff_id = $6::uuid
                   OR ($8::boolean AND (p.creator_organisation_id = $7::uuid OR p.to_organisation_id = $7::uuid)))))
        AND ${callerCheckSqlAt('$6', '$7', '$14', '$15')}
        AND ${GUARDED_BY_PERSON_LOCK}
   ), u AS (
     UPDATE referrals AS r SET status = $3::text, status_reason = $4::text, version = r.version + 1,
            updated_at = clock_timestamp(),
            accepted_at = CASE WHEN $3::text = 'ACCEPTED' THEN coalesce(r.accepted_at, clock_timestamp()) ELSE r.accepted_at END,
            started_at = CASE WHEN $3::text IN ('IN_PROGRESS', 'COMPLETED') THEN coalesce(r.started_at, clock_timestamp()) ELSE r.started_at END,
            completed_at = CASE WHEN $3::text = 'COMPLETED' THEN coalesce(r.completed_at, clock_timestamp()) ELSE r.completed_at END
       FROM prev
      WHERE r.id = prev.id AND r.version = $2::int
      RETURNING ${referralColumns('r')}, prev.status AS previous_status
   ), event AS (
     INSERT INTO referral_events (referral_id, from_status, to_status, reason, note, by_staff_id, by_organisation_id, at)
     SELECT u.id, u.previous_status, $3::text, $4::text, $5::text, $6::uuid, $7::uuid, u.updated_at FROM u
   ), audit AS (
     ${auditEventsInsertSql({
       staffId: '$6::uuid',
       organisationId: '$7::uuid',
       requestId: '$12::text',
       actions: '$13::text[]',
       personId: 'u.person_id',
       from: 'u',
     })}
   )
   SELECT * FROM u`,
);
