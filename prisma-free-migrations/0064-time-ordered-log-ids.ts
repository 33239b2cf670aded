import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time-ordered ids (UUID version 7: 48 bits of milliseconds, then random bits) for the two
 * append-only logs, referral_events and audit_events. A random id lands on a random page of the
 * primary key, so each write dirties a page no other write touched, and the first change of a page
 * after a checkpoint writes the whole page to the WAL. Ids made close in time now share the key's
 * last pages. Measured on the bench data (3.3M events), alternating runs each just after a
 * checkpoint: WAL per makeReferral 8.2–9.4 against 13.8–14.9 KB (full-page images 0.56–0.72
 * against 1.58–1.76), per transition 7.6 against 12.5–13.4 KB; CPU the same within the noise.
 * The ids mean nothing else: the logs are ordered by `seq`, and a row's id tells when it was
 * written, which the row says anyway. Referrals keep random ids (they are handed around).
 * PostgreSQL 18 has uuidv7(); before it, pathways_uuid_v7() makes the same layout in SQL.
 */
export class TimeOrderedLogIds1764201600064 implements MigrationInterface {
  name = 'TimeOrderedLogIds1764201600064';

  async up(q: QueryRunner): Promise<void> {
    const [{ v }] = (await q.query(`SELECT current_setting('server_version_num')::int AS v`)) as {
      v: number;
    }[];
    const make = v >= 180000 ? 'uuidv7()' : 'pathways_uuid_v7()';
    if (v < 180000)
      // The milliseconds since the epoch over the first 6 bytes of a random (v4) uuid, and the
      // version nibble turned from 4 (0100) to 7 (0111) by setting its two low bits.
      await q.query(`
        CREATE FUNCTION pathways_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
          SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
        $$`);
    await q.query(`ALTER TABLE referral_events ALTER COLUMN id SET DEFAULT ${make}`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN id SET DEFAULT ${make}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral_events ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`DROP FUNCTION IF EXISTS pathways_uuid_v7()`);
  }
}
