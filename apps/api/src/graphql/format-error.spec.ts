import { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from '#libs/common';
import { fieldFromCoercionMessage, formatError, INTERNAL_MARK, withoutEchoedValue } from './format-error.js';
import { VARIABLE_MARK } from './variable-field.js';

/** What the client sees: the request plugin takes the variable mark off (variable-field.spec.ts). */
const forClient = (ext: Record<string, unknown> | undefined) => {
  const { [VARIABLE_MARK]: _mark, ...rest } = ext ?? {};
  return rest;
};

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original });

describe('formatError', () => {
  it('passes an AppError through with its code and extensions, without a stack trace', () => {
    const e = AppError.badInput('postcode', 'Enter a UK postcode.');
    const out = formatError(
      { message: e.message, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] } },
      wrap(e),
    );
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'postcode' });
  });

  it('turns anything unexpected into INTERNAL_SERVER_ERROR without detail', () => {
    const e = new Error('relation "people" does not exist');
    const out = formatError({ message: e.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrap(e));
    expect(out.message).not.toContain('relation');
    expect(out.extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR, [INTERNAL_MARK]: true });
  });

  it('a document nested so deeply that parsing ran out of stack is QUERY_TOO_COMPLEX', () => {
    const e = new RangeError('Maximum call stack size exceeded');
    const out = formatError({ message: e.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrap(e));
    expect(out).toMatchObject({
      message: 'The query is too complex: the document is nested too deeply.',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('does not trust a plain Error that claims a client code', () => {
    const e = Object.assign(new Error('SELECT secret'), { extensions: { code: 'BAD_USER_INPUT' } });
    const out = formatError({ message: e.message, extensions: { code: 'BAD_USER_INPUT' } }, wrap(e));
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('names the field of a variable coercion error', () => {
    const msg =
      'Variable "$input" got invalid value "x" at "input.category"; Value "x" does not exist in "ServiceCategory" enum.';
    const e = new GraphQLError(msg, { extensions: { code: 'BAD_USER_INPUT' } });
    expect(
      forClient(formatError({ message: msg, extensions: { code: 'BAD_USER_INPUT' } }, e).extensions),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'category',
    });
  });

  it.each([
    [
      'Variable "$i" got invalid value { personId: "p" }; Field "toServiceId" of required type "ID!" was not provided.',
      'toServiceId',
    ],
    [
      'Variable "$input" got invalid value { disabled: true } at "input.equality"; Field "disability" of required type "Boolean!" was not provided.',
      'equality.disability',
    ],
    [
      'Variable "$input" got invalid value { route: "STAFF", bogus: 1 }; Field "bogus" is not defined by type "MakeReferralInput". Did you mean "route"?',
      'bogus',
    ],
    [
      'Variable "$input" got invalid value "x" at "input.needs[0]"; Value "x" does not exist in "Need" enum.',
      'needs',
    ],
    ['Variable "$personId" got invalid value 5; ID cannot represent value: 5', 'personId'],
    ['Variable "$input" of required type "MakeReferralInput!" was not provided.', 'input'],
  ])('names the input field of %j', (msg, field) => {
    const e = new GraphQLError(msg, { extensions: { code: 'BAD_USER_INPUT' } });
    expect(
      forClient(formatError({ message: msg, extensions: { code: 'BAD_USER_INPUT' } }, e).extensions),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('marks a variable error with the variable and the path inside it, for the request plugin', () => {
    const msg =
      'Variable "$c" got invalid value "FULL"; Value "FULL" does not exist in "ServiceCapacity" enum.';
    const e = new GraphQLError(msg, { extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatError({ message: msg, extensions: { code: 'BAD_USER_INPUT' } }, e).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'c',
      [VARIABLE_MARK]: { variable: 'c', path: [] },
    });
  });

  it('reads the field from the reason, not from an echoed value that looks like one', () => {
    const msg =
      'Variable "$i" got invalid value { note: "at \\"input.note\\"; Field \\"x\\"" }; Field "toServiceId" of required type "ID!" was not provided.';
    expect(fieldFromCoercionMessage(withoutEchoedValue(msg))).toBe('toServiceId');
  });

  it('does not echo the rejected variable value', () => {
    const msg =
      'Variable "$input" got invalid value { name: "Jane Smith", nhsNumber: "9434765919" } at "input.category"; Field "category" of required type "ServiceCategory!" was not provided.';
    const e = new GraphQLError(msg, { extensions: { code: 'BAD_USER_INPUT' } });
    const out = formatError({ message: msg, extensions: { code: 'BAD_USER_INPUT' } }, e);
    expect(out.message).toBe(
      'Variable "$input" has an invalid value at "input.category": Field "category" of required type "ServiceCategory!" was not provided.',
    );
    expect(
      withoutEchoedValue(
        'Variable "$c" got invalid value "x".repeat; Value "x" does not exist in "ServiceCategory" enum.',
      ),
    ).toBe('Variable "$c" has an invalid value: Value "x" does not exist in "ServiceCategory" enum.');
  });

  it('answers text PostgreSQL cannot store (NUL) as BAD_USER_INPUT', () => {
    const e = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const out = formatError({ message: e.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrap(e));
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(out.message).not.toContain('UTF8');
  });
});
