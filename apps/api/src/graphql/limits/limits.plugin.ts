import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind } from 'graphql';
import { AppError, type GqlContext } from '#libs/common';
import { measureOperation, type OperationMeasure } from './query-cost.js';
import { coercedVariables } from '../coerced-variables.js';
import { withHttpStatus } from '../http-status.js';
import { tooComplex } from './query-limits.js';

const NODE_LIMIT_MESSAGE = /maximum allowed number of nodes/;

/**
 * Refuses a document over the cost limit after it is validated and before it runs. Cost needs the
 * variables (`first: $n`), which validation rules do not see; hence a plugin.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          // Only the operation that runs (and the fragments it may use) is costed.
          const document: DocumentNode = {
            kind: Kind.DOCUMENT,
            definitions: [
              rc.operation,
              ...rc.document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
            ],
          };
          // Invalid variables: execution refuses them with BAD_USER_INPUT before anything runs.
          const variables = coercedVariables(rc);
          if (variables.errors) return;
          let measure: OperationMeasure;
          try {
            measure = measureOperation(rc.schema, document, variables.coerced);
          } catch (e) {
            if (e instanceof Error && NODE_LIMIT_MESSAGE.test(e.message))
              throw withHttpStatus(tooComplex('the document has too many fields to evaluate.'), 400);
            // Anything else it cannot read, execution refuses with its own error.
            return;
          }
          // A refusal of the document, as the other limits are (in validation): 400, not 500.
          if (measure.cost > maxCost)
            throw withHttpStatus(
              tooComplex(`cost limit of ${maxCost} exceeded, found ${measure.cost}.`),
              400,
            );
          // Outside what the contract promises to run (a list field nested in itself): refused now when
          // its answer could pass the list-item budget (it would multiply with the data at every
          // level), mutations too, before they change anything; otherwise its answer is bounded
          // whatever the data (list-budget.ts).
          if (measure.listTwiceOnAPath) {
            const budget = rc.contextValue.ctx.maxListItems;
            if (budget !== undefined && measure.listItems > budget)
              throw withHttpStatus(AppError.tooManyPossibleListItems(budget), 400);
            rc.contextValue.ctx.boundListItemsAlways();
          }
        },
      };
    },
  };
}
