import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/** What `fieldSelects` needs of a resolver's GraphQLResolveInfo. */
export interface SelectionInfo {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * True when the field being resolved selects the field at `path` (e.g. 'totalCount', or 'entries',
 * 'service' for a field of the list's items), directly, through inline fragments or through named
 * fragments. Conservative: a selection under @skip/@include counts as selected, so a caller that
 * leaves work out when this is false never leaves out work the client asked for.
 */
export function fieldSelects(info: SelectionInfo, ...path: [string, ...string[]]): boolean {
  /** The fields named `name` in a selection set, fragments flattened. */
  const fieldsNamed = (
    set: SelectionSetNode | undefined,
    name: string,
    seen: Set<string>,
    out: FieldNode[],
  ) => {
    if (!set) return out;
    for (const s of set.selections) {
      if (s.kind === 'Field') {
        if (s.name.value === name) out.push(s);
      } else if (s.kind === 'InlineFragment') {
        fieldsNamed(s.selectionSet, name, seen, out);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        fieldsNamed(info.fragments[s.name.value]?.selectionSet, name, seen, out);
      }
    }
    return out;
  };
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) fieldsNamed(node.selectionSet, name, new Set(), next);
    if (next.length === 0) return false;
    level = next;
  }
  return true;
}
