import { getNamedType, isObjectType, parse } from 'graphql';
import { Role } from '#libs/common';
import { DEMO_PASSWORD, seedDemoOnStart, SHOWCASE_PERSON_ID } from '#libs/demo';
import { hashPassword } from '#libs/directory';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DEFAULT_COST_LIMIT, queryCost } from '../../apps/api/src/graphql/limits/query-cost.js';
import { QUERY_LIMITS } from '../../apps/api/src/graphql/limits/query-limits.js';
import {
  contractSchema,
  largestOperation,
  largestSelection,
  maxContractCost,
} from '../support/contract-operations.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A selection `depth` field levels deep from the root, along a path on which no list field appears
 * twice up to depth 10 (referrals, their history's staff, their services' organisations): the
 * deepest the contract promises to run. `from` levels are left out at the top (for fragments).
 */
const LEVELS = [
  'referrals(first: 1)',
  'edges',
  'node',
  'history',
  'by',
  'services',
  'organisation',
  'services',
  'organisation',
  'services',
];
const nest = (depth: number, from = 0): string =>
  LEVELS.slice(from, depth - 1).reduceRight((inner, field) => `${field} { ${inner} }`, 'id');

describe('GraphQL abuse limits (CONTRACT.md section 10)', () => {
  let t: TestApp;
  let token: string;
  let worker: string;
  beforeAll(async () => {
    t = await startTestApp();
    const org = await t.fixtures.organisation();
    token = (await t.fixtures.staff(org, Role.ADMIN)).token;
    worker = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
  });
  afterAll(() => t.close());

  const expectTooComplex = (res: Awaited<ReturnType<TestApp['gql']>>) => {
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].message).toMatch(/^The query is too complex: /);
  };

  it('accepts depth 10 and refuses depth 11, before execution', async () => {
    const ten = await t.gql(`{ ${nest(10)} }`, {}, worker);
    expect(ten.errors).toBeUndefined();
    const before = t.db.counter.count;
    const deep = await t.gql(`{ ${nest(11)} }`, {}, worker);
    expectTooComplex(deep);
    expect(deep.errors![0].message).toContain('depth limit of 10');
    expect(t.db.counter.count).toBe(before); // nothing ran, not even authentication
  });

  it('counts depth through fragments', async () => {
    const res = await t.gql(
      `query { referrals(first: 1) { ...A } } fragment A on ReferralConnection { ${nest(11, 1)} }`,
      {},
      worker,
    );
    expectTooComplex(res);
    expect(res.errors![0].message).toContain('depth limit of 10');
  });

  it('counts field levels only: fragments, spread or inline, add none', async () => {
    const spreads = (depth: number) =>
      t.gql(
        `query { referrals(first: 1) { ...A } } fragment A on ReferralConnection { ...B } fragment B on ReferralConnection { ${nest(depth, 1)} }`,
        {},
        worker,
      );
    expect((await spreads(10)).errors).toBeUndefined();
    const inline = await t.gql(
      `{ referrals(first: 1) { ... on ReferralConnection { ... { ${nest(10, 1)} } } } }`,
      {},
      worker,
    );
    expect(inline.errors).toBeUndefined();
    expectTooComplex(await spreads(11));
  });

  it('counts aliases of __typename like any other', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await t.gql(`{ ${aliases(15)} }`, {}, token)).errors).toBeUndefined();
    const res = await t.gql(`{ ${aliases(16)} }`, {}, token);
    expectTooComplex(res);
    expect(res.errors![0].message).toContain('Aliases limit of 15');
  });

  it('accepts 15 aliases and refuses 16', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: organisations { id }`).join(' ');
    expect((await t.gql(`{ ${aliases(15)} }`, {}, token)).errors).toBeUndefined();
    const res = await t.gql(`{ ${aliases(16)} }`, {}, token);
    expectTooComplex(res);
    expect(res.errors![0].message).toContain('Aliases limit of 15');
  });

  it('refuses too many directives', async () => {
    const spreads = (n: number) => Array.from({ length: n }, () => '... @include(if: true) { id }').join(' ');
    expect(
      (await t.gql(`{ organisations { ${spreads(QUERY_LIMITS.maxDirectives)} } }`, {}, token)).errors,
    ).toBeUndefined();
    const res = await t.gql(`{ organisations { ${spreads(QUERY_LIMITS.maxDirectives + 1)} } }`, {}, token);
    expectTooComplex(res);
    expect(res.errors![0].message).toContain('Directives limit of 20');
  });

  it('refuses a field asked for hundreds of times in one selection (graphql-js gives up checking it)', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => 'id').join(' ');
    // Well under the token limit either way.
    const fine = await t.gql(`{ me { ${fields(300)} } }`, {}, token);
    expect(fine.errors).toBeUndefined();
    const res = await t.gql(`{ me { ${fields(1500)} } }`, {}, token);
    expectTooComplex(res);
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toBe(
      'The query is too complex: too many fields to check; ask for each field once in each selection.',
    );
  });

  it('refuses too many tokens while parsing', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'id').join(' ');
    const res = await t.gql(`{ organisations { ${fields} } }`, {}, token);
    expectTooComplex(res);
    expect(res.errors![0].message).toContain(`more than ${QUERY_LIMITS.maxTokens} tokens`);
  });

  it('refuses a nested list-in-list abuse over the cost limit ', async () => {
    // Depth 10 only, but every list level multiplies (200 × 10 × 50 × 20 × 20 × 20), twice over.
    const before = t.db.counter.count;
    const copies = ['a', 'b']
      .map(
        (a) =>
          `${a}: searchPeople(text: "ab", first: 200) { consents { organisations { services { organisation { services { organisation { services { id } } } } } } } }`,
      )
      .join(' ');
    const res = await t.gql(`query { ${copies} }`, {}, token);
    expectTooComplex(res);
    expect(res.errors![0].message).toMatch(/cost limit of \d+ exceeded, found \d+/);
    // A refused document, as with the other limits: 400, not a server failure.
    expect(res.status).toBe(400);
    expect(Object.keys(res.errors![0].extensions)).toEqual(['code']);
    expect(t.db.counter.count).toBe(before);
  });

  it('costs a field written twice without an alias, or through overlapping fragments, once: it runs once', async () => {
    const list = `searchPeople(text: "ab", first: 200) { consents { organisations { services { organisation { services { organisation { services { id } } } } } } } }`;
    // Under the cost limit once merged; refused, before it runs, only because it nests a list field
    // in itself and its answer could hold too many list items.
    const underCostLimit = (res: Awaited<ReturnType<TestApp['gql']>>) => {
      expectTooComplex(res);
      expect(res.errors![0].message).toContain('nests a list in itself');
    };
    underCostLimit(await t.gql(`{ ${list} ${list} }`, {}, token));
    underCostLimit(
      await t.gql(`{ ...A ...B } fragment A on Query { ${list} } fragment B on Query { ${list} }`, {}, token),
    );
    // Aliased, the two copies both run, and are over the limit.
    const aliased = await t.gql(`{ a: ${list} b: ${list} }`, {}, token);
    expectTooComplex(aliased);
    expect(aliased.errors![0].message).toMatch(/cost limit of \d+ exceeded/);
  });

  it('multiplies by first given in a variable, and refuses a person-data list-in-list abuse', async () => {
    const list = `searchPeople(text: "ab", first: $n) { consents { organisations { services { organisation { services { organisation { services { id } } } } } } } }`;
    const abuse = `query($n: Int) { a: ${list} b: ${list} }`;
    const before = t.db.counter.count;
    expectTooComplex(await t.gql(abuse, { n: 200 }, token));
    expect(t.db.counter.count).toBe(before);
    // The same shape for a single result is under the cost limit (refused for the list items its
    // answer could hold, the last of the limits before it runs).
    const one = await t.gql(abuse, { n: 1 }, token);
    expect(one.errors![0].message).not.toMatch(/cost limit/);
    expect(one.errors![0].message).toContain('nests a list in itself');
  });

  it('introspection (__schema, __type) is exempt from depth and cost', async () => {
    let typeRef = 'name';
    for (let i = 0; i < 12; i++) typeRef = `name kind ofType { ${typeRef} }`;
    const res = await t.gql(
      `{ __schema { types { name fields { name type { ${typeRef} } } } } __type(name: "Query") { fields { type { ${typeRef} } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.types.length).toBeGreaterThan(5);
  });

  it('exempts introspection from depth in a fragment spread at the root too, and still counts the rest', async () => {
    let typeRef = 'name';
    for (let i = 0; i < 14; i++) typeRef = `name ofType { ${typeRef} }`;
    const deep = `__type(name: "Referral") { fields { type { ${typeRef} } } }`;
    const viaFragment = await t.gql(`{ ...I } fragment I on Query { ${deep} }`, {}, token);
    expect(viaFragment.errors).toBeUndefined();
    expect(viaFragment.data.__type.fields.length).toBeGreaterThan(5);
    const nested = await t.gql(
      `{ ...I } fragment I on Query { ...J } fragment J on Query { ${deep} }`,
      {},
      token,
    );
    expect(nested.errors).toBeUndefined();
    // The same fragment holding a field 11 levels deep is still refused.
    expectTooComplex(await t.gql(`{ ...I } fragment I on Query { ${deep} ${nest(11)} }`, {}, worker));
  });

  it('accepts the widest journey the contract promises, 16 times (15 aliases), written with a fragment', async () => {
    const { query } = largestSelection(contractSchema(), 'Query', 'journey', 10, 'lists');
    const head = 'journey(personId: $personId) { ';
    const body = query.slice(query.indexOf(head) + head.length, query.lastIndexOf(' } }'));
    const copies = Array.from(
      { length: 16 },
      (_, i) => `${i ? `j${i}: ` : ''}journey(personId: $personId) { ...J }`,
    );
    const doc = `query($personId: ID!) { ${copies.join(' ')} } fragment J on Journey { ${body} }`;
    const worker = (await t.fixtures.staff(await t.fixtures.organisation(), Role.KEY_WORKER)).token;
    // Nobody's journey (NOT_FOUND): the document passed every limit before it ran.
    const res = await t.gql(doc, { personId: '00000000-0000-4000-8000-000000000000' }, worker);
    expect(res.errors!.map((e) => e.extensions.code)).toEqual(Array(16).fill('NOT_FOUND'));
  });

  it('refuses a batched HTTP request (an array of operations)', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body ?? res.text)).not.toMatch(/\bat .+:\d+:\d+|node_modules|stack/);
  });
});

