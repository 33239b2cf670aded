import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { costEstimator, PAGE_BOUNDS } from '../../apps/api/src/graphql/limits/query-cost.js';

/**
 * The shared contract, beside the repository (../shared/contract from the repository root), or
 * where PATHWAYS_CONTRACT_DIR says.
 */
export const CONTRACT_DIR = path.resolve(
  process.env.PATHWAYS_CONTRACT_DIR ?? path.join(process.cwd(), '..', 'shared', 'contract'),
);

export function contractSchema(): GraphQLSchema {
  const file = path.join(CONTRACT_DIR, 'schema.graphql');
  if (!existsSync(file))
    throw new Error(
      `The contract is not at ${file}. These tests hold the server's schema to the shared contract, ` +
        `which sits beside the repository (../shared/contract); check it out there, or set ` +
        `PATHWAYS_CONTRACT_DIR to its directory.`,
    );
  return buildSchema(readFileSync(file, 'utf8'));
}

const isList = (f: GraphQLField<unknown, unknown>) => isListType(getNullableType(f.type));
const coordinate = (t: GraphQLObjectType, f: GraphQLField<unknown, unknown>) => `${t.name}.${f.name}`;

/** The largest arguments a reasonable client sends: `first` and `limit` at their maximum. */
export function maxArgs(field: GraphQLField<unknown, unknown>): Record<string, number> {
  const args: Record<string, number> = {};
  for (const a of field.args) {
    if (a.name === 'first') args.first = PAGE_BOUNDS.first;
    if (a.name === 'limit') args.limit = PAGE_BOUNDS.limit;
  }
  return args;
}

/**
 * The highest cost any operation of the contract can have when no list field appears twice along
 * one path, `first` ≤ 200 and depth ≤ 10 (CONTRACT.md section 10), computed over the schema with the
 * server's own cost estimator: each field's cost is maximal when everything below it is selected.
 */
export function maxContractCost(
  schema: GraphQLSchema,
  maxDepth = 10,
  root: 'Query' | 'Mutation' = 'Query',
): { field: string; cost: number }[] {
  const memo = new Map<string, number>();
  const best = (type: GraphQLObjectType, depthLeft: number, used: ReadonlySet<string>): number => {
    const key = `${type.name}|${depthLeft}|${[...used].sort().join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let sum = 0;
    for (const f of Object.values(type.getFields())) sum += fieldCost(type, f, depthLeft, used);
    memo.set(key, sum);
    return sum;
  };
  const fieldCost = (
    type: GraphQLObjectType,
    f: GraphQLField<unknown, unknown>,
    depthLeft: number,
    used: ReadonlySet<string>,
  ): number => {
    const named = getNamedType(f.type);
    let child = 0;
    if (isObjectType(named)) {
      // An object field needs at least one field under it: it fits only with depth to spare.
      if (depthLeft < 2) return 0;
      const c = coordinate(type, f);
      if (isList(f) && used.has(c)) return 0;
      child = best(named, depthLeft - 1, isList(f) ? new Set([...used, c]) : used);
      if (child === 0) return 0;
    }
    return costEstimator({ type, field: f, args: maxArgs(f), childComplexity: child });
  };
  const rootType = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!;
  return Object.values(rootType.getFields()).map((f) => ({
    field: f.name,
    cost: fieldCost(rootType, f, maxDepth, new Set()),
  }));
}

/** One root field's largest selection: its text and the variable definitions it needs. */
interface RootSelection {
  field: string;
  varDefs: string[];
  variableNames: string[];
}

/**
 * What may not repeat along one path of a largest selection: `types` (no object type twice: a
 * reasonable client's document) or `lists` (no list field twice: the widest document CONTRACT.md
 * section 10 still promises to run).
 */
export type Repeats = 'types' | 'lists';

function largestRootSelection(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation',
  fieldName: string,
  maxDepth: number,
  repeats: Repeats = 'types',
): RootSelection {
  const rootType = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!;
  const field = rootType.getFields()[fieldName];
  const varDefs: string[] = [];
  const args: string[] = [];
  for (const a of field.args) {
    if (a.name === 'first') args.push(`first: ${PAGE_BOUNDS.first}`);
    else if (a.name === 'limit') args.push(`limit: ${PAGE_BOUNDS.limit}`);
    else if (String(a.type).endsWith('!')) {
      varDefs.push(`$${a.name}: ${String(a.type)}`);
      args.push(`${a.name}: $${a.name}`);
    }
  }
  // `seen`: the object types (repeats `types`) or list fields (repeats `lists`) on the path so far.
  const select = (type: GraphQLObjectType, depth: number, seen: ReadonlySet<string>): string => {
    const parts: string[] = [];
    for (const f of Object.values(type.getFields())) {
      const named = getNamedType(f.type);
      if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
      else if (isObjectType(named) && depth < maxDepth) {
        const key = repeats === 'types' ? named.name : isList(f) ? coordinate(type, f) : null;
        if (key !== null && seen.has(key)) continue;
        const inner = select(named, depth + 1, key === null ? seen : new Set([...seen, key]));
        if (inner) parts.push(`${f.name} { ${inner} }`);
      }
    }
    return parts.join(' ');
  };
  const named = getNamedType(field.type);
  const start = new Set(repeats === 'types' ? [named.name] : []);
  const body = isObjectType(named) ? ` { ${select(named, 2, start)} }` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return {
    field: `${fieldName}${call}${body}`,
    varDefs,
    variableNames: field.args.filter((a) => String(a.type).endsWith('!')).map((a) => a.name),
  };
}

function operation(root: 'Query' | 'Mutation', name: string, selections: RootSelection[]) {
  const varDefs = new Map<string, string>();
  for (const d of selections.flatMap((s) => s.varDefs)) {
    const v = d.slice(0, d.indexOf(':'));
    if (varDefs.has(v) && varDefs.get(v) !== d) throw new Error(`variable ${v} is used with two types`);
    varDefs.set(v, d);
  }
  const vars = varDefs.size ? `(${[...varDefs.values()].join(', ')})` : '';
  return {
    query: `${root === 'Query' ? 'query' : 'mutation'} ${name}${vars} { ${selections.map((s) => s.field).join(' ')} }`,
    variableNames: [...new Set(selections.flatMap((s) => s.variableNames))],
  };
}

/**
 * A large, reasonable selection for a root field: every scalar at every level, object fields
 * followed while no type (or, with `repeats` = `lists`, no list field) repeats along the path and
 * depth stays ≤ `maxDepth`; `first`/`limit` at their maximum; required arguments given as variables.
 */
export function largestSelection(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation',
  fieldName: string,
  maxDepth = 10,
  repeats: Repeats = 'types',
): { query: string; variableNames: string[] } {
  return operation(root, 'Largest', [largestRootSelection(schema, root, fieldName, maxDepth, repeats)]);
}

/** One operation holding the largest selection of every field of `root`, each once. */
export function largestOperation(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation',
  maxDepth = 10,
): { query: string; variableNames: string[] } {
  const rootType = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!;
  const fields = Object.keys(rootType.getFields());
  return operation(
    root,
    'LargestOfAll',
    fields.map((f) => largestRootSelection(schema, root, f, maxDepth)),
  );
}
