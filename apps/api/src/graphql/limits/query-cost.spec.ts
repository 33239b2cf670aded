import { buildSchema, parse } from 'graphql';
import { DEFAULT_DATA_LIST_BOUND } from '#libs/common';
import { DEFAULT_LIST_BOUND, DEFAULT_PAGE, measureOperation, PAGE_BOUNDS, queryCost } from './query-cost.js';

const schema = buildSchema(`
  type Item { id: ID! children: [Item!]! }
  type Conn { edges: [Edge!]! total: Int! }
  type Edge { node: Item! }
  type Query { items(first: Int = 50): [Item!]! one: Item page(limit: Int = 10): [Item!]! bare(first: Int): Conn! }
`);

describe('queryCost', () => {
  it('counts every field, multiplying by first under a list', () => {
    // items(1 + 3 × (id 1)) = 4
    expect(queryCost(schema, parse('{ items(first: 3) { id } }'))).toBe(4);
    expect(queryCost(schema, parse('{ one { id } }'))).toBe(2);
  });

  it('reads first from variables and defaults', () => {
    expect(queryCost(schema, parse('query($n: Int) { items(first: $n) { id } }'), { n: 7 })).toBe(8);
    expect(queryCost(schema, parse('{ items { id } }'))).toBe(51);
  });

  it('costs first or limit given as null at the default page, which is what the resolver then returns', () => {
    expect(queryCost(schema, parse('{ items(first: null) { id } }'))).toBe(1 + DEFAULT_PAGE);
    expect(queryCost(schema, parse('query($n: Int) { items(first: $n) { id } }'), { n: null })).toBe(
      1 + DEFAULT_PAGE,
    );
    expect(queryCost(schema, parse('{ page(limit: null) { id } }'))).toBe(1 + DEFAULT_PAGE);
    expect(queryCost(schema, parse('{ bare { total } }'))).toBe(1 + DEFAULT_PAGE);
  });

  it('caps first and limit at their contract bounds (bigger values are refused by the resolver)', () => {
    expect(queryCost(schema, parse('{ items(first: 100000) { id } }'))).toBe(1 + PAGE_BOUNDS.first);
    expect(queryCost(schema, parse('{ page(limit: 100000) { id } }'))).toBe(1 + PAGE_BOUNDS.limit);
  });

  it('multiplies by the default bound under a list without first', () => {
    expect(queryCost(schema, parse('{ one { children { id } } }'))).toBe(1 + 1 + DEFAULT_LIST_BOUND);
  });

  it('multiplies nested lists', () => {
    const cost = queryCost(schema, parse('{ items(first: 10) { children { children { id } } } }'));
    expect(cost).toBe(1 + 10 * (1 + DEFAULT_LIST_BOUND * (1 + DEFAULT_LIST_BOUND)));
  });

  it('costs a field once however often it is written, as execution merges it', () => {
    const once = queryCost(schema, parse('{ items(first: 10) { id children { id } } }'));
    expect(queryCost(schema, parse('{ items(first: 10) { id } items(first: 10) { children { id } } }'))).toBe(
      once,
    );
    const fragments = parse(
      '{ items(first: 10) { ...A ...B ...A } } fragment A on Item { id children { id } } fragment B on Item { children { id } id }',
    );
    expect(queryCost(schema, fragments)).toBe(once);
    expect(
      queryCost(schema, parse('{ items(first: 10) { ... { id } ... on Item { children { id } } } }')),
    ).toBe(once);
  });

  it('costs each alias, which runs on its own', () => {
    const one = queryCost(schema, parse('{ items(first: 10) { id } }'));
    expect(queryCost(schema, parse('{ a: items(first: 10) { id } b: items(first: 10) { id } }'))).toBe(
      2 * one,
    );
  });

  it('leaves out what @skip and @include leave out', () => {
    const q = parse('query($s: Boolean!) { items(first: 10) { id children @skip(if: $s) { id } } }');
    expect(queryCost(schema, q, { s: true })).toBe(1 + 10);
    expect(queryCost(schema, q, { s: false })).toBe(1 + 10 * (2 + DEFAULT_LIST_BOUND));
    expect(queryCost(schema, parse('{ one @include(if: false) { id } }'))).toBe(0);
  });

  it('refuses a document with more selections than it will visit', () => {
    const many = Array.from({ length: 50 }, (_, i) => `a${i}: id`).join(' ');
    expect(() => queryCost(schema, parse(`{ one { ${many} } }`), {}, undefined, 20)).toThrow(
      'maximum allowed number of nodes',
    );
  });

  it('costs introspection nothing', () => {
    expect(queryCost(schema, parse('{ __schema { types { name fields { name } } } }'))).toBe(0);
    expect(queryCost(schema, parse('{ __type(name: "Item") { fields { name } } }'))).toBe(0);
  });
});

