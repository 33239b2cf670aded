import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * A document asking for an operation type the schema does not have (there are no subscriptions) does
 * not fit the schema: refused while validating (GRAPHQL_VALIDATION_FAILED), as graphql-js 17's
 * KnownOperationTypesRule does, instead of failing in execution as an internal error.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      const root =
        node.operation === 'query'
          ? schema.getQueryType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root)
        context.reportError(
          new GraphQLError(`This API does not support ${node.operation} operations.`, { nodes: node }),
        );
      return false;
    },
  };
}
