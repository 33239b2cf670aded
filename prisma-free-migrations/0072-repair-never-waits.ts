import type { MigrationInterface, QueryRunner } from 'typeorm';

// As migration 0060 defines them (a migration stands on its own: 0060 is never edited).
const MONTH = (r: string) => `date_trunc('month', ${r}.created_at AT TIME ZONE 'Europe/London')::date`;
const PERSON_BIT = (r: string) => `(1::bigint << (uuid_hash(${r}.person_id) & 63))`;
const PERSON_VALUE = (r: string, column: string) =>
  `coalesce(nullif(btrim(${r}.${column}), ''), 'not recorded')`;
const GROUP_KEY = 'dimension, month, to_service_id, creator_organisation_id, grp';
const KEY_MATCHES = `(${GROUP_KEY.split(', ')
  .map((c) => `g.${c}`)
  .join(', ')}) = (k.dimension, k.month, k.to_service_id, k.creator_organisation_id, k.grp)`;

/** One row per (referral, dimension) for the committed referrals of the key in record `k`. */
const KEY_CONTRIBUTIONS = `
    SELECT r.id, d.dimension, d.grp, ${MONTH('r')} AS month, r.to_service_id, r.creator_organisation_id,
           r.accepted_at IS NOT NULL AS a, r.started_at IS NOT NULL AS s, r.completed_at IS NOT NULL AS c,
           ${PERSON_BIT('r')} AS bit
      FROM referrals r
     CROSS JOIN LATERAL (VALUES
       ('FLOW', coalesce(r.from_category, '')),
       ('ROUTE', r.route),
       ('AGE_BAND', coalesce(r.age_band, 'not recorded')),
       ('WARD', ${PERSON_VALUE('r', 'person_ward')}),
       ('GENDER', ${PERSON_VALUE('r', 'person_gender')}),
       ('ETHNICITY', ${PERSON_VALUE('r', 'person_ethnicity')}),
       ('LANGUAGE', ${PERSON_VALUE('r', 'person_language')})
     ) AS d (dimension, grp)
     WHERE r.status <> 'ENTERED_IN_ERROR'
       AND r.to_service_id = k.to_service_id AND r.creator_organisation_id = k.creator_organisation_id
       AND r.created_at >= (k.month::timestamp AT TIME ZONE 'Europe/London')
       AND r.created_at < ((k.month + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')`;

/**
 * analytics_repair_referral_group_bits: each untrusted key's stripe rows locked (in stripe order),
 * its bits recomputed from the committed referrals and written to every stripe. `waits`: as 0060
 * made it, waiting for the rows a writer holds; otherwise a key whose rows are held (NOWAIT, or
 * any lock not granted within 200 ms) is rolled back on its own and left for a later run.
 */
function repairFunctionSql(waits: boolean): string {
  const repairKey = `
          PERFORM 1 FROM analytics_referral_groups g WHERE ${KEY_MATCHES}
            ORDER BY g.stripe FOR UPDATE${waits ? '' : ' NOWAIT'};
          SELECT coalesce(bit_or(x.bit), 0) AS referred, coalesce(bit_or(x.bit) FILTER (WHERE x.a), 0) AS accepted,
                 coalesce(bit_or(x.bit) FILTER (WHERE x.s), 0) AS started,
                 coalesce(bit_or(x.bit) FILTER (WHERE x.c), 0) AS completed
            INTO b
            FROM (${KEY_CONTRIBUTIONS}) x
           WHERE x.dimension = k.dimension AND x.grp = k.grp;
          UPDATE analytics_referral_groups g
             SET referred_bits = b.referred, accepted_bits = b.accepted, started_bits = b.started,
                 completed_bits = b.completed, bits_valid = true
           WHERE ${KEY_MATCHES};
          n := n + 1;`;
  return `
    CREATE OR REPLACE FUNCTION analytics_repair_referral_group_bits(max_keys integer) RETURNS integer
    LANGUAGE plpgsql AS $$
    DECLARE k record; b record; n integer := 0;
    BEGIN
      ${
        waits
          ? ''
          : `-- A backstop for locks NOWAIT does not cover (a stripe row a writer added meanwhile).
      PERFORM set_config('lock_timeout', '200ms', true);`
      }
      FOR k IN SELECT DISTINCT ${GROUP_KEY} FROM analytics_referral_groups WHERE NOT bits_valid
                ORDER BY ${GROUP_KEY} LIMIT max_keys LOOP
        ${
          waits
            ? repairKey
            : `BEGIN ${repairKey}
        EXCEPTION WHEN lock_not_available THEN
          -- A writer holds this key: it stays untrusted until a later run.
          NULL;
        END;`
        }
      END LOOP;
      RETURN n;
    END $$`;
}

/**
 * The referral summary's repair (analytics_repair_referral_group_bits, 0060) never waits for a
 * writer. It locked each untrusted key's stripe rows and waited for any a writer held, while
 * holding the keys it had already repaired: a writer correcting a person (whose referrals touch
 * many keys, in no order the repair knows) could then wait for the repair while the repair waited
 * for it, and PostgreSQL ended one of them as a deadlock. Under a hot burst of corrections a valid
 * updatePerson failed that way even after its retries.
 *
 * Now a key whose rows are held is left untrusted for the next run: that key's part is rolled back
 * (its own block), the repair goes on with the next key. Readers are never wrong meanwhile: an
 * untrusted key's people are counted from the referrals.
 */
export class RepairNeverWaits1764201600072 implements MigrationInterface {
  name = 'RepairNeverWaits1764201600072';

  async up(q: QueryRunner): Promise<void> {
    await q.query(repairFunctionSql(false));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(repairFunctionSql(true));
  }
}
