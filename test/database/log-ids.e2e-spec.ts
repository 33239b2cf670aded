import { Db } from '#libs/database';
import { createTestDatabase } from '../support/test-db.js';

/** Migration 0064: the append-only logs get time-ordered (version 7) ids, on any PostgreSQL version. */
describe('ids of referral_events and audit_events', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Db({ url: database.url, max: 1 });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const millis = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

  it.each(['referral_events', 'audit_events'])(
    '%s: the default is a version 7 uuid carrying the time it was made, later ones sorting after',
    async (table) => {
      const [{ expr }] = await db.query<{ expr: string }>(
        `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d
           JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
          WHERE d.adrelid = $1::regclass AND a.attname = 'id'`,
        [table],
      );
      // The id's milliseconds must fall between two clock readings taken by separate statements
      // before and after it, so a slow machine cannot make the check fail.
      const now = async () =>
        (
          await db.query<{ at: number }>(
            `SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at`,
          )
        )[0].at;
      const made: { id: string; before: number; after: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const before = await now();
        const [{ id }] = await db.query<{ id: string }>(`SELECT (${expr})::text AS id`);
        const after = await now();
        made.push({ id, before, after });
        await new Promise((r) => setTimeout(r, 5));
      }
      for (const { id, before, after } of made) {
        expect(id).toMatch(V7);
        expect(millis(id)).toBeGreaterThanOrEqual(before);
        expect(millis(id)).toBeLessThanOrEqual(after);
      }
      const [{ ordered }] = await db.query<{ ordered: boolean }>(
        `SELECT $1::uuid < $2::uuid AND $2::uuid < $3::uuid AS ordered`,
        made.map((m) => m.id),
      );
      expect(ordered).toBe(true);
    },
  );

  it('an audit event written without an id gets one of these', async () => {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO audit_events (staff_id, organisation_id, action, outcome)
       VALUES (gen_random_uuid(), gen_random_uuid(), 'person.read', 'SUCCESS') RETURNING id::text`,
    );
    expect(id).toMatch(V7);
  });
});
