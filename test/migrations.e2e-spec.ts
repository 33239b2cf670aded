import pg from 'pg';
import { knownMigrationNames, revertLastMigration, runMigrations } from '#libs/database';
import { createEmptyDatabase } from './support/test-db.js';

async function tables(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    return r.rows.map((x) => x.tablename);
  } finally {
    await c.end();
  }
}

describe('migrations', () => {
  it('run up on an empty database, all the way down, and up again', async () => {
    const db = await createEmptyDatabase();
    try {
      const names = knownMigrationNames();
      expect(await runMigrations(db.url)).toEqual(names);
      const full = await tables(db.url);
      expect(full).toEqual(
        expect.arrayContaining(['organisations', 'services', 'staff', 'people', 'referrals', 'audit_events']),
      );
      expect(await runMigrations(db.url)).toEqual([]);

      for (const name of [...names].reverse()) expect(await revertLastMigration(db.url)).toBe(name);
      expect(await revertLastMigration(db.url)).toBeNull();
      expect(await tables(db.url)).toEqual(['migrations']);

      expect(await runMigrations(db.url)).toEqual(names);
      expect(await tables(db.url)).toEqual(full);
    } finally {
      await db.drop();
    }
  });

  it('refuse to run against a database that has a migration this code does not know', async () => {
    const db = await createEmptyDatabase();
    try {
      await runMigrations(db.url);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(
        `INSERT INTO migrations ("timestamp", name) VALUES (1999999999999, 'FromTheFuture1999999999999')`,
      );
      await c.end();
      await expect(runMigrations(db.url)).rejects.toThrow(/does not know \(FromTheFuture1999999999999\)/);
    } finally {
      await db.drop();
    }
  });

  it('stop before folding staff emails when two already differ only in letter case (0070), naming them', async () => {
    const db = await createEmptyDatabase();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await runMigrations(db.url);
      expect(await revertLastMigration(db.url)).toBe('OutcomeGroups1764201600074');
      expect(await revertLastMigration(db.url)).toBe('ReferralCreatedInMilliseconds1764201600073');
      expect(await revertLastMigration(db.url)).toBe('RepairNeverWaits1764201600072');
      expect(await revertLastMigration(db.url)).toBe('PeopleSearchFolded1764201600071');
      expect(await revertLastMigration(db.url)).toBe('StaffEmailFolded1764201600070');
      const [{ id: org }] = (
        await c.query(
          `INSERT INTO organisations (name, kind, locally_rooted) VALUES ('Case Org', 'OTHER', true) RETURNING id`,
        )
      ).rows;
      for (const email of ['σίσυφος@case.example.org', 'ΣΊΣΥΦΟΣ@case.example.org'])
        await c.query(
          `INSERT INTO staff (email, name, role, organisation_id, password_hash) VALUES ($1, 'N', 'KEY_WORKER', $2, 'x')`,
          [email, org],
        );
      await expect(runMigrations(db.url)).rejects.toThrow(
        /must be made distinct before this migration: (ΣΊΣΥΦΟΣ|σίσυφος)@case\.example\.org, (ΣΊΣΥΦΟΣ|σίσυφος)@case\.example\.org$/,
      );
      await c.query(
        `UPDATE staff SET email = 'sisyphus@case.example.org' WHERE email = 'σίσυφος@case.example.org'`,
      );
      expect(await runMigrations(db.url)).toEqual([
        'StaffEmailFolded1764201600070',
        'PeopleSearchFolded1764201600071',
        'RepairNeverWaits1764201600072',
        'ReferralCreatedInMilliseconds1764201600073',
        'OutcomeGroups1764201600074',
      ]);
    } finally {
      await c.end();
      await db.drop();
    }
  });
});
