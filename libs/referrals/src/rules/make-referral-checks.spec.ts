import { AppError, ErrorCode } from '#libs/common';
import {
  decideMakeReferral,
  type MakeReferralFacts,
  type MakeReferralRequest,
} from './make-referral-checks.js';

const ORG = 'org-a';
const request = (over: Partial<MakeReferralRequest> = {}): MakeReferralRequest => ({
  organisationId: ORG,
  fromServiceGiven: true,
  inputError: null,
  hasIdempotencyKey: false,
  hasSafeguardingJustification: false,
  ...over,
});
const facts = (over: Partial<MakeReferralFacts> = {}): MakeReferralFacts => ({
  fromServiceOrganisationId: ORG,
  personVisible: true,
  toService: { organisationId: 'org-b', capacity: 'OPEN' },
  consented: true,
  existing: null,
  ...over,
});
const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'OTHER';
  }
};

describe('decideMakeReferral', () => {
  it('creates when every rule passes; an override only across organisations without consent', () => {
    expect(decideMakeReferral(request(), facts(), null)).toEqual({ kind: 'create', override: false });
    expect(
      decideMakeReferral(request({ hasSafeguardingJustification: true }), facts({ consented: false }), null),
    ).toEqual({ kind: 'create', override: true });
    expect(
      decideMakeReferral(
        request(),
        facts({ consented: false, toService: { organisationId: ORG, capacity: 'OPEN' } }),
        null,
      ),
    ).toEqual({ kind: 'create', override: false });
  });

  it('refuses in the contract order: fromService, person, toService, input, key, capacity, consent', () => {
    const bad = new AppError(ErrorCode.BAD_USER_INPUT, 'bad');
    const everything = {
      req: request({ inputError: bad, hasIdempotencyKey: true }),
      facts: facts({
        fromServiceOrganisationId: 'org-x',
        personVisible: false,
        toService: null,
        existing: { fingerprint: 'other' },
        consented: false,
      }),
    };
    const steps: [string, Partial<MakeReferralRequest>, Partial<MakeReferralFacts>][] = [
      [ErrorCode.FORBIDDEN, {}, {}],
      [ErrorCode.NOT_FOUND, {}, { fromServiceOrganisationId: ORG }],
      [ErrorCode.NOT_FOUND, {}, { fromServiceOrganisationId: ORG, personVisible: true }],
      [
        ErrorCode.BAD_USER_INPUT,
        {},
        {
          fromServiceOrganisationId: ORG,
          personVisible: true,
          toService: { organisationId: 'org-b', capacity: 'CLOSED' },
        },
      ],
      [
        ErrorCode.CONFLICT,
        { inputError: null },
        {
          fromServiceOrganisationId: ORG,
          personVisible: true,
          toService: { organisationId: 'org-b', capacity: 'CLOSED' },
        },
      ],
      [
        ErrorCode.SERVICE_CLOSED,
        { inputError: null },
        {
          fromServiceOrganisationId: ORG,
          personVisible: true,
          toService: { organisationId: 'org-b', capacity: 'CLOSED' },
          existing: null,
        },
      ],
      [
        ErrorCode.CONSENT_REQUIRED,
        { inputError: null },
        {
          fromServiceOrganisationId: ORG,
          personVisible: true,
          toService: { organisationId: 'org-b', capacity: 'OPEN' },
          existing: null,
        },
      ],
    ];
    for (const [code, r, f] of steps)
      expect(
        codeOf(() => decideMakeReferral({ ...everything.req, ...r }, { ...everything.facts, ...f }, 'mine')),
      ).toBe(code);
  });

  it('an earlier referral with the same key and fingerprint is replayed, even to a closed service', () => {
    expect(
      decideMakeReferral(
        request({ hasIdempotencyKey: true }),
        facts({
          existing: { fingerprint: 'f' },
          toService: { organisationId: 'org-b', capacity: 'CLOSED' },
          consented: false,
        }),
        'f',
      ),
    ).toEqual({ kind: 'replay' });
  });

  it('without fromServiceId its organisation is not asked', () => {
    expect(
      decideMakeReferral(
        request({ fromServiceGiven: false }),
        facts({ fromServiceOrganisationId: null }),
        null,
      ),
    ).toEqual({ kind: 'create', override: false });
  });
});
