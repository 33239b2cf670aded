import { wrapResolvers } from './wrap-resolvers.js';

const WRAPPED = Symbol('pathways:fresh-per-mutation');

/**
 * Wraps every Mutation field's resolver so that it starts with empty request loaders
 * (RequestContext.forgetLoaded): in `mutation { a: withdrawConsent(…) { … } b: updatePerson(…) {
 * consents { active } } }`, b shows the consent withdrawn by a, not as it was read before.
 */
export function freshPerMutation<T extends object>(resolvers: T): T {
  return wrapResolvers(
    resolvers,
    WRAPPED,
    (type) => type === 'Mutation',
    (original) => (parent, args, context, info) => {
      context.ctx.forgetLoaded();
      return original(parent, args, context, info);
    },
  );
}
