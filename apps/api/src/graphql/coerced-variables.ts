import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { GqlContext } from '#libs/common';

type Coercion = ReturnType<typeof getVariableValues>;
const byRequest = new WeakMap<object, Coercion>();

/**
 * The operation's variables as execution will coerce them, worked out once per request: the cost
 * limit needs their values (`first: $n`), and the access check needs to know whether they coerce.
 */
export function coercedVariables(rc: GraphQLRequestContextDidResolveOperation<GqlContext>): Coercion {
  let coercion = byRequest.get(rc.request);
  if (!coercion) {
    coercion = getVariableValues(
      rc.schema,
      rc.operation?.variableDefinitions ?? [],
      rc.request.variables ?? {},
      {
        maxErrors: 1,
      },
    );
    byRequest.set(rc.request, coercion);
  }
  return coercion;
}
