import type { GraphQLResolveInfo } from 'graphql';
import { AppError, COUNTED_LIST, type GqlContext, listBound } from '#libs/common';
import { wrapResolvers } from './wrap-resolvers.js';

/**
 * The most list items one query's answer may hold, by default (GRAPHQL_MAX_LIST_ITEMS), when it is
 * bounded: when its document nests a list field in itself (services { organisation { services … } }:
 * outside what the contract promises to run, the answer multiplying with the data at every level;
 * such a document whose answer could pass the budget at the expected data sizes is refused before
 * it runs, limits.plugin.ts), or once some list in it is longer than the data are expected to hold
 * (DATA_LIST_BOUNDS:
 * a partnership of hundreds of organisations, a person with hundreds of consents). Other answers,
 * the operations CONTRACT.md section 10 promises to run over data of the expected size, are bounded
 * by the cost limit alone. Every item is work on the API's one thread, shared by everyone: 100,000
 * (a 4 MB answer, over a second of CPU) let one signed-in caller stall the others with a few dozen
 * requests at once, so the bound is 20,000.
 */
export const MAX_LIST_ITEMS = 20_000;

/** Marks a resolver already wrapped (Nest may hand the same resolver maps to every app of a process). */
const WRAPPED = Symbol('pathways:list-budget');

/**
 * The longest list the data are expected to hold for the field being resolved: a page (`first`,
 * `limit`) is bounded by its argument, which the resolver holds to; any other list by listBound.
 */
function boundOf(info: GraphQLResolveInfo): number {
  const field = info.parentType.getFields()[info.fieldName];
  if (field?.args.some((a) => a.name === 'first' || a.name === 'limit')) return Infinity;
  return listBound(`${info.parentType.name}.${info.fieldName}`);
}

/** Counts a list the resolver returned, unless it counted it itself before reading it. */
function countReturned(
  context: GqlContext,
  value: unknown,
  limit: number,
  info: GraphQLResolveInfo,
): unknown {
  if (
    Array.isArray(value) &&
    !(value as unknown as Record<symbol, unknown>)[COUNTED_LIST] &&
    !context.ctx.countListItems(value.length, limit, boundOf(info))
  )
    throw AppError.tooManyListItems(limit);
  return value;
}

/**
 * Wraps every resolver so that the lists it returns count against the request's budget
 * (RequestContext.maxListItems): past it, when the answer is bounded (above), the field is refused
 * (QUERY_TOO_COMPLEX), and so is every field that would resolve after, before it reads anything.
 * The request plugin then answers with that one error alone.
 *
 * Queries only. A mutation's answer is built after its change has committed: refusing it then would
 * tell the client that a change it made had failed (a retry would make it twice). A mutation answers
 * about the records it changed, within the cost limit, and each of its fields counts against the
 * rate limit.
 */
export function limitListItems<T extends object>(resolvers: T): T {
  return wrapResolvers(
    resolvers,
    WRAPPED,
    () => true,
    (original) => (parent, args, context, info) => {
      // A mutation's answer has no budget, for this wrapper nor for resolvers that count first.
      if ((info as GraphQLResolveInfo).operation.operation === 'mutation')
        context.ctx.maxListItems = undefined;
      const limit = context.ctx.maxListItems;
      if (limit === undefined) return original(parent, args, context, info);
      if (context.ctx.listItemsOver(limit)) throw AppError.tooManyListItems(limit);
      const result = original(parent, args, context, info);
      if (result && typeof (result as PromiseLike<unknown>).then === 'function')
        return (result as Promise<unknown>).then((v) =>
          countReturned(context, v, limit, info as GraphQLResolveInfo),
        );
      return countReturned(context, result, limit, info as GraphQLResolveInfo);
    },
  );
}
