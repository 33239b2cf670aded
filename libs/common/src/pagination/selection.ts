import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/** What `fieldSelects` needs of a resolver's GraphQLResolveInfo. */
export interface SelectionInfo {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * True when the field being resolved selects `name` directly, through an inline fragment or a named
 * fragment. Conservative: a selection under @skip/@include counts as selected, so a caller that
 * leaves work out when this is false never leaves out work the client asked for.
 */
export function fieldSelects(info: SelectionInfo, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const s of set.selections) {
      if (s.kind === 'Field') {
        if (s.name.value === name) return true;
      } else if (s.kind === 'InlineFragment') {
        if (within(s.selectionSet)) return true;
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        if (within(info.fragments[s.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
