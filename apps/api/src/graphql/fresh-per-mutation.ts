import { wrapResolvers } from './wrap-resolvers.js';

const WRAPPED = Symbol('pathways:fresh-per-mutation');

/**
 * Wraps every Mutation field's resolver so that it starts afresh (RequestContext.startMutationField):
 * with empty request loaders, so that in `mutation { a: withdrawConsent(…) { … } b: updatePerson(…) {
 * consents { active } } }` b shows the consent withdrawn by a, not as it was read before; and, after
 * the first field, with its caller verified again, so that a staff member deactivated while the
 * document runs stops acting at once.
 */
export function freshPerMutation<T extends object>(resolvers: T): T {
  return wrapResolvers(
    resolvers,
    WRAPPED,
    (type) => type === 'Mutation',
    (original) => (parent, args, context, info) => {
      context.ctx.startMutationField();
      return original(parent, args, context, info);
    },
  );
}
