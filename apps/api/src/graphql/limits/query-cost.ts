import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { listBound } from '#libs/common';
import { INTROSPECTION_FIELDS } from './query-limits.js';

/**
 * The cost model of CONTRACT.md section 10 (computed from the schema, as the operation will run):
 * every field costs 1 plus what is selected under it; a field taking `first` (connections,
 * searchPeople) or `limit` (pathways) multiplies what is under it by that number; any other list
 * of objects multiplies by its known bound below. Introspection costs nothing.
 */
export const PAGE_BOUNDS = { first: 200, limit: 50 } as const;

/**
 * What a page holds when `first` or `limit` is left out or null: the largest default of the
 * resolvers (referrals and auditEvents give 50, searchPeople 20, pathways 10), so it is never
 * under-counted.
 */
export const DEFAULT_PAGE = 50;

/** The lists of a connection ("Type.field"), as long as the page asked for on the connection field. */
export const PAGED_LISTS: ReadonlySet<string> = new Set([
  'ReferralConnection.edges',
  'AuditEventConnection.nodes',
]);

/**
 * Upper bounds of lists without a `first` argument ("Type.field"), from what the partnership holds:
 * what the cost multiplies by. (What the data may hold before an answer is bounded whatever its
 * cost is a separate, longer list: DATA_LIST_BOUNDS, list-bounds.ts.)
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Query.organisations': 50,
  'Query.services': 200,
  'Query.staff': 200,
  'Query.referralFunnel': 50,
  'Query.outcomeSummary': 12,
  'Organisation.services': 20,
  'Staff.services': 5,
  'Person.consents': 10,
  'Consent.organisations': 50,
  'Referral.history': 10,
  'Journey.entries': 100,
  'FlowReport.cells': 225,
  'WellbeingChange.items': 4,
  // Connection lists are already multiplied by `first` on the connection field.
  ...Object.fromEntries([...PAGED_LISTS].map((c) => [c, 1])),
};
/** Any other list of objects. */
export const DEFAULT_LIST_BOUND = 20;

/**
 * The largest cost a document may have. Every operation of the contract with no list field twice
 * along one path, `first` ≤ 200 and depth ≤ 10 must fit (section 10), aliases included: the most
 * expensive one asks for the most expensive Query field (the journey, 69.7M) 16 times (itself and
 * 15 aliases) and for every other Query field once, 1.19G in all. Lists nested in themselves and
 * aliased cost more (test/hardening/query-limits.e2e-spec.ts holds the schema to both). Whatever
 * the cost, a document that nests a list field in itself is refused before it runs when its answer
 * could hold more than GRAPHQL_MAX_LIST_ITEMS list items with the data at their expected sizes
 * (OperationMeasure.listItems); its answer, and that of a document whose data hold longer lists than
 * expected (DATA_LIST_BOUNDS), holds at most that many (list-budget.ts).
 */
export const DEFAULT_COST_LIMIT = 1_500_000_000;

/**
 * Selections the count may visit before giving up (a document of fragments spread within fragments
 * can explode). The widest operation section 10 promises to run visits about 21,700: every Query
 * field at its widest (no list field twice along a path, depth 10) and the widest of them, the
 * journey (1,282), 15 times more as aliases, written with fragments to stay within the token limit.
 */
const MAX_QUERY_NODES = 100_000;

function clamp(n: unknown, max: number): number | null {
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  // Out-of-range values are refused by the resolver (BAD_USER_INPUT), so cost them at the bound.
  return Math.min(Math.max(Math.trunc(n), 1), max);
}

/** A field where it is selected: on which type, and with which arguments. */
interface FieldAt {
  type: { name: string };
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
}

/**
 * How many of what is selected under a field one of its values holds: a page as many as asked for
 * (its default when left out), any other list of objects `bound` of its coordinate ("Type.field").
 */
function multiplier({ type, field, args }: FieldAt, bound: (coordinate: string) => number): number {
  const page = clamp(args.first, PAGE_BOUNDS.first) ?? clamp(args.limit, PAGE_BOUNDS.limit);
  if (page !== null) return page;
  if (field.args.some((a) => a.name === 'first' || a.name === 'limit')) return DEFAULT_PAGE;
  return isCompositeList(field) ? bound(`${type.name}.${field.name}`) : 1;
}

/** The multiplier a field applies to what is selected under it, for the cost (LIST_BOUNDS). */
export function fieldMultiplier(at: FieldAt): number {
  return multiplier(at, (coordinate) => LIST_BOUNDS[coordinate] ?? DEFAULT_LIST_BOUND);
}

/**
 * The multiplier for the list items of an answer when the data are as large as they are expected to
 * be (DATA_LIST_BOUNDS): a connection's list is as long as its page (counted on the connection
 * field), any other list of objects as long as the data may hold.
 */
export function dataMultiplier(at: FieldAt): number {
  return multiplier(at, (coordinate) => (PAGED_LISTS.has(coordinate) ? 1 : listBound(coordinate)));
}

/** Whether a field is a list of objects (of an object, interface or union type). */
function isCompositeList(field: GraphQLField<unknown, unknown>): boolean {
  const inner = getNullableType(field.type);
  return isListType(inner) && isCompositeType(getNamedType(inner));
}

/** One field's cost: 1 plus its multiplier times what is selected under it (introspection: 0). */
export function costEstimator(options: FieldAt & { childComplexity: number }): number {
  if (INTROSPECTION_FIELDS.has(options.field.name)) return 0;
  return 1 + fieldMultiplier(options) * options.childComplexity;
}

