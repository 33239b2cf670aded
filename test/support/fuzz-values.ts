import fc from 'fast-check';
import {
  getNullableType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { londonToday } from '#libs/common';

/** Strings that have broken systems before: SQL and script fragments, control characters, unicode tricks. */
export const NASTY_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE people; --",
  'Robert"); DROP TABLE staff;--',
  '" OR ""="',
  "1' UNION SELECT password_hash FROM staff --",
  '$1',
  '%s%s%s%n',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  'line\nbreak',
  '\t',
  '\u202eevil',
  '\ud800',
  '😀👨‍👩‍👧',
  'Ｒｏｂｅｒｔ',
  'Zoë Ødegård-Ó Súilleabháin',
  ' ',
  '',
  '   padded   ',
  'null',
  'undefined',
  'NaN',
  '\\',
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(4001),
];

/** Plausible values by field name: [valid…] and [invalid…], so that a good share of calls succeed. */
const BY_NAME: [RegExp, string[], string[]][] = [
  [/^email$/i, ['amina.khan@example.org', 'JO.BLOGGS@EXAMPLE.ORG'], ['not-an-email', 'a@b']],
  [/password/i, ['correct horse battery staple'], ['short']],
  [/postcode/i, ['HX1 5DT', 'hx15dt', 'SW1A 1AA'], ['NOT A POSTCODE']],
  [/nhsNumber/i, ['943 476 5919', '9434765919'], ['1234567890', '94347659']],
  [/phone/i, ['07700 900123', '+44 7700 900123'], []],
  [/preferredLanguage/i, ['en', 'ur'], ['EN', 'eng']],
  [/ethnicity/i, ['A', 'Z'], ['I', 'O', 'Q']],
  [/gender/i, ['female', 'male', 'non-binary'], []],
  [/Name$|^name$/i, ['Amina', 'Khan', 'Mary-Jane'], []],
  [/idempotencyKey/i, ['key-1', 'key-2', 'key-3', 'k'.repeat(100)], ['k'.repeat(101)]],
  [/safeguardingJustification/i, ['Risk of harm at home reported by the school nurse today.'], ['too short']],
  [/^text$/i, ['am', 'Kh', '943'], ['x']],
  [/ward|site|note|reason/i, ['Park', 'Town centre', 'Seen at the drop-in.'], []],
];

function stringArb(name: string, clean: boolean): fc.Arbitrary<string> {
  const [, valid, invalid] = BY_NAME.find(([re]) => re.test(name)) ?? [null, ['Something ordinary'], []];
  if (clean) return fc.constantFrom(...valid);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...valid, ...invalid) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 4000, maxLength: 4100 }) },
  );
}

/** Plausible numbers by argument name (clean runs). */
function cleanInt(name: string): fc.Arbitrary<number> {
  if (/version/i.test(name)) return fc.integer({ min: 1, max: 3 });
  if (/first/i.test(name)) return fc.integer({ min: 1, max: 50 });
  if (/limit/i.test(name)) return fc.integer({ min: 1, max: 10 });
  return fc.integer({ min: 1, max: 5 });
}

