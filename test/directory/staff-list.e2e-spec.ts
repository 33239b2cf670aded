import { Role } from '#libs/common';
import { errorCode, type StaffFixture, startTestApp, type TestApp } from '../support/test-app.js';

const STAFF = `query($org: ID!) { staff(organisationId: $org) { id name role active email organisation { id } } }`;
const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setStaffActive(staffId: $id, active: $active) { id active } }`;
const UNKNOWN_ID = '0b7a6c1e-5d2f-4c3b-9a8e-7f6d5c4b3a21';

/**
 * staff(organisationId): how whoever manages an organisation's staff (CONTRACT.md section 3:
 * createStaff, setStaffActive) finds the one to deactivate, with the same authority.
 */
describe("an organisation's staff (Query.staff)", () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let admin: StaffFixture;
  let managerA: StaffFixture;
  let managerB: StaffFixture;
  let worker: StaffFixture;
  let commissioner: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp();
    const adminOrg = await t.fixtures.organisation({ name: 'Partnership administration', kind: 'OTHER' });
    orgA = await t.fixtures.organisation({ name: 'Calder Family Trust' });
    orgB = await t.fixtures.organisation({ name: 'Halifax Learning' });
    admin = await t.fixtures.staff(adminOrg, Role.ADMIN);
    managerA = await t.fixtures.staff(orgA, Role.SERVICE_MANAGER, { name: 'Helen Sutcliffe' });
    managerB = await t.fixtures.staff(orgB, Role.SERVICE_MANAGER, { name: 'Fiona Marsden' });
    worker = await t.fixtures.staff(orgA, Role.KEY_WORKER, { name: 'imran Hussain' });
    commissioner = await t.fixtures.staff(orgA, Role.COMMISSIONER, { name: 'Gareth Lumb' });
    await t.fixtures.staff(orgA, Role.LINK_WORKER, { name: 'Bethany Crowther', active: false });
  });
  afterAll(() => t.close());

  const list = async (org: string, token: string) => {
    const res = await t.gql(STAFF, { org }, token);
    expect(res.errors).toBeUndefined();
    return res.data.staff as { id: string; name: string; role: string; active: boolean }[];
  };

  it("gives an administrator any organisation's staff, deactivated ones too, alphabetically, case and accents aside", async () => {
    await t.fixtures.staff(orgA, Role.KEY_WORKER, { name: 'Julie Pickles' });
    await t.fixtures.staff(orgA, Role.KEY_WORKER, { name: 'Émile Roberts' });
    const staff = await list(orgA, admin.token);
    expect(staff.map((s) => [s.name, s.role, s.active])).toEqual([
      ['Bethany Crowther', 'LINK_WORKER', false],
      ['Émile Roberts', 'KEY_WORKER', true],
      ['Gareth Lumb', 'COMMISSIONER', true],
      ['Helen Sutcliffe', 'SERVICE_MANAGER', true],
      ['imran Hussain', 'KEY_WORKER', true],
      ['Julie Pickles', 'KEY_WORKER', true],
    ]);
    expect((await list(orgB, admin.token)).map((s) => s.id)).toEqual([managerB.id]);
  });

  it("gives a service manager their own organisation's staff, and another's is FORBIDDEN", async () => {
    expect((await list(orgA, managerA.token)).map((s) => s.name)).toContain('imran Hussain');
    expect(errorCode(await t.gql(STAFF, { org: orgB }, managerA.token))).toBe('FORBIDDEN');
    // Whether another organisation exists is not the manager's to learn.
    expect(errorCode(await t.gql(STAFF, { org: UNKNOWN_ID }, managerA.token))).toBe('FORBIDDEN');
  });

  it('is FORBIDDEN for frontline roles and the commissioner, UNAUTHENTICATED without a token', async () => {
    expect(errorCode(await t.gql(STAFF, { org: orgA }, worker.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(STAFF, { org: orgA }, commissioner.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(STAFF, { org: orgA }))).toBe('UNAUTHENTICATED');
  });

  it('is NOT_FOUND for an organisation that does not exist', async () => {
    for (const org of [UNKNOWN_ID, 'not-an-id'])
      expect(errorCode(await t.gql(STAFF, { org }, admin.token))).toBe('NOT_FOUND');
  });

  it('shows a deactivation at once: a manager finds the leaver and deactivates them', async () => {
    const leaver = (await list(orgA, managerA.token)).find((s) => s.name === 'imran Hussain')!;
    const res = await t.gql(SET_ACTIVE, { id: leaver.id, active: false }, managerA.token);
    expect(res.data.setStaffActive).toEqual({ id: leaver.id, active: false });
    expect((await list(orgA, managerA.token)).find((s) => s.id === leaver.id)!.active).toBe(false);
    expect(errorCode(await t.gql(STAFF, { org: orgA }, worker.token))).toBe('UNAUTHENTICATED');
  });
});