/**
 * The cost of the operation, counted as it will run: fields with the same response key in one
 * selection (the same field written twice, or selected again through overlapping fragments) are
 * merged, as execution merges them, and costed once; @skip and @include are honoured. Throws when
 * the variables do not coerce (execution then refuses them) or the document has more than
 * `maxQueryNodes` selections to visit.
 */
export function queryCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
  maxQueryNodes = MAX_QUERY_NODES,
): number {
  const operation = query.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return operationCost(schema, query, coerced.coerced, operationName, maxQueryNodes);
}

/** queryCost for variables already coerced (as execution coerces them). */
export function operationCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  vars: Record<string, unknown>,
  operationName?: string,
  maxQueryNodes = MAX_QUERY_NODES,
): number {
  return measureOperation(schema, query, vars, operationName, maxQueryNodes).cost;
}

/** What the limits need to know of an operation before it runs. */
export interface OperationMeasure {
  /** Its cost (operationCost). */
  cost: number;
  /**
   * Whether some list field ("Type.field") appears twice along one path of its selections
   * (services { organisation { services … } }): such an operation is outside what CONTRACT.md
   * section 10 promises to run, and its answer is bounded whatever the data (list-budget.ts).
   */
  listTwiceOnAPath: boolean;
  /**
   * The most list items (elements of lists of objects) its answer can hold while the data keep to
   * the sizes they are expected to hold (dataMultiplier): what a document that nests a list field
   * in itself is refused for, before it runs, when past the budget (GRAPHQL_MAX_LIST_ITEMS).
   */
  listItems: number;
}

/** operationCost, and whether the operation nests a list field in itself. */
export function measureOperation(
  schema: GraphQLSchema,
  query: DocumentNode,
  vars: Record<string, unknown>,
  operationName?: string,
  maxQueryNodes = MAX_QUERY_NODES,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of query.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (
      d.kind === Kind.OPERATION_DEFINITION &&
      (operationName ? d.name?.value === operationName : !operation)
    )
      operation = d;
  }
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { cost: 0, listTwiceOnAPath: false, listItems: 0 };

  let visited = 0;
  let listTwiceOnAPath = false;
  const included = (node: SelectionNode): boolean =>
    getDirectiveValues(GraphQLSkipDirective, node, vars)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, vars)?.if !== false;
  const applies = (type: GraphQLObjectType, condition: NamedTypeNode | undefined): boolean => {
    if (!condition) return true;
    const target = schema.getType(condition.name.value);
    return target === type || (isAbstractType(target) && schema.isSubType(target, type));
  };
  /** The fields of `sets` by response key, through fragments, as execution collects them. */
  const collect = (
    type: GraphQLObjectType,
    sets: readonly SelectionSetNode[],
    into = new Map<string, FieldNode[]>(),
    spread = new Set<string>(),
  ): Map<string, FieldNode[]> => {
    for (const set of sets)
      for (const sel of set.selections) {
        if (++visited > maxQueryNodes) throw new Error('Query exceeds the maximum allowed number of nodes.');
        if (!included(sel)) continue;
        if (sel.kind === Kind.FIELD) {
          const key = sel.alias?.value ?? sel.name.value;
          const same = into.get(key);
          if (same) same.push(sel);
          else into.set(key, [sel]);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          if (applies(type, sel.typeCondition)) collect(type, [sel.selectionSet], into, spread);
        } else if (!spread.has(sel.name.value)) {
          spread.add(sel.name.value);
          const fragment = fragments.get(sel.name.value);
          if (fragment && applies(type, fragment.typeCondition))
            collect(type, [fragment.selectionSet], into, spread);
        }
      }
    return into;
  };
  /**
   * The cost of `sets` on one value of `type`, and the list items one such value holds; `lists`: the
   * list fields on the path to `sets`.
   */
  const measure = (
    type: GraphQLObjectType,
    sets: readonly SelectionSetNode[],
    lists: ReadonlySet<string>,
  ): { cost: number; items: number } => {
    let cost = 0;
    let items = 0;
    for (const nodes of collect(type, sets).values()) {
      const name = nodes[0].name.value;
      if (INTROSPECTION_FIELDS.has(name)) continue;
      if (name === '__typename') {
        cost += 1;
        continue;
      }
      const field = type.getFields()[name];
      if (!field) continue; // not in the schema: validation has refused it already
      const inner = getNamedType(field.type);
      const children = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      let below = lists;
      const list = isCompositeList(field);
      if (list) {
        const coordinate = `${type.name}.${name}`;
        if (lists.has(coordinate)) listTwiceOnAPath = true;
        below = new Set([...lists, coordinate]);
      }
      const under = isObjectType(inner)
        ? measure(inner, children, below)
        : isAbstractType(inner)
          ? schema
              .getPossibleTypes(inner)
              .map((t) => measure(t, children, below))
              .reduce((a, b) => ({ cost: Math.max(a.cost, b.cost), items: Math.max(a.items, b.items) }), {
                cost: 0,
                items: 0,
              })
          : { cost: 0, items: 0 };
      const args = getArgumentValues(field, nodes[0], vars);
      cost += costEstimator({ type, field, args, childComplexity: under.cost });
      const n = dataMultiplier({ type, field, args });
      items += n * ((list ? 1 : 0) + under.items);
    }
    return { cost, items };
  };
  const { cost, items } = measure(root, [operation.selectionSet], new Set());
  return { cost, listTwiceOnAPath, listItems: items };
}
