import { describe, expect, it } from 'vitest';
import type { ReferralStatus, Role } from '../gql/graphql';
import { actionsFor, describeChange, partiesOf, type ReferralParties, type Viewer } from './actions';
import { allowedTransitions, REASON_REQUIRED, TRANSITIONS } from './transitions';

const ORG_A = 'org-a'; // the referrer's organisation
const ORG_B = 'org-b'; // the receiving organisation
const referral = (status: ReferralStatus, over: Partial<ReferralParties> = {}): ReferralParties => ({
  status,
  toOrganisationId: ORG_B,
  creatorId: 'creator',
  creatorOrganisationId: ORG_A,
  ...over,
});
const viewer = (role: Role, organisationId: string, staffId = 'someone'): Viewer => ({
  staffId,
  organisationId,
  role,
});

describe('partiesOf', () => {
  it.each([
    ['receiver staff', viewer('LINK_WORKER', ORG_B), ['RECEIVER']],
    ['referrer staff', viewer('FAMILY_SUPPORT_WORKER', ORG_A), ['REFERRER']],
    ['the creator', viewer('FAMILY_SUPPORT_WORKER', ORG_A, 'creator'), ['REFERRER', 'CORRECTOR']],
    ['a service manager of the receiver', viewer('SERVICE_MANAGER', ORG_B), ['RECEIVER', 'CORRECTOR']],
    ['a service manager of the referrer', viewer('SERVICE_MANAGER', ORG_A), ['REFERRER', 'CORRECTOR']],
    ['staff of a third organisation', viewer('KEY_WORKER', 'org-c'), []],
    ['a commissioner of the receiver', viewer('COMMISSIONER', ORG_B), []],
    ['an admin of the receiver', viewer('ADMIN', ORG_B), []],
  ] as const)('%s', (_name, v, expected) => {
    expect([...partiesOf(v, referral('REQUESTED'))].sort()).toEqual([...expected].sort());
  });

  it('within one organisation its staff are both receiver and referrer', () => {
    const r = referral('REQUESTED', { toOrganisationId: ORG_A });
    expect([...partiesOf(viewer('KEY_WORKER', ORG_A), r)].sort()).toEqual(['RECEIVER', 'REFERRER']);
  });
});

describe('actionsFor (CONTRACT.md section 5, from the shared table)', () => {
  const receiver = viewer('LINK_WORKER', ORG_B);
  const referrer = viewer('FAMILY_SUPPORT_WORKER', ORG_A);
  const creator = viewer('FAMILY_SUPPORT_WORKER', ORG_A, 'creator');
  const cases: [string, Viewer, ReferralStatus, ReferralStatus[]][] = [
    ['receiver, requested', receiver, 'REQUESTED', ['ACCEPTED', 'REJECTED']],
    ['referrer, requested', referrer, 'REQUESTED', ['CANCELLED']],
    ['creator, requested', creator, 'REQUESTED', ['CANCELLED', 'ENTERED_IN_ERROR']],
    ['receiver, accepted', receiver, 'ACCEPTED', ['IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED']],
    ['receiver, in progress', receiver, 'IN_PROGRESS', ['ON_HOLD', 'COMPLETED', 'FAILED']],
    ['receiver, on hold', receiver, 'ON_HOLD', ['ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED']],
    ['referrer, on hold', referrer, 'ON_HOLD', ['CANCELLED']],
    ['receiver, completed', receiver, 'COMPLETED', []],
    ['creator, completed', creator, 'COMPLETED', ['ENTERED_IN_ERROR']],
    ['creator, rejected', creator, 'REJECTED', ['ENTERED_IN_ERROR']],
    ['creator, entered in error', creator, 'ENTERED_IN_ERROR', []],
    ['commissioner, requested', viewer('COMMISSIONER', ORG_B), 'REQUESTED', []],
  ];
  it.each(cases)('%s', (_name, v, status, expected) => {
    expect(actionsFor(v, referral(status)).map((a) => a.to)).toEqual(expected);
  });

  it('asks for a reason exactly where the contract requires one', () => {
    const all = actionsFor(
      viewer('SERVICE_MANAGER', ORG_B, 'creator'),
      referral('ACCEPTED', { creatorOrganisationId: ORG_B }),
    );
    for (const a of all)
      expect(a.reasonRequired).toBe(['ON_HOLD', 'FAILED', 'CANCELLED', 'ENTERED_IN_ERROR'].includes(a.to));
  });

  it('never offers a transition the shared table does not have, nor one to the current status', () => {
    const everyone = new Set(['RECEIVER', 'REFERRER', 'CORRECTOR'] as const);
    for (const from of Object.keys(TRANSITIONS) as ReferralStatus[]) {
      const offered = allowedTransitions(from, everyone);
      expect(offered).not.toContain(from);
      for (const to of offered) expect(TRANSITIONS[from][to]).toBeDefined();
    }
    expect([...REASON_REQUIRED].sort()).toEqual([
      'CANCELLED',
      'ENTERED_IN_ERROR',
      'FAILED',
      'ON_HOLD',
      'REJECTED',
    ]);
  });

  it('labels actions in plain English', () => {
    expect(actionsFor(receiver, referral('REQUESTED')).map((a) => a.label)).toEqual(['Accept', 'Reject']);
    expect(actionsFor(receiver, referral('ON_HOLD')).map((a) => a.label)).toEqual([
      'Take off hold',
      'Resume',
      'Complete',
      'Close as not completed',
    ]);
  });
});

describe('describeChange', () => {
  it('says what the status became and who changed it', () => {
    expect(
      describeChange(
        { status: 'REQUESTED', version: 1 },
        { status: 'CANCELLED', version: 2, lastBy: 'Sam Jones' },
      ),
    ).toMatch(/now "Cancelled" \(was "Requested"\) by Sam Jones/);
  });
  it('still explains a change that kept the status', () => {
    expect(describeChange({ status: 'ON_HOLD', version: 3 }, { status: 'ON_HOLD', version: 5 })).toMatch(
      /reloaded/,
    );
  });
});
