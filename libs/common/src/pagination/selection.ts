import {
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/** What `fieldSelects` needs of a resolver's GraphQLResolveInfo. */
export interface SelectionInfo {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues?: Record<string, unknown>;
}

/** Whether @skip/@include leave this selection in, as graphql-js decides when it executes. */
function included(
  node: FieldNode | InlineFragmentNode | FragmentSpreadNode,
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/**
 * True when the field being resolved selects the field at `path` (e.g. 'totalCount', or 'entries',
 * 'service' for a field of the list's items), directly, through inline fragments or through named
 * fragments, leaving out what @skip/@include leave out (as execution does: what this says is not
 * selected is never resolved).
 */
export function fieldSelects(info: SelectionInfo, ...path: [string, ...string[]]): boolean {
  const variables = info.variableValues ?? {};
  /** The fields named `name` in a selection set, fragments flattened. */
  const fieldsNamed = (
    set: SelectionSetNode | undefined,
    name: string,
    seen: Set<string>,
    out: FieldNode[],
  ) => {
    if (!set) return out;
    for (const s of set.selections) {
      if (!included(s, variables)) continue;
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
