import type { GqlContext } from '#libs/common';

type Resolver = (parent: unknown, args: unknown, context: GqlContext, info: unknown) => unknown;

/**
 * Wraps every Mutation field's resolver so that it starts with empty request loaders
 * (RequestContext.forgetLoaded): in `mutation { a: withdrawConsent(…) { … } b: updatePerson(…) {
 * consents { active } } }`, b shows the consent withdrawn by a, not as it was read before.
 */
export function freshPerMutation<T extends object>(resolvers: T): T {
  const maps = (Array.isArray(resolvers) ? resolvers : [resolvers]) as Record<
    string,
    Record<string, unknown>
  >[];
  for (const m of maps) {
    const mutation = m.Mutation;
    if (!mutation) continue;
    for (const [field, resolve] of Object.entries(mutation)) {
      if (typeof resolve !== 'function') continue;
      const original = resolve as Resolver;
      mutation[field] = (parent: unknown, args: unknown, context: GqlContext, info: unknown) => {
        context.ctx.forgetLoaded();
        return original(parent, args, context, info);
      };
    }
  }
  return resolvers;
}
