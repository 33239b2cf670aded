import type { GraphQLFieldResolver } from 'graphql';
import { AppError, type GqlContext, type RequestContext, type Role } from '#libs/common';

/** Field resolvers by type and field name, installed as they are (see `directField`). */
export type DirectResolvers = Record<string, Record<string, GraphQLFieldResolver<any, GqlContext>>>;

/**
 * A field resolver that graphql-js calls directly, without Nest's per-call pipeline (an execution
 * context, the guard, parameter pipes and interceptors: a dozen promises per call), for relation
 * fields resolved many times in one response (a page of 50 referrals resolves 150 of them). It makes
 * the AuthGuard's decision itself: a signed-in actor (UNAUTHENTICATED otherwise) whose role is one
 * of `roles` (FORBIDDEN otherwise).
 */
export function directField<S, R>(
  roles: readonly Role[],
  resolve: (source: S, ctx: RequestContext) => R | Promise<R>,
): GraphQLFieldResolver<S, GqlContext> {
  const allow = (role: Role): void => {
    if (!roles.includes(role)) throw AppError.forbidden();
  };
  return (parent, _args, gql) => {
    const ctx = gql.ctx;
    if (ctx.isSignedIn) {
      allow(ctx.actor.role);
      return resolve(parent, ctx);
    }
    return ctx.resolveActor().then((actor) => {
      if (!actor) throw AppError.unauthenticated();
      allow(actor.role);
      return resolve(parent, ctx);
    });
  };
}

/**
 * Replaces the resolvers Nest built for these fields (declared with @ResolveField, which keeps
 * their place and description in the schema) by direct ones. Fails at start-up when a field is not
 * declared.
 */
export function installDirectResolvers<T extends object>(resolvers: T, direct: DirectResolvers): T {
  const maps = (Array.isArray(resolvers) ? resolvers : [resolvers]) as Record<
    string,
    Record<string, unknown>
  >[];
  for (const [type, fields] of Object.entries(direct))
    for (const [field, resolve] of Object.entries(fields)) {
      const declaring = maps.filter((m) => m[type] && field in m[type]);
      if (declaring.length === 0)
        throw new Error(`${type}.${field} is not declared with @ResolveField; nothing to replace`);
      for (const m of declaring) m[type][field] = resolve;
    }
  return resolvers;
}
