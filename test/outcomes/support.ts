import { Role } from '#libs/common';
import type { StaffFixture, TestApp } from '../support/test-app.js';

/** GraphQL documents and a small world for the outcomes and journey tests. */
export const OQ = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
  consent: `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
  withdraw: `mutation($id: ID!) { withdrawConsent(consentId: $id) { id active } }`,
  make: `mutation($input: MakeReferralInput!) { makeReferral(input: $input) { id version } }`,
  transition: `mutation($input: TransitionReferralInput!) { transitionReferral(input: $input) { id version status } }`,
  wellbeing: `mutation($input: RecordWellbeingInput!) { recordWellbeing(input: $input) {
    id instrument responses rawScore metricScore takenOn person { id } service { id } recordedBy { id } } }`,
  outcome: `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) {
    id type achievedOn esolLevel hours contracted note person { id } service { id } recordedBy { id } referral { id note } } }`,
};

export interface Org {
  id: string;
  service: string;
  worker: StaffFixture;
  manager: StaffFixture;
}

export async function makeOrg(
  t: TestApp,
  over: { name?: string; serviceName?: string; category?: string; sensitive?: boolean; site?: string } = {},
): Promise<Org> {
  const id = await t.fixtures.organisation(over.name ? { name: over.name } : {});
  const service = await t.fixtures.service(id, {
    name: over.serviceName,
    category: over.category ?? 'FAMILY_SUPPORT',
    sensitive: over.sensitive ?? false,
    site: over.site ?? null,
  });
  return {
    id,
    service,
    worker: await t.fixtures.staff(id, Role.KEY_WORKER, { serviceIds: [service] }),
    manager: await t.fixtures.staff(id, Role.SERVICE_MANAGER),
  };
}

export function ok<T = any>(res: { data: any; errors?: unknown; body: unknown }, key: string): T {
  if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.body)}`);
  return res.data[key];
}

export async function registerPerson(
  t: TestApp,
  token: string,
  givenName = 'Amina',
  more: Record<string, unknown> = {},
): Promise<string> {
  return ok(
    await t.gql(OQ.register, { input: { givenName, familyName: 'Khan', ...more } }, token),
    'registerPerson',
  ).id;
}

/** How many rows of `table` (wellbeing_assessments, outcomes) belong to the person. */
export async function rowsOf(t: TestApp, table: string, personId: string): Promise<number> {
  return (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE person_id = $1`, [
    personId,
  ]))!.n;
}

export async function recordConsent(
  t: TestApp,
  token: string,
  personId: string,
  purpose: 'REFERRAL_SHARING' | 'JOURNEY_SHARING',
  organisationIds?: string[],
): Promise<string> {
  return ok(
    await t.gql(OQ.consent, { input: { personId, purpose, organisationIds } }, token),
    'recordConsent',
  ).id;
}

export async function refer(
  t: TestApp,
  from: Org,
  to: Org,
  personId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.gql(
    OQ.make,
    {
      input: {
        personId,
        fromServiceId: from.service,
        toServiceId: to.service,
        route: 'STAFF',
        needs: ['ENGLISH_LANGUAGE'],
        ...over,
      },
    },
    from.worker.token,
  );
  return ok(res, 'makeReferral').id;
}

export async function transition(
  t: TestApp,
  token: string,
  referralId: string,
  to: string,
  expectedVersion: number,
  reason?: string,
): Promise<void> {
  ok(
    await t.gql(OQ.transition, { input: { referralId, to, expectedVersion, reason } }, token),
    'transitionReferral',
  );
}

export async function auditCount(
  t: TestApp,
  personId: string,
  action: string,
  outcome = 'SUCCESS',
): Promise<number> {
  const row = await t.db.one<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE person_id = $1 AND action = $2 AND outcome = $3',
    [personId, action, outcome],
  );
  return row!.n;
}

/** A London calendar date `days` from today. */
export function londonDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
}