describe('the default list-item budget', () => {
  let t: TestApp;
  let token: string;
  afterAll(() => t.close());

  it('is 20,000: an answer of 22,500 items is refused, so no caller can make the API serialise megabytes', async () => {
    t = await startTestApp();
    const org = await t.fixtures.organisation();
    for (let i = 0; i < 150; i++) await t.fixtures.service(org);
    token = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
    const res = await t.gql('{ services { organisation { services { id } } } }', {}, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0].message).toContain('more than 20,000 list items');
    expect((await t.gql('{ services { id organisation { id } } }', {}, token)).errors).toBeUndefined();
  });

  it('refuses a page of referrals nesting a list in itself before it runs: no read, no audit event', async () => {
    const before = t.db.counter.count;
    const res = await t.gql(
      '{ referrals(first: 200) { edges { node { person { consents { organisations { services { organisation { services { id } } } } } } } } } }',
      {},
      token,
    );
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0].message).toBe(
      'The query is too complex: it nests a list in itself, and its answer could hold more than 20,000 list items; nest fewer lists.',
    );
    expect(res.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(res.data ?? null).toBeNull();
    // Not even the caller was looked up, so no referral was read and no audit event written.
    expect(t.db.counter.count).toBe(before);
  });
});

describe('the most list items one answer may hold (GRAPHQL_MAX_LIST_ITEMS)', () => {
  let t: TestApp;
  let token: string;
  let admin: string;
  const services: string[] = [];
  beforeAll(async () => {
    // 60 services in one organisation: more than the data are expected to hold (50), three times
    // what the cost model expects of one.
    t = await startTestApp({ GRAPHQL_MAX_LIST_ITEMS: '6000' });
    const org = await t.fixtures.organisation();
    for (let i = 0; i < 60; i++) services.push(await t.fixtures.service(org));
    token = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
    admin = (await t.fixtures.staff(org, Role.ADMIN)).token;
  });
  afterAll(() => t.close());

  it('answers within the budget as usual', async () => {
    const res = await t.gql('{ services { id organisation { services { id } } } }', {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.services.length).toBeGreaterThanOrEqual(60);
  });

  it('refuses an answer past it, whole, as QUERY_TOO_COMPLEX, though the document is under the cost limit', async () => {
    // 2 × (60 + 60 × 60) = 7,320 list items.
    const doc = `{ a: services { id organisation { services { id } } } b: services { id organisation { services { id } } } }`;
    const res = await t.gql(doc, {}, token);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(res.errors![0].message).toBe(
      'The query is too complex: the answer would hold more than 6,000 list items; nest fewer lists.',
    );
    expect(res.data).toBeNull();
    // The next request has a budget of its own.
    expect((await t.gql('{ services { id } }', {}, token)).errors).toBeUndefined();
  });

  it("counts a consent's organisations before reading them: refused in a query, never in a mutation's answer", async () => {
    // A person with 200 consents, each covering the 60-service organisation and 30 others: 6,200
    // organisations in their consents, past the budget of 6,000.
    const org = await t.fixtures.organisation();
    for (let i = 0; i < 30; i++) await t.fixtures.organisation();
    const worker = await t.fixtures.staff(org, Role.KEY_WORKER);
    const person = await t.gql(
      `mutation { registerPerson(input: { givenName: "Many", familyName: "Consents" }) { id } }`,
      {},
      worker.token,
    );
    const personId = person.data.registerPerson.id as string;
    const consent = await t.gql(
      `mutation($p: ID!) { recordConsent(input: { personId: $p, purpose: JOURNEY_SHARING }) { id organisations { id } } }`,
      { p: personId },
      worker.token,
    );
    expect(consent.errors).toBeUndefined();
    const covered = consent.data.recordConsent.organisations.length as number;
    expect(covered).toBeGreaterThanOrEqual(31);
    await t.db.query(
      `INSERT INTO consents (person_id, purpose, organisation_ids, given_by, recorded_by_staff_id, recorded_by_organisation_id)
       SELECT person_id, purpose, organisation_ids, given_by, recorded_by_staff_id, recorded_by_organisation_id
         FROM consents, generate_series(1, 199) WHERE id = $1`,
      [consent.data.recordConsent.id],
    );
    const read = await t.gql(
      `query($p: ID!) { person(id: $p) { consents { organisations { id } } } }`,
      { p: personId },
      worker.token,
    );
    expect(read.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(read.data).toBeNull();
    // The same selection under a mutation: its change is made, and its answer is given whole.
    const changed = await t.gql(
      `mutation($p: ID!) { updatePerson(id: $p, input: { ward: "Park" }) { ward consents { organisations { id } } } }`,
      { p: personId },
      worker.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updatePerson.consents).toHaveLength(200);
    expect(changed.data.updatePerson.consents[199].organisations).toHaveLength(covered);
  });

  it('runs a document nesting a list in itself whose answer could hold no more than the budget, and bounds it while it runs', async () => {
    // At most 50 + 50 × 50 = 2,550 list items with the data at their expected sizes: it runs. Its
    // organisation holds 60 services: 60 + 60 × 60 = 3,660, within the budget, answered.
    const one = 'me { organisation { services { id organisation { services { id } } } } }';
    const res = await t.gql(`{ ${one} }`, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.organisation.services[59].organisation.services).toHaveLength(60);
    // Twice (5,100 at the expected sizes, so it runs): 7,320, past the budget while it runs.
    const twice = await t.gql(`{ ${one} again: ${one} }`, {}, token);
    expect(twice.status).toBe(200);
    expect(twice.errors![0].message).toBe(
      'The query is too complex: the answer would hold more than 6,000 list items; nest fewer lists.',
    );
    expect(twice.data).toBeNull();
  });

  it('refuses a document nesting a list in itself whose answer could hold more, before it runs, mutations alike', async () => {
    const before = t.db.counter.count;
    // 100 + 100 × 50 + 100 × 50 × 50 = 255,100 list items at the expected sizes.
    const query = await t.gql(
      '{ organisations { services { organisation { services { id } } } } }',
      {},
      token,
    );
    expect(query.status).toBe(400);
    expect(query.errors![0].message).toBe(
      'The query is too complex: it nests a list in itself, and its answer could hold more than 6,000 list items; nest fewer lists.',
    );
    const mutation = await t.gql(
      `mutation($a: ID!) { setServiceCapacity(serviceId: $a, capacity: CLOSED) {
        organisation { services { organisation { services { organisation { services { id } } } } } } } }`,
      { a: services[2] },
      admin,
    );
    expect(mutation.status).toBe(400);
    expect(errorCode(mutation)).toBe('QUERY_TOO_COMPLEX');
    expect(mutation.data ?? null).toBeNull();
    // Nothing ran: the service is as it was.
    expect(t.db.counter.count).toBe(before);
    const [row] = await t.db.query<{ capacity: string }>('SELECT capacity FROM services WHERE id = $1', [
      services[2],
    ]);
    expect(row.capacity).toBe('OPEN');
  });

  it("never refuses a mutation's answer once its change is made: both changes stand, both answered", async () => {
    // Each answer could hold 50 + 50 × 50 = 2,550 list items at the expected sizes (5,100 in all,
    // within the budget: it runs), and holds 60 + 60 × 60 = 3,660; the two together are past 6,000.
    const answer = 'id capacity organisation { services { id organisation { services { id } } } }';
    const res = await t.gql(
      `mutation($a: ID!, $b: ID!) {
        a: setServiceCapacity(serviceId: $a, capacity: CLOSED) { ${answer} }
        b: setServiceCapacity(serviceId: $b, capacity: WAITLIST) { ${answer} }
      }`,
      { a: services[0], b: services[1] },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect([res.data.a.capacity, res.data.b.capacity]).toEqual(['CLOSED', 'WAITLIST']);
    expect(res.data.b.organisation.services).toHaveLength(60);
    const rows = await t.db.query<{ capacity: string }>(
      'SELECT capacity FROM services WHERE id = ANY($1::uuid[]) ORDER BY capacity',
      [[services[0], services[1]]],
    );
    expect(rows.map((r) => r.capacity)).toEqual(['CLOSED', 'WAITLIST']);
  });
});

describe('which answers the list-item budget bounds', () => {
  let t: TestApp;
  let org: string;
  let token: string;
  const contractShaped = '{ services { id organisation { services { id } } } }';
  beforeAll(async () => {
    // 10 services in one organisation: within what the data are expected to hold (50).
    t = await startTestApp({ GRAPHQL_MAX_LIST_ITEMS: '50' });
    org = await t.fixtures.organisation();
    for (let i = 0; i < 10; i++) await t.fixtures.service(org);
    token = (await t.fixtures.staff(org, Role.KEY_WORKER)).token;
  });
  afterAll(() => t.close());

  it('not the answer of an operation the contract promises to run, while its data keep to the expected sizes', async () => {
    // 10 + 10 × 10 = 110 list items, past the budget of 50.
    const res = await t.gql(contractShaped, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.services).toHaveLength(10);
    expect(res.data.services[9].organisation.services).toHaveLength(10);
  });

  it('always the answer of a document that nests a list field in itself (here refused before it runs)', async () => {
    const res = await t.gql(
      '{ services { organisation { services { organisation { services { id } } } } } }',
      {},
      token,
    );
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
  });

  it('the answer of any document once a list in it is longer than the data are expected to hold', async () => {
    for (let i = 0; i < 41; i++) await t.fixtures.service(org);
    const res = await t.gql(contractShaped, {}, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.data).toBeNull();
  });
});

describe('the cost limit fits every reasonable operation of the contract', () => {
  const schema = contractSchema();

  it('the most expensive operation the contract allows (no list twice along a path, first ≤ 200, depth ≤ 10) stays under the limit', () => {
    const costs = maxContractCost(schema);
    expect(costs.length).toBe(Object.keys(schema.getQueryType()!.getFields()).length);
    for (const { field, cost } of costs) {
      expect({ field, under: cost <= DEFAULT_COST_LIMIT }).toEqual({ field, under: true });
    }
    const worst = costs.reduce((a, b) => (b.cost > a.cost ? b : a));
    console.log(`highest contract cost: ${worst.field} ${worst.cost} (limit ${DEFAULT_COST_LIMIT})`);
  });

  it.each(['Query', 'Mutation'] as const)(
    'one operation asking for every %s field at its most expensive, the dearest 16 times (15 aliases), stays under the limit',
    (root) => {
      const costs = maxContractCost(schema, 10, root);
      const dearest = Math.max(...costs.map((c) => c.cost));
      const total = costs.reduce((sum, c) => sum + c.cost, 0) + QUERY_LIMITS.maxAliases * dearest;
      expect(total).toBeLessThanOrEqual(DEFAULT_COST_LIMIT);
      // Not a vacuous check: the whole is larger than its most expensive part.
      expect(total).toBeGreaterThan(16 * dearest);
    },
  );

  it.each(Object.keys(contractSchema().getQueryType()!.getFields()))(
    'the largest selection of Query.%s with first: 200 costs less than the limit',
    (field) => {
      const { query, variableNames } = largestSelection(schema, 'Query', field);
      const vars = Object.fromEntries(variableNames.map((v) => [v, v === 'text' ? 'ab' : placeholder(v)]));
      expect(queryCost(schema, parse(query), vars, undefined, 1e7)).toBeLessThanOrEqual(DEFAULT_COST_LIMIT);
    },
  );

  it('a nested list-in-list abuse of the contract, aliased, is over the limit', () => {
    const abuse = `searchPeople(text: "ab", first: 200) { consents { organisations { services { organisation { services { organisation { services { id } } } } } } } }`;
    const aliased = Array.from({ length: 3 }, (_, i) => `a${i}: ${abuse}`).join(' ');
    expect(queryCost(schema, parse(`{ ${aliased} }`))).toBeGreaterThan(DEFAULT_COST_LIMIT);
  });
});

/** A value for a variable of a field's argument; `organisationId` (staff) names the caller's own. */
function placeholder(name: string, organisationId = '00000000-0000-4000-8000-000000000000'): string {
  if (name === 'by') return 'ROUTE';
  if (name === 'instrument') return 'SWEMWBS';
  if (name === 'organisationId') return organisationId;
  return '00000000-0000-4000-8000-000000000000';
}

describe('the running server accepts the largest selection of every Query field it has', () => {
  let t: TestApp;
  let token: string;
  let org: string;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.fixtures.organisation();
    token = (await t.fixtures.staff(org, Role.ADMIN)).token;
  });
  afterAll(() => t.close());

  it('never answers QUERY_TOO_COMPLEX for them', async () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      const { query, variableNames } = largestSelection(schema, 'Query', field);
      const vars = Object.fromEntries(
        variableNames.map((v) => [v, v === 'text' ? 'ab' : placeholder(v, org)]),
      );
      const res = await t.gql(query, vars, token);
      const codes = (res.errors ?? []).map((e) => e.extensions.code);
      expect({ field, codes }).toEqual({
        field,
        codes: codes.filter((c) => c !== 'QUERY_TOO_COMPLEX' && c !== 'GRAPHQL_VALIDATION_FAILED'),
      });
    }
    expect(isObjectType(getNamedType(schema.getQueryType()!.getFields()[fields[0]].type)) || true).toBe(true);
  });

  it('accepts one operation holding the largest selection of every Query field', async () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const { query, variableNames } = largestOperation(schema, 'Query');
    const vars = Object.fromEntries(variableNames.map((v) => [v, v === 'text' ? 'ab' : placeholder(v, org)]));
    const res = await t.gql(query, vars, token);
    const codes = (res.errors ?? []).map((e) => e.extensions.code);
    // It was executed: the only errors are the resolvers' own refusals of person-level data to an
    // administrator (journey and referrals are non-null, so they null the whole answer).
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['FORBIDDEN']));
    expect(res.errors!.every((e) => Array.isArray(e.path))).toBe(true);
  });
});

