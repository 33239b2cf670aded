import { buildSchema, parse } from 'graphql';
import { DEFAULT_LIST_BOUND, DEFAULT_PAGE, PAGE_BOUNDS, queryCost } from './query-cost.js';

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

  it('costs introspection nothing', () => {
    expect(queryCost(schema, parse('{ __schema { types { name fields { name } } } }'))).toBe(0);
    expect(queryCost(schema, parse('{ __type(name: "Item") { fields { name } } }'))).toBe(0);
  });
});
