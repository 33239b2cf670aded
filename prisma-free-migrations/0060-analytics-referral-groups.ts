import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral counts for the flows and funnel reports, summed ahead by the database in the same
 * transaction as every referral write, so those reports read a few thousand summary rows instead
 * of a million referrals — fresh at every read (never a periodically refreshed copy).
 *
 * analytics_referral_groups: for each grouping the reports use (`dimension`: FLOW = the referring
 * category, ROUTE, AGE_BAND and the person's WARD, GENDER, ETHNICITY and LANGUAGE, each value as
 * the reports group it) and each value of every filter (London month of creation, receiving service
 * — which fixes its organisation, category and ward, as services never change those — and the
 * creating organisation, for a service manager's scope): referrals that ever reached each stage,
 * and one bitmap per stage of the person bits behind them (the people sketch of
 * libs/analytics/src/queries/people-sketch.ts). ENTERED_IN_ERROR referrals never count.
 *
 * analytics_flow_accept_days: accepted referrals per flow cell and whole days from creation to
 * acceptance, for the median.
 *
 * Rules that keep the sums exact and the bitmaps a LOWER BOUND on the people behind a row:
 * - counts move by signed deltas (an insert adds; a status change, a correction of the person's
 *   values or an entry in error moves the referral out of its old row and into its new one; a
 *   delete takes it out; TRUNCATE empties the summary);
 * - bitmaps only gain the bits of referrals that count in the row. One bit may stand for several
 *   people, so a bit cannot be taken out again: when a referral leaves a row, or loses a stage it
 *   had there, the row is marked `bits_valid = false` and readers ignore the bitmaps of that row's
 *   key in every stripe (they then count those people exactly, from the referrals) until
 *   analytics_repair_referral_group_bits() recomputes that key's bits (the API runs it now and then).
 * - Concurrent writers of the same group use different `stripe` rows (by server process), so one
 *   busy service does not serialise every referral write on one row; readers sum the stripes. A
 *   write touches only its own stripe's rows, in key order, so two writers never wait for each
 *   other in a cycle.
 */
const MONTH = (r: string) => `date_trunc('month', ${r}.created_at AT TIME ZONE 'Europe/London')::date`;
const PERSON_BIT = (r: string) => `(1::bigint << (uuid_hash(${r}.person_id) & 63))`;
const DAYS = (r: string) => `floor(date_part('epoch', ${r}.accepted_at - ${r}.created_at) / 86400)::int`;
const PERSON_VALUE = (r: string, column: string) =>
  `coalesce(nullif(btrim(${r}.${column}), ''), 'not recorded')`;
const STRIPE = `(pg_backend_pid() % 32)::smallint`;

const GROUP_KEY = 'dimension, month, to_service_id, creator_organisation_id, grp';
const DAYS_KEY = 'month, to_service_id, creator_organisation_id, from_category, days';

/** One row per (referral, dimension) for the referrals in `rel` that count (never in error). */
function contributions(rel: string, where = 'true'): string {
  return `
    SELECT r.id, d.dimension, d.grp, ${MONTH('r')} AS month, r.to_service_id, r.creator_organisation_id,
           r.accepted_at IS NOT NULL AS a, r.started_at IS NOT NULL AS s, r.completed_at IS NOT NULL AS c,
           ${PERSON_BIT('r')} AS bit
      FROM ${rel} r
     CROSS JOIN LATERAL (VALUES
       ('FLOW', coalesce(r.from_category, '')),
       ('ROUTE', r.route),
       ('AGE_BAND', coalesce(r.age_band, 'not recorded')),
       ('WARD', ${PERSON_VALUE('r', 'person_ward')}),
       ('GENDER', ${PERSON_VALUE('r', 'person_gender')}),
       ('ETHNICITY', ${PERSON_VALUE('r', 'person_ethnicity')}),
       ('LANGUAGE', ${PERSON_VALUE('r', 'person_language')})
     ) AS d (dimension, grp)
     WHERE r.status <> 'ENTERED_IN_ERROR' AND ${where}`;
}

/** One row per accepted referral in `rel` that counts, with its whole days to acceptance. */
function acceptDays(rel: string, where = 'true'): string {
  return `
    SELECT r.id, ${MONTH('r')} AS month, r.to_service_id, r.creator_organisation_id,
           coalesce(r.from_category, '') AS from_category, ${DAYS('r')} AS days
      FROM ${rel} r
     WHERE r.status <> 'ENTERED_IN_ERROR' AND r.accepted_at IS NOT NULL AND ${where}`;
}

const STAGE_SUMS = (sign: string) => `
  sum(${sign})::int, sum(${sign} * a::int)::int, sum(${sign} * s::int)::int, sum(${sign} * c::int)::int`;
const STAGE_BITS = (when: string) => `
  coalesce(bit_or(bit) FILTER (WHERE ${when}), 0), coalesce(bit_or(bit) FILTER (WHERE ${when} AND a), 0),
  coalesce(bit_or(bit) FILTER (WHERE ${when} AND s), 0), coalesce(bit_or(bit) FILTER (WHERE ${when} AND c), 0)`;

const UPSERT_GROUPS = `
  INSERT INTO analytics_referral_groups AS g (${GROUP_KEY}, stripe, referred, accepted, started, completed,
         referred_bits, accepted_bits, started_bits, completed_bits)`;
const ON_GROUP_CONFLICT = `
  ON CONFLICT (${GROUP_KEY}, stripe) DO UPDATE SET
    referred = g.referred + EXCLUDED.referred, accepted = g.accepted + EXCLUDED.accepted,
    started = g.started + EXCLUDED.started, completed = g.completed + EXCLUDED.completed,
    referred_bits = g.referred_bits | EXCLUDED.referred_bits, accepted_bits = g.accepted_bits | EXCLUDED.accepted_bits,
    started_bits = g.started_bits | EXCLUDED.started_bits, completed_bits = g.completed_bits | EXCLUDED.completed_bits`;
const UPSERT_DAYS = `INSERT INTO analytics_flow_accept_days AS f (${DAYS_KEY}, stripe, accepted)`;
const ON_DAYS_CONFLICT = `ON CONFLICT (${DAYS_KEY}, stripe) DO UPDATE SET accepted = f.accepted + EXCLUDED.accepted`;

/** Referral columns whose change can move a referral between summary rows. */
const WATCHED = [
  'status',
  'accepted_at',
  'started_at',
  'completed_at',
  'created_at',
  'person_id',
  'to_service_id',
  'creator_organisation_id',
  'from_category',
  'route',
  'age_band',
  'person_ward',
  'person_gender',
  'person_ethnicity',
  'person_language',
];

export class AnalyticsReferralGroups1764201600060 implements MigrationInterface {
  name = 'AnalyticsReferralGroups1764201600060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_referral_groups (
        dimension text NOT NULL,
        month date NOT NULL,
        to_service_id uuid NOT NULL,
        creator_organisation_id uuid NOT NULL,
        grp text NOT NULL,
        stripe smallint NOT NULL,
        referred integer NOT NULL,
        accepted integer NOT NULL,
        started integer NOT NULL,
        completed integer NOT NULL,
        referred_bits bigint NOT NULL,
        accepted_bits bigint NOT NULL,
        started_bits bigint NOT NULL,
        completed_bits bigint NOT NULL,
        bits_valid boolean NOT NULL DEFAULT true,
        CONSTRAINT analytics_referral_groups_pk PRIMARY KEY (${GROUP_KEY}, stripe)
      )`);
    await q.query(`
      CREATE TABLE analytics_flow_accept_days (
        month date NOT NULL,
        to_service_id uuid NOT NULL,
        creator_organisation_id uuid NOT NULL,
        from_category text NOT NULL,
        days integer NOT NULL,
        stripe smallint NOT NULL,
        accepted integer NOT NULL,
        CONSTRAINT analytics_flow_accept_days_pk PRIMARY KEY (${DAYS_KEY}, stripe)
      )`);

    await q.query(`
      CREATE FUNCTION analytics_referral_groups_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${UPSERT_GROUPS}
        SELECT ${GROUP_KEY}, ${STRIPE}, ${STAGE_SUMS('1')}, ${STAGE_BITS('true')}
          FROM (${contributions('inserted')}) x
         GROUP BY ${GROUP_KEY} ORDER BY ${GROUP_KEY}
        ${ON_GROUP_CONFLICT};
        ${UPSERT_DAYS}
        SELECT ${DAYS_KEY}, ${STRIPE}, count(*)::int
          FROM (${acceptDays('inserted')}) x
         GROUP BY ${DAYS_KEY} ORDER BY ${DAYS_KEY}
        ${ON_DAYS_CONFLICT};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER analytics_referral_groups_insert AFTER INSERT ON referrals
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION analytics_referral_groups_after_insert()`);

    const OLD = '(SELECT (OLD).*)';
    const NEW = '(SELECT (NEW).*)';
    // Columns that place a referral in its rows (all but the stages and the status).
    const KEY_COLUMNS = WATCHED.filter(
      (c) => !['status', 'accepted_at', 'started_at', 'completed_at'].includes(c),
    );
    const GAINED = (stage: string) => `(OLD.${stage}_at IS NULL AND NEW.${stage}_at IS NOT NULL)`;
    await q.query(`
      CREATE FUNCTION analytics_referral_groups_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The usual change, a referral reaching a stage, stays in its rows: add the stage there.
        IF OLD.status <> 'ENTERED_IN_ERROR' AND NEW.status <> 'ENTERED_IN_ERROR'
           AND (${KEY_COLUMNS.map((c) => `OLD.${c}`).join(', ')}) IS NOT DISTINCT FROM (${KEY_COLUMNS.map((c) => `NEW.${c}`).join(', ')})
           AND (OLD.accepted_at IS NULL OR NEW.accepted_at IS NOT NULL)
           AND (OLD.started_at IS NULL OR NEW.started_at IS NOT NULL)
           AND (OLD.completed_at IS NULL OR NEW.completed_at IS NOT NULL) THEN
          ${UPSERT_GROUPS}
          SELECT ${GROUP_KEY}, ${STRIPE}, 0, ${GAINED('accepted')}::int, ${GAINED('started')}::int,
                 ${GAINED('completed')}::int, 0, CASE WHEN a THEN bit ELSE 0 END,
                 CASE WHEN s THEN bit ELSE 0 END, CASE WHEN c THEN bit ELSE 0 END
            FROM (${contributions(NEW)}) x
           ORDER BY ${GROUP_KEY}
          ${ON_GROUP_CONFLICT};
          IF OLD.accepted_at IS NULL AND NEW.accepted_at IS NOT NULL THEN
            ${UPSERT_DAYS}
            SELECT ${DAYS_KEY}, ${STRIPE}, 1 FROM (${acceptDays(NEW)}) x
            ${ON_DAYS_CONFLICT};
          END IF;
          RETURN NULL;
        END IF;
        -- Anything else (in or out of error, a correction that moves it, a stage taken away).
        -- The referral's rows out (-1) and in (+1), and the rows a referral left or where it
        -- lost a stage (their bitmaps may hold its person's bit: marked not to be trusted).
        WITH moves AS (
          SELECT -1 AS sign, * FROM (${contributions(OLD)}) o
          UNION ALL
          SELECT 1, * FROM (${contributions(NEW)}) n
        ), lost AS (
          SELECT DISTINCT o.dimension, o.month, o.to_service_id, o.creator_organisation_id, o.grp
            FROM moves o
            LEFT JOIN moves n ON n.sign = 1 AND n.id = o.id AND n.dimension = o.dimension
           WHERE o.sign = -1
             AND (n.id IS NULL
                  OR (n.month, n.to_service_id, n.creator_organisation_id, n.grp)
                     IS DISTINCT FROM (o.month, o.to_service_id, o.creator_organisation_id, o.grp)
                  OR (o.a AND NOT n.a) OR (o.s AND NOT n.s) OR (o.c AND NOT n.c))
        )
        ${UPSERT_GROUPS.replace('completed_bits)', 'completed_bits, bits_valid)')}
        SELECT ${GROUP_KEY}, ${STRIPE}, ${STAGE_SUMS('sign')}, ${STAGE_BITS('sign = 1')}, NOT bool_or(lost)
          FROM (SELECT *, false AS lost FROM moves
                UNION ALL
                SELECT 0, NULL, dimension, grp, month, to_service_id, creator_organisation_id,
                       false, false, false, 0, true FROM lost) x
         GROUP BY ${GROUP_KEY}
        HAVING sum(sign) <> 0 OR sum(sign * a::int) <> 0 OR sum(sign * s::int) <> 0 OR sum(sign * c::int) <> 0
            OR bit_or(bit) FILTER (WHERE sign = 1) IS NOT NULL OR bool_or(lost)
         ORDER BY ${GROUP_KEY}
        ${ON_GROUP_CONFLICT},
          bits_valid = g.bits_valid AND EXCLUDED.bits_valid;

        ${UPSERT_DAYS}
        SELECT ${DAYS_KEY}, ${STRIPE}, sum(sign)::int
          FROM (SELECT -1 AS sign, * FROM (${acceptDays(OLD)}) o
                UNION ALL
                SELECT 1, * FROM (${acceptDays(NEW)}) n) x
         GROUP BY ${DAYS_KEY}
        HAVING sum(sign) <> 0
         ORDER BY ${DAYS_KEY}
        ${ON_DAYS_CONFLICT};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER analytics_referral_groups_update AFTER UPDATE ON referrals
        FOR EACH ROW WHEN (${WATCHED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ')})
        EXECUTE FUNCTION analytics_referral_groups_after_update()`);
    // A deleted referral leaves its rows (NEW is null: only the way out); TRUNCATE empties the summary.
    await q.query(`
      CREATE TRIGGER analytics_referral_groups_delete AFTER DELETE ON referrals
        FOR EACH ROW EXECUTE FUNCTION analytics_referral_groups_after_update()`);
    await q.query(`
      CREATE FUNCTION analytics_referral_groups_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM analytics_referral_groups;
        DELETE FROM analytics_flow_accept_days;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER analytics_referral_groups_truncate AFTER TRUNCATE ON referrals
        FOR EACH STATEMENT EXECUTE FUNCTION analytics_referral_groups_after_truncate()`);

    // Rebuilt from the referrals (here for the existing ones; bulk loads may call it again).
    await q.query(`
      CREATE FUNCTION analytics_rebuild_referral_groups() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE analytics_referral_groups, analytics_flow_accept_days IN EXCLUSIVE MODE;
        DELETE FROM analytics_referral_groups;
        DELETE FROM analytics_flow_accept_days;
        ${UPSERT_GROUPS}
        SELECT ${GROUP_KEY}, 0, ${STAGE_SUMS('1')}, ${STAGE_BITS('true')}
          FROM (${contributions('referrals')}) x
         GROUP BY ${GROUP_KEY};
        ${UPSERT_DAYS}
        SELECT ${DAYS_KEY}, 0, count(*)::int
          FROM (${acceptDays('referrals')}) x
         GROUP BY ${DAYS_KEY};
      END $$`);
    // Gives keys marked untrusted their bitmaps back, a few keys per call, without stopping writers:
    // each key's stripe rows are locked (in stripe order), its bits recomputed from the committed
    // referrals and written to every stripe. A writer that changes the key meanwhile waits for the
    // lock and then applies its own change (a referral leaving marks the key again).
    const keyMatches = (g: string) =>
      `(${GROUP_KEY.split(', ')
        .map((c) => `${g}.${c}`)
        .join(', ')}) = (k.dimension, k.month, k.to_service_id, k.creator_organisation_id, k.grp)`;
    await q.query(`
      CREATE FUNCTION analytics_repair_referral_group_bits(max_keys integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE k record; b record; n integer := 0;
      BEGIN
        FOR k IN SELECT DISTINCT ${GROUP_KEY} FROM analytics_referral_groups WHERE NOT bits_valid
                  ORDER BY ${GROUP_KEY} LIMIT max_keys LOOP
          PERFORM 1 FROM analytics_referral_groups g WHERE ${keyMatches('g')} ORDER BY g.stripe FOR UPDATE;
          SELECT coalesce(bit_or(x.bit), 0) AS referred, coalesce(bit_or(x.bit) FILTER (WHERE x.a), 0) AS accepted,
                 coalesce(bit_or(x.bit) FILTER (WHERE x.s), 0) AS started,
                 coalesce(bit_or(x.bit) FILTER (WHERE x.c), 0) AS completed
            INTO b
            FROM (${contributions(
              'referrals',
              `r.to_service_id = k.to_service_id AND r.creator_organisation_id = k.creator_organisation_id
               AND r.created_at >= (k.month::timestamp AT TIME ZONE 'Europe/London')
               AND r.created_at < ((k.month + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')`,
            )}) x
           WHERE x.dimension = k.dimension AND x.grp = k.grp;
          UPDATE analytics_referral_groups g
             SET referred_bits = b.referred, accepted_bits = b.accepted, started_bits = b.started,
                 completed_bits = b.completed, bits_valid = true
           WHERE ${keyMatches('g')};
          n := n + 1;
        END LOOP;
        RETURN n;
      END $$`);
    await q.query(`SELECT analytics_rebuild_referral_groups()`);
    await q.query(`ANALYZE analytics_referral_groups`);
    await q.query(`ANALYZE analytics_flow_accept_days`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER analytics_referral_groups_truncate ON referrals`);
    await q.query(`DROP FUNCTION analytics_referral_groups_after_truncate()`);
    await q.query(`DROP TRIGGER analytics_referral_groups_delete ON referrals`);
    await q.query(`DROP TRIGGER analytics_referral_groups_update ON referrals`);
    await q.query(`DROP TRIGGER analytics_referral_groups_insert ON referrals`);
    await q.query(`DROP FUNCTION analytics_repair_referral_group_bits(integer)`);
    await q.query(`DROP FUNCTION analytics_rebuild_referral_groups()`);
    await q.query(`DROP FUNCTION analytics_referral_groups_after_update()`);
    await q.query(`DROP FUNCTION analytics_referral_groups_after_insert()`);
    await q.query(`DROP TABLE analytics_flow_accept_days`);
    await q.query(`DROP TABLE analytics_referral_groups`);
  }
}
