import { Role, RequestContext } from '#libs/common';
import { DirectoryLoaders } from '#libs/directory';
import { startTestApp, type StaffFixture, type TestApp } from '../support/test-app.js';

const SERVICES_WITH_ORGS = `{ services { id organisation { id name services { id organisation { id } } } } }`;
const ORGS_WITH_SERVICES = `{ organisations { id services { id organisation { id name } } } }`;
const ME_DEEP = `{ me { id services { id organisation { id services { id } } } organisation { id services { id organisation { id } } } } }`;

describe('relation fields are batched per request (no N+1)', () => {
  let t: TestApp;
  let staff: StaffFixture;
  const orgs: string[] = [];
  const services: string[] = [];

  async function grow(serviceCount: number): Promise<void> {
    while (services.length < serviceCount) {
      if (services.length % 10 === 0) orgs.push(await t.fixtures.organisation());
      services.push(await t.fixtures.service(orgs[orgs.length - 1]));
    }
  }

  /** SQL statements one request costs (the request's own authentication included). */
  async function statements(query: string): Promise<{ count: number; data: any }> {
    const before = t.db.counter.count;
    const res = await t.gql(query, {}, staff.token);
    expect(res.errors).toBeUndefined();
    return { count: t.db.counter.count - before, data: res.data };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await grow(20);
    staff = await t.fixtures.staff(orgs[0], Role.KEY_WORKER, { serviceIds: services.slice(0, 10) });
  });
  afterAll(() => t.close());

  it('costs the same number of statements for 20 and for 200 services', async () => {
    const small = {
      services: await statements(SERVICES_WITH_ORGS),
      organisations: await statements(ORGS_WITH_SERVICES),
    };
    await grow(200);
    const large = {
      services: await statements(SERVICES_WITH_ORGS),
      organisations: await statements(ORGS_WITH_SERVICES),
    };
    expect(small.services.data.services).toHaveLength(20);
    expect(large.services.data.services).toHaveLength(200);
    expect(large.organisations.data.organisations).toHaveLength(20);
    expect(large.services.data.services[150].organisation.services).toHaveLength(10);
    // authentication + services + organisation loader + services-of-organisation loader
    expect(small.services.count).toBe(4);
    expect(large.services.count).toBe(small.services.count);
    // authentication + organisations + services-of-organisation loader + organisation loader
    expect(small.organisations.count).toBe(4);
    expect(large.organisations.count).toBe(small.organisations.count);
  });

  it('resolves a staff member with services and organisations in a constant number of statements', async () => {
    const { count, data } = await statements(ME_DEEP);
    expect(data.me.services).toHaveLength(10);
    expect(data.me.organisation.services).toHaveLength(10);
    // authentication + me + services of staff + organisation + services of organisation
    expect(count).toBe(5);
  });

  it('loads 200 staff members and their services with one statement each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      ids.push(
        (await t.fixtures.staff(orgs[i % orgs.length], Role.LINK_WORKER, { serviceIds: [services[i]] })).id,
      );
    }
    const loaders = t.app.get(DirectoryLoaders);
    const ctx = new RequestContext('test', '127.0.0.1');
    const before = t.db.counter.count;
    const [lists, people] = await Promise.all([
      Promise.all(ids.map((id) => loaders.servicesOfStaff(ctx).load(id))),
      Promise.all(ids.map((id) => loaders.staff(ctx).load(id))),
    ]);
    expect(t.db.counter.count - before).toBe(2);
    expect(lists.map((l) => l.map((s) => s.id))).toEqual(services.slice(0, 200).map((s) => [s]));
    expect(people.map((p) => p?.id)).toEqual(ids);
  });
});
