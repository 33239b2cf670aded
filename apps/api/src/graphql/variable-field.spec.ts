import { parse } from 'graphql';
import { fieldOfVariable } from './variable-field.js';

describe('fieldOfVariable: the input field a rejected variable stands for', () => {
  const doc = (text: string) => parse(text);
  it.each([
    [
      'a whole scalar argument',
      'mutation($s: ID!, $c: ServiceCapacity!) { setServiceCapacity(serviceId: $s, capacity: $c) { id } }',
      'c',
      [],
      'capacity',
    ],
    ['a page size', 'query($f: Int) { referrals(first: $f) { totalCount } }', 'f', [], 'first'],
    [
      'a whole input object, a field inside it',
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      'input',
      ['postcode'],
      'postcode',
    ],
    [
      'a whole input object, itself wrong',
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      'input',
      [],
      'input',
    ],
    [
      'a field of an input written in the document',
      'mutation($o: ID!, $cat: ServiceCategory!) { createService(input: { organisationId: $o, name: "X", category: $cat }) { id } }',
      'cat',
      [],
      'category',
    ],
    [
      'a nested object written in the document',
      'mutation($e: EqualityInput) { registerPerson(input: { givenName: "A", familyName: "B", equality: $e }) { id } }',
      'e',
      ['disability'],
      'equality.disability',
    ],
    [
      'an item of a list written in the document',
      'mutation($n: Need!) { makeReferral(input: { personId: "p", toServiceId: "s", route: GP, needs: [HOUSING, $n] }) { id } }',
      'n',
      [],
      'needs',
    ],
    [
      'an item of a list that is the argument',
      'query($a: ID!) { organisations(ids: [$a]) { id } }',
      'a',
      [],
      'ids',
    ],
    [
      'a variable used in a fragment',
      'query($f: Int) { ...Page } fragment Page on Query { referrals(first: $f) { totalCount } }',
      'f',
      [],
      'first',
    ],
  ])('%s', (_label, text, variable, path, field) => {
    expect(fieldOfVariable(doc(text), undefined, { variable, path })).toBe(field);
  });

  it('names a field of an argument other than input with the argument, as the server checks do', () => {
    const d = doc('query($filter: AnalyticsFilter) { referralFlows(filter: $filter) { total { value } } }');
    expect(fieldOfVariable(d, undefined, { variable: 'filter', path: ['from'] })).toBe('filter.from');
    const f = doc(
      'query($c: [ServiceCategory!]) { referralFlows(filter: { categories: $c }) { total { value } } }',
    );
    expect(fieldOfVariable(f, undefined, { variable: 'c', path: [] })).toBe('filter.categories');
  });

  it('reads the operation that ran when the document holds several', () => {
    const d = doc(
      'query A($x: Int) { referrals(first: $x) { totalCount } } query B($x: Int) { searchPeople(text: "ab", first: $x) { id } pathways(limit: $x) { steps } }',
    );
    expect(fieldOfVariable(d, 'A', { variable: 'x', path: [] })).toBe('first');
    expect(fieldOfVariable(d, 'B', { variable: 'x', path: [] })).toBe('first');
    expect(fieldOfVariable(d, undefined, { variable: 'x', path: [] })).toBeNull();
  });

  it('is null for a variable the operation does not use', () => {
    expect(
      fieldOfVariable(doc('query($f: Int) { me { id } }'), undefined, { variable: 'f', path: [] }),
    ).toBeNull();
  });
});