/** How many list items an answer holds (every element of every list in it). */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, v) => n + listItems(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + listItems(v), 0);
  return 0;
}

describe('on the demo partnership, the widest operation the contract promises to run is answered, for each Query field', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let referralId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoOnStart(t.db, 'requested', async () => ({
      passwordHash: await hashPassword(DEMO_PASSWORD),
    }));
    for (const email of [
      'family.support@trust.calderbrook.example',
      'commissioner@calderbrook.example',
      'admin@calderbrook.example',
    ]) {
      const res = await t.gql(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: email, p: DEMO_PASSWORD },
      );
      tokens.set(email.split('@')[0], res.data.login.token);
    }
    referralId = (await t.db.one<{ id: string }>(
      'SELECT id FROM referrals WHERE person_id = $1 ORDER BY created_at LIMIT 1',
      [SHOWCASE_PERSON_ID],
    ))!.id;
  });
  afterAll(() => t.close());

  const ANALYTICS = new Set([
    'referralFlows',
    'referralFunnel',
    'pathways',
    'wellbeingChange',
    'outcomeSummary',
  ]);
  const values: Record<string, () => unknown> = {
    id: () => referralId,
    personId: () => SHOWCASE_PERSON_ID,
    text: () => 'an',
    by: () => 'CATEGORY',
    instrument: () => 'SWEMWBS',
  };

  it.each(Object.keys(contractSchema().getQueryType()!.getFields()))(
    'Query.%s with every field, no list field twice along a path, depth 10 and first: 200',
    async (field) => {
      const { query, variableNames } = largestSelection(contractSchema(), 'Query', field, 10, 'lists');
      const as = ANALYTICS.has(field) ? 'commissioner' : field === 'auditEvents' ? 'admin' : 'family.support';
      const vars = Object.fromEntries(
        variableNames.map((v) => [v, v === 'id' && field === 'person' ? SHOWCASE_PERSON_ID : values[v]()]),
      );
      const res = await t.gql(query, vars, tokens.get(as));
      expect(res.errors).toBeUndefined();
      if (field === 'referrals') {
        // Not a vacuous check: the answer is past the list-item budget, every list within its bound.
        expect(listItems(res.data)).toBeGreaterThan(20_000);
      }
    },
  );
});
