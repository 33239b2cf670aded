import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

export const SOME_UUID = '00000000-0000-4000-8000-000000000000';

/** A value of the right type for any input type (required input fields filled, lists of one). */
export function placeholder(type: GraphQLInputType, name = ''): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [placeholder(t.ofType as GraphQLInputType, name)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = placeholder(f.type, f.name);
    }
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'ID':
        return SOME_UUID;
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'Date':
        return '2020-01-01';
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return /password/i.test(name)
          ? 'a-long-enough-password'
          : /email/i.test(name)
            ? 'x@example.org'
            : 'ab';
    }
  }
  return null;
}

/** The smallest selection that is valid under a field's return type. */
export function minimalSelection(field: GraphQLField<unknown, unknown>): string {
  return isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
}

/** A document calling one root field with every argument as a variable; variables given by `values`. */
export function callDocument(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation',
  fieldName: string,
  values: (arg: GraphQLArgument) => unknown = (a) => placeholder(a.type, a.name),
): { query: string; variables: Record<string, unknown> } {
  const type = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!;
  const field = type.getFields()[fieldName];
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const a of field.args) {
    const v = isNonNullType(a.type) ? values(a) : a.name === 'first' ? 1 : a.name === 'limit' ? 1 : undefined;
    if (v === undefined) continue;
    defs.push(`$${a.name}: ${String(a.type)}`);
    args.push(`${a.name}: $${a.name}`);
    variables[a.name] = v;
  }
  const op = root === 'Query' ? 'query' : 'mutation';
  const query = `${op} Call${defs.length ? `(${defs.join(', ')})` : ''} { ${fieldName}${
    args.length ? `(${args.join(', ')})` : ''
  }${minimalSelection(field)} }`;
  return { query, variables };
}
