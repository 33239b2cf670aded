import { startTestApp, type TestApp } from '../support/test-app.js';
import { ok, Q, referAtoB, world, type World } from './world.js';

/**
 * Marking a referral ENTERED_IN_ERROR rebuilds its person's pathways, which locks the person; an
 * updatePerson locks the person and then (to copy the new groups) the person's referrals. Were the
 * referral locked first, the two would deadlock and PostgreSQL would end one of them after
 * deadlock_timeout (Db runs it again). The transition locks the person first, so they queue instead.
 *
 * Test-only triggers pin the race that deadlocks: the transition pauses while it holds the referral's
 * row (a transition into ENTERED_IN_ERROR, not the update's copy of the groups onto it), and the
 * update starts in that pause. Sequences (not rolled back with an attempt) count how many times each
 * ran.
 */
describe('marking a referral in error and updating its person at once', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
    await t.db.query(`CREATE SEQUENCE test_eie_attempts`);
    await t.db.query(`CREATE SEQUENCE test_person_update_attempts`);
    await t.db.query(`
      CREATE FUNCTION test_slow_eie() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'ENTERED_IN_ERROR' AND OLD.status <> 'ENTERED_IN_ERROR' THEN
          PERFORM nextval('test_eie_attempts');
          PERFORM pg_sleep(0.5);
        END IF;
        RETURN NEW;
      END $$`);
    // A BEFORE ROW UPDATE trigger runs once the row is locked.
    await t.db.query(`CREATE TRIGGER test_slow_eie BEFORE UPDATE ON referrals
      FOR EACH ROW EXECUTE FUNCTION test_slow_eie()`);
    await t.db.query(`
      CREATE FUNCTION test_count_person_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('test_person_update_attempts');
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER test_count_person_update BEFORE UPDATE ON people
      FOR EACH ROW EXECUTE FUNCTION test_count_person_update()`);
  });
  afterAll(() => t.close());

  const attempts = async (sequence: string) =>
    Number(
      (await t.db.one<{ n: string }>(
        `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${sequence}`,
      ))!.n,
    );

  async function untilPausedInTransition(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const paused = await t.db.query(
        `SELECT 1 FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()`,
      );
      if (paused.length) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the transition never reached the pause');
  }

  it.each([
    ['by the referrer who made it', (w: World) => w.a.worker.token],
    ["by the receiver's SERVICE_MANAGER", (w: World) => w.b.manager.token],
  ])('%s: both succeed, each run once, without a deadlock', async (_label, tokenOf) => {
    const { id, personId } = await referAtoB(t, w);
    const eieBefore = await attempts('test_eie_attempts');
    const updatesBefore = await attempts('test_person_update_attempts');

    const marking = t.gql(
      Q.transition,
      { input: { referralId: id, to: 'ENTERED_IN_ERROR', reason: 'DUPLICATE', expectedVersion: 1 } },
      tokenOf(w),
    );
    await untilPausedInTransition();
    const updating = t.gql(
      Q.update,
      { id: personId, input: { equality: { gender: 'female' } } },
      w.a.worker.token,
    );
    const [marked, updated] = await Promise.all([marking, updating]);

    expect(ok(marked, 'transitionReferral')).toMatchObject({ status: 'ENTERED_IN_ERROR', version: 2 });
    expect(ok(updated, 'updatePerson').equality.gender).toBe('female');
    expect((await attempts('test_eie_attempts')) - eieBefore).toBe(1);
    expect((await attempts('test_person_update_attempts')) - updatesBefore).toBe(1);
    // The update waited for the transition, so the referral carries the person's new groups.
    expect(await t.db.one('SELECT status, person_gender FROM referrals WHERE id = $1', [id])).toEqual({
      status: 'ENTERED_IN_ERROR',
      person_gender: 'female',
    });
  });
});