describe('measureOperation: a list field twice along one path', () => {
  const twice = (doc: string) => measureOperation(schema, parse(doc), {}).listTwiceOnAPath;

  it.each([
    ['{ items { children { id } } }', false],
    ['{ one { children { children { id } } } }', true],
    ['{ items { children { id } } page { children { id } } }', false],
    ['{ a: one { children { id } } b: one { children { id } } }', false],
    ['{ one { children { id } } items { id } }', false],
    ['{ items { children { children { id } } } }', true],
    [
      '{ one { ...C } } fragment C on Item { children { ...D } } fragment D on Item { children { id } }',
      true,
    ],
    ['{ one { children { ... on Item { children @skip(if: true) { id } } } } }', false],
  ])('%s: %s', (doc, expected) => {
    expect(twice(doc)).toBe(expected);
  });

  it('measures the same cost as queryCost', () => {
    const doc = '{ items(first: 10) { id children { id } } }';
    expect(measureOperation(schema, parse(doc), {}).cost).toBe(queryCost(schema, parse(doc)));
  });
});

describe('measureOperation: the list items an answer can hold at the expected data sizes', () => {
  const items = (doc: string, vars: Record<string, unknown> = {}) =>
    measureOperation(schema, parse(doc), vars).listItems;

  it.each([
    // No list: nothing.
    ['{ one { id } }', 0],
    // A page holds what it asks for (its default when left out), capped at the contract's bound.
    ['{ items(first: 3) { id } }', 3],
    ['{ items { id } }', DEFAULT_PAGE],
    ['{ items(first: 100000) { id } }', PAGE_BOUNDS.first],
    ['{ page(limit: 4) { id } }', 4],
    // Any other list of objects as long as the data may hold (listBound), under each item above it.
    ['{ one { children { id } } }', DEFAULT_DATA_LIST_BOUND],
    ['{ items(first: 2) { children { id } } }', 2 + 2 * DEFAULT_DATA_LIST_BOUND],
    [
      '{ one { children { children { id } } } }',
      DEFAULT_DATA_LIST_BOUND + DEFAULT_DATA_LIST_BOUND * DEFAULT_DATA_LIST_BOUND,
    ],
    // Aliases add up; the same field written twice is merged, as execution merges it.
    ['{ a: items(first: 3) { id } b: items(first: 4) { id } }', 7],
    ['{ items(first: 3) { id } items(first: 3) { children { id } } }', 3 + 3 * DEFAULT_DATA_LIST_BOUND],
    // Skipped selections hold nothing.
    ['{ items(first: 3) { id children @skip(if: true) { id } } }', 3],
  ])('%s: %d', (doc, expected) => {
    expect(items(doc)).toBe(expected);
  });

  it('reads a page size from the variables', () => {
    expect(items('query($n: Int) { items(first: $n) { children { id } } }', { n: 5 })).toBe(
      5 + 5 * DEFAULT_DATA_LIST_BOUND,
    );
  });
});
