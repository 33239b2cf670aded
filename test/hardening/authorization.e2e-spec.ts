import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ALL_ROLES, Role } from '#libs/common';
import { PUBLIC, WHO_MAY_CALL } from '../support/who-may-call.js';
import { callDocument } from '../support/schema-values.js';
import { startTestApp, type StaffFixture, type TestApp } from '../support/test-app.js';

describe('every operation makes an authorisation decision (CONTRACT.md sections 2 and 3)', () => {
  let t: TestApp;
  const staff = new Map<Role, StaffFixture>();
  const operations: { root: 'Query' | 'Mutation'; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const org = await t.fixtures.organisation();
    for (const role of ALL_ROLES) staff.set(role, await t.fixtures.staff(org, role));
    const { schema } = t.app.get(GraphQLSchemaHost);
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
      for (const name of Object.keys(type?.getFields() ?? {})) operations.push({ root, name });
    }
  });
  afterAll(() => t.close());

  it('the table covers every Query and Mutation field of the running schema', () => {
    expect(operations.length).toBeGreaterThan(0);
    const missing = operations.map((o) => `${o.root}.${o.name}`).filter((k) => !(k in WHO_MAY_CALL));
    expect(missing).toEqual([]);
  });

  it('without a token every operation but login is UNAUTHENTICATED, before anything else', async () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const seen: Record<string, string> = {};
    for (const { root, name } of operations) {
      const { query, variables } = callDocument(schema, root, name);
      const res = await t.gql(query, variables, null);
      seen[`${root}.${name}`] = res.errors?.[0]?.extensions.code ?? 'OK';
    }
    const expected = Object.fromEntries(
      Object.keys(seen).map((k) => [k, WHO_MAY_CALL[k] === PUBLIC ? seen[k] : 'UNAUTHENTICATED']),
    );
    expect(seen).toEqual(expected);
    // login is reachable without a token: unknown credentials are refused as a failed login.
    if ('Mutation.login' in seen) expect(seen['Mutation.login']).toBe('UNAUTHENTICATED');
  });

  it('with an invalid or expired-looking token every operation but login is UNAUTHENTICATED', async () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    for (const { root, name } of operations) {
      if (WHO_MAY_CALL[`${root}.${name}`] === PUBLIC) continue;
      const { query, variables } = callDocument(schema, root, name);
      const res = await t.gql(query, variables, 'v1.eyJzdWIiOiJ4In0.forged');
      expect({ op: name, code: res.errors?.[0]?.extensions.code }).toEqual({
        op: name,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('each role that may not use an operation gets FORBIDDEN, and nothing is written', async () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const counts = async () =>
      (
        await t.db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM services) + (SELECT count(*) FROM staff)
                + (SELECT count(*) FROM people) + (SELECT count(*) FROM consents) + (SELECT count(*) FROM referrals)
                + (SELECT count(*) FROM wellbeing_assessments) + (SELECT count(*) FROM outcomes) AS n`,
        )
      )[0].n;
    const before = await counts();
    let checked = 0;
    const wrong: string[] = [];
    for (const { root, name } of operations) {
      const allowed = WHO_MAY_CALL[`${root}.${name}`];
      if (allowed === PUBLIC || allowed === undefined) continue;
      for (const role of ALL_ROLES.filter((r) => !allowed.includes(r))) {
        const { query, variables } = callDocument(schema, root, name);
        const res = await t.gql(query, variables, staff.get(role)!.token);
        const code = res.errors?.[0]?.extensions.code ?? 'OK';
        if (code !== 'FORBIDDEN') wrong.push(`${root}.${name} as ${role}: ${code}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toBe(before);
    console.log(`authorisation: ${operations.length} operations, ${checked} refused role calls checked`);
  });
});
