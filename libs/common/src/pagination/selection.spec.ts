import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  parse,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldSelects } from './selection.js';

/** The info of the first root field of `doc`, as graphql-js hands it to that field's resolver. */
function infoOf(doc: string, variableValues: Record<string, unknown> = {}) {
  const parsed = parse(doc);
  const op = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of parsed.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments, variableValues };
}

describe('fieldSelects', () => {
  it.each<[string, string, boolean]>([
    ['directly', '{ referrals { totalCount edges { cursor } } }', true],
    ['under an alias', '{ referrals { n: totalCount } }', true],
    ['not at all', '{ referrals { edges { cursor } pageInfo { hasNextPage } } }', false],
    ['only deeper down (another type)', '{ referrals { edges { node { totalCount: id } } } }', false],
    ['in an inline fragment', '{ referrals { ... on ReferralConnection { totalCount } } }', true],
    ['in a named fragment', '{ referrals { ...F } } fragment F on ReferralConnection { totalCount }', true],
    [
      'in a fragment inside a fragment',
      '{ referrals { ...F } } fragment F on ReferralConnection { ...G } fragment G on ReferralConnection { totalCount }',
      true,
    ],
    ['under @include(if: false)', '{ referrals { totalCount @include(if: false) } }', false],
    ['under @include(if: true)', '{ referrals { totalCount @include(if: true) } }', true],
    ['under @skip(if: true)', '{ referrals { totalCount @skip(if: true) } }', false],
    ['in a skipped inline fragment', '{ referrals { ... @skip(if: true) { totalCount } } }', false],
    [
      'in a fragment spread left out',
      '{ referrals { ...F @include(if: false) } } fragment F on ReferralConnection { totalCount }',
      false,
    ],
    ['once skipped, once not', '{ referrals { totalCount @skip(if: true) n: totalCount } }', true],
  ])('%s', (_label, doc, expected) => {
    expect(fieldSelects(infoOf(doc), 'totalCount')).toBe(expected);
  });

  it('reads @skip/@include from the variables', () => {
    const doc = 'query($s: Boolean!) { referrals { totalCount @skip(if: $s) } }';
    expect(fieldSelects(infoOf(doc, { s: true }), 'totalCount')).toBe(false);
    expect(fieldSelects(infoOf(doc, { s: false }), 'totalCount')).toBe(true);
  });

  it('a skipped parent leaves out what is under it', () => {
    const doc = '{ journey { entries @skip(if: true) { service { id } } } }';
    expect(fieldSelects(infoOf(doc), 'entries', 'service')).toBe(false);
  });

  it.each<[string, string, boolean]>([
    ['a nested field', '{ journey { entries { at service { id } } } }', true],
    [
      'a nested field in fragments',
      '{ journey { ...J } } fragment J on Journey { entries { ... on JourneyEntry { service { id } } } }',
      true,
    ],
    ['the parent only', '{ journey { entries { at } } }', false],
    ['the nested name elsewhere', '{ journey { service: hiddenEntries entries { at } } }', false],
  ])('a path: %s', (_label, doc, expected) => {
    expect(fieldSelects(infoOf(doc), 'entries', 'service')).toBe(expected);
  });

  it('survives a fragment that spreads itself', () => {
    const doc = '{ referrals { ...F } } fragment F on ReferralConnection { edges { cursor } ...F }';
    expect(fieldSelects(infoOf(doc), 'totalCount')).toBe(false);
  });
});