const INT_EDGES = [
  -2147483648, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 20, 35, 36, 49, 50, 51, 199, 200, 201, 1000, 2147483647,
];
const intArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INT_EDGES) },
  { weight: 1, arbitrary: fc.integer() },
);
const floatArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -1, 0.0001, 0.5, 7.5, 999.99, 1000, 1000.0001, 1e9, -1e9) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dateArb(clean: boolean): fc.Arbitrary<string> {
  const today = londonToday();
  if (clean) return fc.constantFrom('2020-01-01', '1990-06-15', addDays(today, -1), today);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom('2020-01-01', '1990-06-15', '1900-01-01', today, addDays(today, -1)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '1899-12-31',
        addDays(today, 1),
        '2024-02-30',
        '2020-13-01',
        'yesterday',
        '',
        '01/02/2020',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .date({ min: new Date('1800-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    },
  );
}

function dateTimeArb(clean: boolean): fc.Arbitrary<string> {
  const now = Date.now();
  if (clean) return fc.constant(new Date(now + 30 * 86_400_000).toISOString());
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(new Date(now + 30 * 86_400_000).toISOString()) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        new Date(now - 86_400_000).toISOString(),
        '2020-01-01',
        'soon',
        '',
        '2030-01-01T00:00:00',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    },
  );
}

/**
 * Random values for any GraphQL input type: plausible and hostile strings, numbers at and beyond
 * their bounds, known and unknown ids, valid and invalid enum values and dates, objects with
 * required fields missing or unknown fields added, lists empty, repeated or long.
 */
export function inputArb(
  type: GraphQLInputType,
  name: string,
  ids: (argName: string) => string[],
  clean = false,
): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const t = getNullableType(type) as GraphQLInputType;
  let arb: fc.Arbitrary<unknown>;
  if (isListType(t)) {
    const item = inputArb(t.ofType as GraphQLInputType, name, ids, clean);
    if (clean && /responses/i.test(name))
      arb = fc.constantFrom([3, 3, 3, 3, 3, 3, 3], [1, 2, 3, 4, 5, 4, 3], [5, 6, 7, 8]);
    else if (clean)
      arb = fc.uniqueArray(item, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) });
    else
      arb = fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { minLength: 1, maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: item.map((v) => [v, v]) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 20, maxLength: 60 }) },
      );
  } else if (isEnumType(t)) {
    const values = t.getValues().map((v) => v.value as string);
    arb = clean
      ? fc.constantFrom(...values)
      : fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...values) },
          { weight: 1, arbitrary: fc.constantFrom('NOPE', values[0].toLowerCase(), '') },
        );
  } else if (isInputObjectType(t)) {
    const fields = Object.values(t.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = inputArb(f.type, f.name, ids, clean);
    const requiredKeys = fields
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => f.name);
    const complete = fc.record(model, { requiredKeys });
    arb = clean
      ? complete
      : fc.oneof(
          { weight: 8, arbitrary: complete },
          { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
          { weight: 1, arbitrary: complete.map((o) => ({ ...(o as object), notAField: 'x' })) },
        );
  } else if (isScalarType(t)) {
    switch (t.name) {
      case 'ID':
        arb = fc.oneof(
          {
            weight: clean ? 30 : 6,
            arbitrary: fc
              .constant(null)
              .map(() => ids(name))
              .chain((known) => (known.length ? fc.constantFrom(...known) : fc.uuid())),
          },
          { weight: 2, arbitrary: fc.uuid() },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'not-a-uuid',
              '',
              "' OR 1=1 --",
              '00000000-0000-0000-0000-000000000000',
              '1',
            ),
          },
        );
        break;
      case 'Int':
        arb = clean ? cleanInt(name) : intArb;
        break;
      case 'Float':
        arb = clean ? fc.constantFrom(1, 2.5, 10) : floatArb;
        break;
      case 'Boolean':
        arb = fc.boolean();
        break;
      case 'Date':
        arb = dateArb(clean);
        break;
      case 'DateTime':
        arb = dateTimeArb(clean);
        break;
      default:
        arb = stringArb(name, clean);
    }
  } else {
    arb = fc.constant(null);
  }
  if (clean)
    return required
      ? arb
      : fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });
  // Wrong JSON types now and then (a number for a string, an object for a list…).
  const wrong = fc.constantFrom<unknown>(42, 'text', true, { a: 1 }, [1, 2]);
  const withWrong = fc.oneof({ weight: 30, arbitrary: arb }, { weight: 1, arbitrary: wrong });
  return required
    ? fc.oneof({ weight: 30, arbitrary: withWrong }, { weight: 1, arbitrary: fc.constant(undefined) })
    : fc.oneof(
        { weight: 3, arbitrary: withWrong },
        { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      );
}
