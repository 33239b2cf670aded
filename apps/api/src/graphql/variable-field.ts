import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Where a rejected variable sits in the client's input: the error names the variable (`$c`) and
 * the path inside its value; the client wants the input field (`capacity`, `equality.ethnicity`).
 */
export interface VariableTarget {
  variable: string;
  /** The path inside the variable's value, e.g. ['equality', 'ethnicity'] or ['needs[0]']. */
  path: string[];
}

/**
 * An input field as `extensions.field` names it: without list positions (`needs[0]` → "needs"), as
 * the server's own checks name a list ("needs", "responses"), so a client finds the form field the
 * same way whichever check refused it. The message still says which item.
 */
export function withoutListPositions(field: string): string {
  return field.replace(/\[\d+\]/g, '');
}

/** Marks a BAD_USER_INPUT about a variable for the request plugin, which has the document. */
export const VARIABLE_MARK = 'pathways:variable';

/** The first place `$name` is used in the operation: the argument, and the object fields inside it. */
function usageOf(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, SelectionSetNode>,
  name: string,
): { argument: string; fields: string[] } | null {
  const inValue = (value: ValueNode, fields: string[]): string[] | null => {
    if (value.kind === Kind.VARIABLE) return value.name.value === name ? fields : null;
    if (value.kind === Kind.OBJECT) {
      for (const f of value.fields) {
        const hit = inValue(f.value, [...fields, f.name.value]);
        if (hit) return hit;
      }
    }
    if (value.kind === Kind.LIST) {
      for (const [i, item] of value.values.entries()) {
        const last = fields.length ? `${fields[fields.length - 1]}[${i}]` : `[${i}]`;
        const hit = inValue(item, [...fields.slice(0, -1), last]);
        if (hit) return hit;
      }
    }
    return null;
  };
  const seen = new Set<string>();
  const inSelections = (set: SelectionSetNode): { argument: string; fields: string[] } | null => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        for (const arg of s.arguments ?? []) {
          const fields = inValue(arg.value, []);
          if (fields) return { argument: arg.name.value, fields };
        }
        const hit = s.selectionSet ? inSelections(s.selectionSet) : null;
        if (hit) return hit;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const hit = inSelections(s.selectionSet);
        if (hit) return hit;
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        const hit = f ? inSelections(f) : null;
        if (hit) return hit;
      }
    }
    return null;
  };
  return inSelections(operation.selectionSet);
}

/**
 * The input field a rejected variable stands for in `document`: the object fields around the
 * variable, then the path inside its value (`input: { capacity: $c }` → "capacity"); a variable that
 * is a whole argument is named by the path inside it (`input: $input` → "postcode", `filter:
 * $filter` → "filter.from") or, when the argument itself is wrong, by the argument (`first: $f` →
 * "first"). Null when the variable is not used (the error then keeps the variable's name).
 */
export function fieldOfVariable(
  document: DocumentNode,
  operationName: string | null | undefined,
  target: VariableTarget,
): string | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return null;
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const usage = usageOf(operation, fragments, target.variable);
  if (!usage) return null;
  const path = [...usage.fields, ...target.path].map(withoutListPositions).filter((p) => p !== '');
  if (path.length === 0) return usage.argument;
  // As the server's own checks name them: a mutation's `input` is left out ("postcode"), any other
  // argument is named ("filter.from"); a variable inside a list that is the argument itself,
  // `ids: [$a]`, is "ids".
  return usage.argument === 'input' ? path.join('.') : [usage.argument, ...path].join('.');
}
