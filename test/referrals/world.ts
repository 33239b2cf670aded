import { Role } from '#libs/common';
import type { StaffFixture, TestApp } from '../support/test-app.js';

/** GraphQL documents used by the people/consent/referral tests. */
export const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) {
    id givenName familyName dateOfBirth preferredLanguage interpreterNeeded postcode ward phone email nhsNumber
    equality { gender ethnicity disability } registeredBy { id } createdAt } }`,
  update: `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) {
    id givenName familyName dateOfBirth postcode nhsNumber phone email equality { gender ethnicity disability } } }`,
  person: `query($id: ID!) { person(id: $id) { id givenName familyName registeredBy { id }
    consents { id purpose active organisations { id } recordedBy { id } withdrawnAt expiresAt givenBy } } }`,
  search: `query($text: String!, $first: Int) { searchPeople(text: $text, first: $first) { id givenName familyName } }`,
  recordConsent: `mutation($input: RecordConsentInput!) { recordConsent(input: $input) {
    id purpose active givenBy givenAt expiresAt withdrawnAt organisations { id } recordedBy { id } } }`,
  withdraw: `mutation($id: ID!) { withdrawConsent(consentId: $id) { id active withdrawnAt } }`,
  make: `mutation($input: MakeReferralInput!) { makeReferral(input: $input) {
    id status version route needs note safeguardingOverride safeguardingJustification statusReason
    person { id } fromService { id } toService { id } createdBy { id } createdAt updatedAt
    history { id from to reason note by { id } at } } }`,
  transition: `mutation($input: TransitionReferralInput!) { transitionReferral(input: $input) {
    id status version statusReason note history { from to reason note by { id } } } }`,
  referral: `query($id: ID!) { referral(id: $id) { id status version note safeguardingJustification
    person { id } history { from to reason note } } }`,
  referrals: `query($filter: ReferralFilter, $first: Int, $after: String) { referrals(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status person { id } createdAt } } } }`,
  audit: `query($personId: ID, $staffId: ID, $first: Int, $after: String) {
    auditEvents(personId: $personId, staffId: $staffId, first: $first, after: $after) {
      nodes { id at action outcome personId requestId staff { id } organisation { id } }
      pageInfo { hasNextPage endCursor } } }`,
};

export interface Org {
  id: string;
  service: string;
  worker: StaffFixture;
  worker2: StaffFixture;
  manager: StaffFixture;
}

/** Two organisations (A refers, B receives) plus an unrelated C, an ADMIN and a COMMISSIONER. */
export async function world(t: TestApp) {
  const org = async (): Promise<Org> => {
    const id = await t.fixtures.organisation();
    const service = await t.fixtures.service(id, { category: 'ESOL' });
    return {
      id,
      service,
      worker: await t.fixtures.staff(id, Role.FAMILY_SUPPORT_WORKER),
      worker2: await t.fixtures.staff(id, Role.KEY_WORKER),
      manager: await t.fixtures.staff(id, Role.SERVICE_MANAGER),
    };
  };
  const a = await org();
  const b = await org();
  const c = await org();
  const adminOrg = await t.fixtures.organisation({ name: 'Partnership administration', kind: 'OTHER' });
  const admin = await t.fixtures.staff(adminOrg, Role.ADMIN);
  const commissioner = await t.fixtures.staff(adminOrg, Role.COMMISSIONER);
  return { a, b, c, admin, commissioner };
}

export type World = Awaited<ReturnType<typeof world>>;

export function ok<T = any>(res: { data: any; errors?: unknown; body: unknown }, key: string): T {
  if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body)}`);
  return res.data[key];
}

export async function registerPerson(
  t: TestApp,
  token: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.gql(Q.register, { input: { givenName: 'Amina', familyName: 'Khan', ...over } }, token);
  return ok(res, 'registerPerson').id;
}

export async function consent(
  t: TestApp,
  token: string,
  personId: string,
  organisationIds?: string[],
  purpose = 'REFERRAL_SHARING',
): Promise<string> {
  const res = await t.gql(Q.recordConsent, { input: { personId, purpose, organisationIds } }, token);
  return ok(res, 'recordConsent').id;
}

/** A referral from A's service to B's service with consent. */
export async function referAtoB(
  t: TestApp,
  w: World,
  over: Record<string, unknown> = {},
): Promise<{ id: string; personId: string }> {
  const personId = (over.personId as string) ?? (await registerPerson(t, w.a.worker.token));
  if (!over.personId) await consent(t, w.a.worker.token, personId, [w.b.id]);
  const res = await t.gql(
    Q.make,
    {
      input: {
        personId,
        fromServiceId: w.a.service,
        toServiceId: w.b.service,
        route: 'STAFF',
        needs: ['ENGLISH_LANGUAGE'],
        ...over,
      },
    },
    (over.token as string) ?? w.a.worker.token,
  );
  return { id: ok(res, 'makeReferral').id, personId };
}

export async function auditRows(t: TestApp, personId: string | null, action?: string) {
  return t.db.query<{ action: string; outcome: string; staff_id: string; person_id: string | null }>(
    `SELECT action, outcome, staff_id, person_id FROM audit_events
      WHERE ($1::uuid IS NULL OR person_id = $1) AND ($2::text IS NULL OR action = $2) ORDER BY seq`,
    [personId, action ?? null],
  );
}
