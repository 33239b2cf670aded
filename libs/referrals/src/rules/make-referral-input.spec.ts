import { normaliseMakeReferral, referralFingerprint, type MakeReferralPlain } from './make-referral-input.js';

const P = '4c1d2b0e-8a53-4d0c-9b0e-2f9a6f0c1a11';
const S = '5c1d2b0e-8a53-4d0c-9b0e-2f9a6f0c1a12';
const base: MakeReferralPlain = {
  personId: P,
  toServiceId: S,
  route: 'SELF',
  needs: ['HOUSING', 'EMPLOYMENT'],
};

function field(input: MakeReferralPlain): string | undefined {
  try {
    normaliseMakeReferral(input);
    return undefined;
  } catch (e) {
    return (e as { extensions: { field: string } }).extensions.field;
  }
}

describe('makeReferral input rules', () => {
  it.each([
    [{ ...base, route: 'STAFF' }, 'route'],
    [{ ...base, fromServiceId: S }, 'route'],
    [{ ...base, needs: [] }, 'needs'],
    [{ ...base, needs: ['HOUSING', 'HOUSING'] }, 'needs'],
    [{ ...base, note: 'x'.repeat(4001) }, 'note'],
    [{ ...base, note: 'bad\u0000char' }, 'note'],
    [{ ...base, safeguardingJustification: 'too short' }, 'safeguardingJustification'],
    [{ ...base, safeguardingJustification: '     ' }, 'safeguardingJustification'],
    [{ ...base, safeguardingJustification: `  ${'x'.repeat(19)}  ` }, 'safeguardingJustification'],
    [{ ...base, safeguardingJustification: '\u200b'.repeat(25) }, 'safeguardingJustification'],
    [
      { ...base, safeguardingJustification: `${'x'.repeat(19)}${'\u200b'.repeat(5)}` },
      'safeguardingJustification',
    ],
    [{ ...base, safeguardingJustification: `a${'\u2800'.repeat(24)}` }, 'safeguardingJustification'],
    // One letter that shows, padded with marks that show as nothing.
    [{ ...base, safeguardingJustification: `x${'\u034f'.repeat(19)}` }, 'safeguardingJustification'],
    [{ ...base, safeguardingJustification: `x${'\ufe0f'.repeat(19)}` }, 'safeguardingJustification'],
    [{ ...base, safeguardingJustification: `Risk${'\u0301'.repeat(16)}` }, 'safeguardingJustification'],
    // Ten accented letters, each written as a letter and a combining accent: ten on screen.
    [{ ...base, safeguardingJustification: 'a\u0301'.repeat(10) }, 'safeguardingJustification'],
    [{ ...base, idempotencyKey: '   ' }, 'idempotencyKey'],
    [{ ...base, idempotencyKey: 'k'.repeat(101) }, 'idempotencyKey'],
  ] as [MakeReferralPlain, string][])('%j → BAD_USER_INPUT on %s', (input, f) => {
    expect(field(input)).toBe(f);
  });

  it('accepts a justification of 20 characters that show, spaces between words and emoji counted', () => {
    expect(field({ ...base, safeguardingJustification: 'x'.repeat(20) })).toBeUndefined();
    expect(field({ ...base, safeguardingJustification: 'risk of harm at home' })).toBeUndefined();
    expect(field({ ...base, safeguardingJustification: '\u{1F6A8}'.repeat(20) })).toBeUndefined();
  });

  it('says which text is too long or holds control characters', () => {
    const message = (input: MakeReferralPlain) => {
      try {
        normaliseMakeReferral(input);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message({ ...base, note: 'x'.repeat(4001) })).toBe(
      'The note must be at most 4,000 characters, without control characters.',
    );
    expect(message({ ...base, safeguardingJustification: `${'x'.repeat(30)}\u0007` })).toBe(
      'The safeguarding justification must be at most 4,000 characters, without control characters.',
    );
  });

  it('accepts a note of 4,000 characters with line breaks, and a key of 100', () => {
    expect(field({ ...base, note: 'a\n'.repeat(2000), idempotencyKey: 'k'.repeat(100) })).toBeUndefined();
  });
});

describe('idempotency fingerprint', () => {
  const fp = (i: MakeReferralPlain) => referralFingerprint(normaliseMakeReferral(i));
  it('treats trimmed strings, omitted fields and needs order as identical', () => {
    expect(fp({ ...base, note: '  hello ' })).toBe(fp({ ...base, note: 'hello' }));
    expect(fp({ ...base, note: null })).toBe(fp({ ...base }));
    expect(fp({ ...base, needs: ['EMPLOYMENT', 'HOUSING'] })).toBe(fp(base));
    expect(fp({ ...base, idempotencyKey: 'a' })).toBe(fp({ ...base, idempotencyKey: 'b' }));
  });
  it('differs when anything meaningful differs', () => {
    expect(fp({ ...base, note: 'x' })).not.toBe(fp(base));
    expect(fp({ ...base, needs: ['HOUSING'] })).not.toBe(fp(base));
    expect(fp({ ...base, route: 'GP' })).not.toBe(fp(base));
  });
});
