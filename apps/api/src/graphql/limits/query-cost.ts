import { type DocumentNode, getNullableType, type GraphQLSchema, isCompositeType, isListType } from 'graphql';
import {
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
  getComplexity,
} from 'graphql-query-complexity';
import { INTROSPECTION_FIELDS } from './query-limits.js';

/**
 * The cost model of CONTRACT.md section 10 (computed by graphql-query-complexity from the schema):
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

/** Upper bounds of lists without a `first` argument ("Type.field"), from what the partnership holds. */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Query.organisations': 50,
  'Query.services': 200,
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
  'ReferralConnection.edges': 1,
  'AuditEventConnection.nodes': 1,
};
/** Any other list of objects. */
export const DEFAULT_LIST_BOUND = 20;

/**
 * The largest cost a document may have. Every operation of the contract with no list field twice
 * along one path, `first` ≤ 200 and depth ≤ 10 must fit (section 10), aliases included: the most
 * expensive one asks for the most expensive Query field (the journey, 69.7M) 16 times (itself and
 * 15 aliases) and for every other Query field once, 1.19G in all. Lists nested in themselves and
 * aliased cost more (test/hardening/query-limits.e2e-spec.ts holds the schema to both), and
 * whatever the cost, an answer holds at most GRAPHQL_MAX_LIST_ITEMS list items (list-budget.ts).
 */
export const DEFAULT_COST_LIMIT = 1_500_000_000;

/** Nodes graphql-query-complexity may visit before giving up (a document of fragments can explode). */
const MAX_QUERY_NODES = 20_000;

function clamp(n: unknown, max: number): number | null {
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  // Out-of-range values are refused by the resolver (BAD_USER_INPUT), so cost them at the bound.
  return Math.min(Math.max(Math.trunc(n), 1), max);
}

/** The multiplier a field applies to what is selected under it. */
export function fieldMultiplier({
  type,
  field,
  args,
}: Pick<ComplexityEstimatorArgs, 'type' | 'field' | 'args'>): number {
  const page = clamp(args.first, PAGE_BOUNDS.first) ?? clamp(args.limit, PAGE_BOUNDS.limit);
  if (page !== null) return page;
  if (field.args.some((a) => a.name === 'first' || a.name === 'limit')) return DEFAULT_PAGE;
  const inner = getNullableType(field.type);
  if (isListType(inner) && isCompositeType(getNullableType(inner.ofType as never) ?? inner.ofType)) {
    return LIST_BOUNDS[`${type.name}.${field.name}`] ?? DEFAULT_LIST_BOUND;
  }
  return 1;
}

export const costEstimator: ComplexityEstimator = (options) => {
  if (INTROSPECTION_FIELDS.has(options.field.name)) return 0;
  return 1 + fieldMultiplier(options) * options.childComplexity;
};

/** The cost of the operation (throws when the document is too large to even count). */
export function queryCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
  maxQueryNodes = MAX_QUERY_NODES,
): number {
  return getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [costEstimator],
    maxQueryNodes,
  });
}
