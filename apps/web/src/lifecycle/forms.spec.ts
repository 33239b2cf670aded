import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { apiError, fieldErrors } from '../graphql/errors';
import { consentCovers, newIdempotencyKey } from './idempotency';
import { collectResponses, ONS4_ITEMS, SWEMWBS_ITEMS } from './instruments';
import { justificationLongEnough } from './justification';

describe('wellbeing instruments', () => {
  it('have the published number of items', () => {
    expect(SWEMWBS_ITEMS).toHaveLength(7);
    expect(ONS4_ITEMS).toHaveLength(4);
    expect(ONS4_ITEMS[0]).toBe('Overall, how satisfied are you with your life nowadays?');
  });
  it('collects every answer as a number, in item order', () => {
    expect(collectResponses('ONS4', { 0: '7', 1: '8', 2: '0', 3: '10' })).toEqual({
      responses: [7, 8, 0, 10],
    });
  });
  it('names the unanswered items (1-based)', () => {
    expect(collectResponses('SWEMWBS', { 0: '3', 2: '4' })).toEqual({ missing: [2, 4, 5, 6, 7] });
  });
});

describe('idempotency keys', () => {
  it('are fresh per form and within the 1-100 characters the API accepts', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThanOrEqual(100);
  });
});

describe('consentCovers', () => {
  const org = 'org-b';
  it.each([
    [
      'an active partnership-wide referral consent',
      [{ purpose: 'REFERRAL_SHARING', active: true, organisations: null }],
      true,
    ],
    [
      'one naming the organisation',
      [{ purpose: 'REFERRAL_SHARING', active: true, organisations: [{ id: org }] }],
      true,
    ],
    [
      'one naming others only',
      [{ purpose: 'REFERRAL_SHARING', active: true, organisations: [{ id: 'x' }] }],
      false,
    ],
    [
      'a withdrawn or expired one',
      [{ purpose: 'REFERRAL_SHARING', active: false, organisations: null }],
      false,
    ],
    ['journey sharing only', [{ purpose: 'JOURNEY_SHARING', active: true, organisations: null }], false],
    ['none', [], false],
  ])('%s', (_name, consents, expected) => {
    expect(consentCovers(consents, org)).toBe(expected);
  });
});

describe('API errors', () => {
  const err = (extensions: Record<string, unknown>, message = 'Bad') =>
    new CombinedError({ graphQLErrors: [{ message, extensions }] });
  it('puts a BAD_USER_INPUT message on the field named by extensions.field', () => {
    const e = apiError(err({ code: 'BAD_USER_INPUT', field: 'input.postcode' }, 'Enter a UK postcode'));
    expect(fieldErrors(e)).toEqual({ postcode: 'Enter a UK postcode' });
  });
  it('keeps nested paths below the input', () => {
    expect(fieldErrors(apiError(err({ code: 'BAD_USER_INPUT', field: 'input.equality.ethnicity' })))).toEqual(
      {
        'equality.ethnicity': 'Bad',
      },
    );
  });
  it('reads the allowed transitions and retry time', () => {
    const e = apiError(err({ code: 'INVALID_TRANSITION', allowed: ['CANCELLED'] }));
    expect(e?.allowed).toEqual(['CANCELLED']);
    expect(apiError(err({ code: 'RATE_LIMITED', retryAfterSeconds: 30 }))?.retryAfterSeconds).toBe(30);
  });
  it('reports a network failure in plain words', () => {
    expect(apiError(new CombinedError({ networkError: new Error('down') }))?.code).toBe('NETWORK');
  });
});

describe('a safeguarding justification long enough to send', () => {
  it.each([
    ['risk of harm at home', true],
    ['  risk of harm at hom  ', false],
    ['\u{1F6A8}'.repeat(20), true],
    ['a\u0301'.repeat(20), true],
    ['a\u0301'.repeat(10), false],
    [`x${'\u034f'.repeat(19)}`, false],
    [`${'x'.repeat(19)}${'\u200b'.repeat(5)}`, false],
  ])('%j: %s', (text, expected) => {
    expect(justificationLongEnough(text)).toBe(expected);
  });
});
