import fc from 'fast-check';
import { getNamedType, type GraphQLField, type GraphQLSchema, isObjectType } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ALL_ROLES, Role } from '#libs/common';
import { inputArb } from '../support/fuzz-values.js';
import { startTestApp, type StaffFixture, type TestApp } from '../support/test-app.js';
import { actingRole } from '../support/who-may-call.js';

/** What a client may be answered (CONTRACT.md section 2) — never INTERNAL_SERVER_ERROR. */
const ALLOWED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'CONSENT_REQUIRED',
  'SERVICE_CLOSED',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

/** Rows a successful call of each creating mutation adds (checked after the fuzzing: nothing half-written). */
const CREATES: Record<string, string> = {
  createOrganisation: 'organisations',
  createService: 'services',
  createStaff: 'staff',
  registerPerson: 'people',
  recordConsent: 'consents',
  makeReferral: 'referrals',
  recordWellbeing: 'wellbeing_assessments',
  recordOutcome: 'outcomes',
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  const fields = named.getFields();
  if ('id' in fields) return ' { id }';
  if ('token' in fields) return ' { token }';
  return ' { __typename }';
}

describe('property-based fuzzing of every operation’s input through HTTP (fast-check)', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const staff = new Map<Role, StaffFixture>();
  /** Known ids by kind; an argument draws from the kind its name suggests (and sometimes any). */
  const pools: Record<string, string[]> = {
    organisation: [],
    service: [],
    staff: [],
    person: [],
    consent: [],
    referral: [],
  };
  const kindOf = (argName: string): string | null => {
    const n = argName.toLowerCase();
    if (n.includes('organisation')) return 'organisation';
    if (n.includes('service')) return 'service';
    if (n.includes('staff')) return 'staff';
    if (n.includes('person') || n === 'id') return 'person';
    if (n.includes('consent')) return 'consent';
    if (n.includes('referral')) return 'referral';
    return null;
  };
  const ids = (argName: string) => {
    const kind = kindOf(argName);
    const pool = kind ? pools[kind] : [];
    return pool.length ? pool : Object.values(pools).flat();
  };
  const RESULT_KIND: Record<string, string> = {
    createOrganisation: 'organisation',
    createService: 'service',
    createStaff: 'staff',
    registerPerson: 'person',
    recordConsent: 'consent',
    makeReferral: 'referral',
  };
  let totalCases = 0;
  const outcomes: Record<string, Record<string, number>> = {};
  const created: Record<string, Set<string>> = {};
  const rowsBefore: Record<string, number> = {};
  const successes: Record<string, number> = {};

  const count = async (table: string) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
    const orgA = await t.fixtures.organisation();
    const orgB = await t.fixtures.organisation();
    const a1 = await t.fixtures.service(orgA, { category: 'ESOL' });
    const a2 = await t.fixtures.service(orgA, { category: 'FAMILY_SUPPORT', capacity: 'WAITLIST' });
    const b1 = await t.fixtures.service(orgB, { category: 'VOLUNTEERING' });
    const b2 = await t.fixtures.service(orgB, { category: 'HOUSING', capacity: 'CLOSED' });
    // The acting staff are kept out of the pools, so fuzzing setStaffActive cannot lock them out.
    for (const role of ALL_ROLES) staff.set(role, await t.fixtures.staff(orgA, role, { serviceIds: [a1] }));
    pools.staff.push(
      (await t.fixtures.staff(orgA, Role.KEY_WORKER)).id,
      (await t.fixtures.staff(orgB, Role.LINK_WORKER)).id,
    );
    pools.organisation.push(orgA, orgB);
    pools.service.push(a1, a2, b1, b2);
    const kw = staff.get(Role.KEY_WORKER)!;
    const person = await t.db.one<{ id: string }>(
      `INSERT INTO people (given_name, family_name, registered_by_organisation_id, registered_by_staff_id)
       VALUES ('Fuzz', 'Person', $1, $2) RETURNING id`,
      [orgA, kw.id],
    );
    pools.person.push(person!.id);
    for (const table of new Set(Object.values(CREATES))) rowsBefore[table] = await count(table);
    rowsBefore.referral_events = await count('referral_events');
    rowsBefore.audit_events = Number(
      (await t.db.query<{ n: string }>(`SELECT coalesce(max(seq), 0) AS n FROM audit_events`))[0].n,
    );
  });

  afterAll(async () => {
    console.log(`fuzz: ${totalCases} cases through HTTP; outcomes by operation: ${JSON.stringify(outcomes)}`);
    await t.close();
  });

  const operations = (): { root: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[] => {
    const out: { root: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[] = [];
    for (const root of ['Mutation', 'Query'] as const) {
      const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
      for (const field of Object.values(type?.getFields() ?? {}))
        if (field.args.length) out.push({ root, field });
    }
    return out;
  };

  it('every response is a success or one of the contract’s codes; never a 500, an INTERNAL_SERVER_ERROR or a leak', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(0);
    for (const { root, field } of ops) {
      const name = `${root}.${field.name}`;
      const role = actingRole(name);
      const token = role ? staff.get(role)!.token : null;
      const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `${root === 'Query' ? 'query' : 'mutation'} Fuzz(${defs}) { ${field.name}(${call})${selection(field)} }`;
      // A third of the runs are plausible inputs (so that calls succeed and the deeper paths run),
      // the rest hostile.
      // A bare `id` argument is of the kind the operation names (referral(id), updatePerson(id)…).
      const idsOf = (argName: string) => ids(argName === 'id' ? field.name : argName);
      const model = (clean: boolean) =>
        fc.record(
          Object.fromEntries(field.args.map((a) => [a.name, inputArb(a.type, a.name, idsOf, clean)])),
        );
      const tally = (outcomes[name] = {} as Record<string, number>);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 1, arbitrary: model(true) }, { weight: 2, arbitrary: model(false) }),
          async (variables) => {
            totalCases++;
            const res = await t.gql(query, variables, token); // t.gql also scans every error for leaks
            expect(res.status).toBeLessThan(500);
            const codes = (res.errors ?? []).map((e) => e.extensions?.code as string);
            for (const c of codes)
              expect({ name, code: c, allowed: ALLOWED_CODES.has(c) }).toMatchObject({ allowed: true });
            const key = codes[0] ?? 'OK';
            tally[key] = (tally[key] ?? 0) + 1;
            if (codes.length === 0) {
              const value = (res.data as Record<string, any>)[field.name];
              expect(value).not.toBeNull();
              if (value && typeof value.id === 'string') {
                if (RESULT_KIND[field.name]) pools[RESULT_KIND[field.name]].push(value.id);
                if (root === 'Mutation' && CREATES[field.name])
                  (created[field.name] ??= new Set()).add(value.id);
              }
              if (field.name === 'transitionReferral')
                (created.transitions ??= new Set()).add(`${totalCases}`);
              if (root === 'Mutation') successes[field.name] = (successes[field.name] ?? 0) + 1;
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127), endOnFailure: true },
      );
    }
  }, 600_000);

  it('the database holds exactly what the successful calls created (nothing half-written)', async () => {
    for (const [mutation, table] of Object.entries(CREATES)) {
      const grew = (await count(table)) - rowsBefore[table];
      expect({ table, grew }).toEqual({ table, grew: created[mutation]?.size ?? 0 });
    }
    // One creation event per referral plus one per successful transition.
    const events = (await count('referral_events')) - rowsBefore.referral_events;
    expect(events).toBe((created.makeReferral?.size ?? 0) + (created.transitions?.size ?? 0));
  });

  it('the audit trail records exactly the changes that happened (none for failed calls or idempotent replays)', async () => {
    const rows = await t.db.query<{ action: string; n: string }>(
      `SELECT action, count(*) AS n FROM audit_events WHERE seq > $1 AND outcome = 'SUCCESS' GROUP BY action`,
      [rowsBefore.audit_events],
    );
    const audited = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    const expected: Record<string, number> = {
      'person.register': successes.registerPerson ?? 0,
      'person.update': successes.updatePerson ?? 0,
      'consent.record': successes.recordConsent ?? 0,
      'referral.make': created.makeReferral?.size ?? 0,
      'referral.transition': created.transitions?.size ?? 0,
      'wellbeing.record': successes.recordWellbeing ?? 0,
      'outcome.record': successes.recordOutcome ?? 0,
    };
    const actual = Object.fromEntries(Object.keys(expected).map((a) => [a, audited[a] ?? 0]));
    expect(actual).toEqual(expected);
  });
});
