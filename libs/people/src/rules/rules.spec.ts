import { isLanguageCode } from './languages.js';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.js';
import { personColumnsFrom } from './person-fields.js';
import { normalisePostcode } from './postcode.js';

describe('NHS number modulus 11', () => {
  it.each(['9434765919', '4010232137', '943 476 5919'])('accepts %s', (n) => {
    expect(isValidNhsNumber(normaliseNhsNumber(n))).toBe(true);
  });
  it.each([
    '9434765918',
    '123456789',
    '12345678901',
    'abcdefghij',
    '0000000010',
    // Pass the check digit, but one digit repeated is a placeholder.
    '0000000000',
    '1111111111',
    '9999999999',
  ])('rejects %s', (n) => {
    expect(isValidNhsNumber(normaliseNhsNumber(n))).toBe(false);
  });
  it('rejects a number whose check digit would be 10', () => {
    // 000000006x: weighted sum 12, 12 % 11 = 1 → check digit 10 → no x is valid.
    for (let x = 0; x <= 9; x++) expect(isValidNhsNumber(`000000006${x}`)).toBe(false);
    // 100000006x: weighted sum 22, 22 % 11 = 0 → check digit 0.
    expect(isValidNhsNumber('1000000060')).toBe(true);
  });
});

describe('UK postcodes', () => {
  it.each([
    ['hx1 5dt', 'HX1 5DT'],
    ['HX15DT', 'HX1 5DT'],
    ['  sw1a  1aa ', 'SW1A 1AA'],
    ['M1 1AE', 'M1 1AE'],
    ['b338th', 'B33 8TH'],
    ['GIR0AA', 'GIR 0AA'],
    ['W1A 1AA', 'W1A 1AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
  ])('normalises %s to %s', (input, out) => {
    expect(normalisePostcode(input)).toBe(out);
  });
  it.each([
    'HX1',
    '12345',
    'QQ1 1AA',
    'HX1 5D',
    'not a postcode',
    'HX1 5DTT',
    // A letter where that shape of outward code has none: I or Q third in A9A, C or Z fourth in AA9A.
    'W1I 1AA',
    'W1Q 1AA',
    'EC1C 1BB',
    'EC1Z 1AA',
    // Letters never used: V first, J second, C in the inward code.
    'V1 1AA',
    'HJ1 1AA',
    'HX1 5CT',
  ])('rejects %s', (p) => {
    expect(normalisePostcode(p)).toBeNull();
  });
});

describe('ISO 639-1', () => {
  it('knows en, ur, ar, pl and refuses made-up codes', () => {
    for (const c of ['en', 'ur', 'ar', 'pl', 'pa', 'bn']) expect(isLanguageCode(c)).toBe(true);
    for (const c of ['xx', 'zz', 'EN', 'eng']) expect(isLanguageCode(c)).toBe(false);
  });
});

describe('a field of a given form refused for any reason names that form', () => {
  const refusal = (input: Record<string, unknown>) => {
    try {
      personColumnsFrom({ givenName: 'Jo', familyName: 'Trail', ...input }, 'register');
    } catch (e) {
      const err = e as { message: string; extensions: { code: string; field: string } };
      return [err.extensions.code, err.extensions.field, err.message];
    }
    return null;
  };
  it.each([
    ['nhsNumber', '943\t4765919', 'Enter a 10-digit NHS number with a valid check digit.'],
    ['nhsNumber', '9'.repeat(201), 'Enter a 10-digit NHS number with a valid check digit.'],
    ['postcode', 'HX1\u00075DT', 'Enter a UK postcode such as HX1 5DT.'],
    ['email', 'jo\u0000@example.org', 'Enter an email address such as name@example.org.'],
  ])('%s %j', (field, value, message) => {
    expect(refusal({ [field]: value })).toEqual(['BAD_USER_INPUT', field, message]);
  });
  it('a valid one, and a blank one (not given), pass', () => {
    expect(refusal({ nhsNumber: '943 476 5919', postcode: ' ', email: '' })).toBeNull();
  });
});
