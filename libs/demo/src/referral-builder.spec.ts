import { buildReferral, type ReferralPlan } from './referral-builder.js';
import type { ServiceRow, StaffRow } from './rows.js';

const service = (id: string, org: string): ServiceRow => ({
  id,
  organisation_id: org,
  name: id,
  category: 'ESOL',
  capacity: 'OPEN',
  sensitive: false,
  site: null,
  ward: 'Park',
  created_at: new Date(0),
});
const staff = (id: string, org: string, role = 'KEY_WORKER'): StaffRow => ({
  id,
  email: `${id}@example.org`,
  name: id,
  role,
  organisation_id: org,
  password_hash: 'x',
  active: true,
  created_at: new Date(0),
  updated_at: new Date(0),
});
const from = service('from', 'A');
const to = service('to', 'B');
const referrer = staff('referrer', 'A');
const receiver = staff('receiver', 'B');
const t = (h: number) => new Date(Date.UTC(2026, 0, 1, h));

function plan(steps: ReferralPlan['steps']): ReferralPlan {
  return {
    id: 'r',
    personId: 'p',
    fromService: from,
    toService: to,
    route: 'STAFF',
    needs: ['ENGLISH_LANGUAGE'],
    createdBy: referrer,
    createdAt: t(0),
    steps,
    eventId: (n) => `e${n}`,
  };
}

describe('buildReferral', () => {
  it('derives status, version, reason and stage times from the history', () => {
    const { referral, events } = buildReferral(
      plan([
        { to: 'ACCEPTED', at: t(1), by: receiver },
        { to: 'ON_HOLD', at: t(2), by: receiver, reason: 'OTHER' },
        { to: 'IN_PROGRESS', at: t(3), by: receiver },
        { to: 'COMPLETED', at: t(4), by: receiver },
      ]),
    );
    expect(events.map((e) => [e.from_status, e.to_status])).toEqual([
      [null, 'REQUESTED'],
      ['REQUESTED', 'ACCEPTED'],
      ['ACCEPTED', 'ON_HOLD'],
      ['ON_HOLD', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'COMPLETED'],
    ]);
    expect(referral).toMatchObject({
      status: 'COMPLETED',
      version: 5,
      status_reason: null,
      accepted_at: t(1),
      started_at: t(3),
      completed_at: t(4),
      updated_at: t(4),
      creator_organisation_id: 'A',
      to_organisation_id: 'B',
      from_category: 'ESOL',
      to_category: 'ESOL',
      to_ward: 'Park',
    });
  });

  it.each([
    ['the receiver cancelling', [{ to: 'CANCELLED', at: t(1), by: receiver, reason: 'OTHER' }]],
    ['the referrer accepting', [{ to: 'ACCEPTED', at: t(1), by: referrer }]],
    ['a rejection without a reason', [{ to: 'REJECTED', at: t(1), by: receiver }]],
    ['a transition that does not exist', [{ to: 'COMPLETED', at: t(1), by: receiver }]],
    ['an event before the creation', [{ to: 'ACCEPTED', at: t(0), by: receiver }]],
    [
      'the receiver marking it entered in error',
      [{ to: 'ENTERED_IN_ERROR', at: t(1), by: receiver, reason: 'DUPLICATE' }],
    ],
  ])('refuses %s', (_label, steps) => {
    expect(() => buildReferral(plan(steps as ReferralPlan['steps']))).toThrow();
  });
});
