import type { GqlContext } from '#libs/common';

export type Resolver = (parent: unknown, args: unknown, context: GqlContext, info: unknown) => unknown;

/**
 * Replaces each resolver function of the maps Nest builds (one map, or a list of them) for which
 * `pick(type)` holds by `wrap(original)`, once: `mark` tags the replacement, and a resolver already
 * tagged is left alone (Nest may hand the same maps to every app of a process, as the tests do).
 */
export function wrapResolvers<T extends object>(
  resolvers: T,
  mark: symbol,
  pick: (type: string) => boolean,
  wrap: (original: Resolver) => Resolver,
): T {
  const maps = (Array.isArray(resolvers) ? resolvers : [resolvers]) as Record<
    string,
    Record<string, unknown>
  >[];
  for (const m of maps)
    for (const [type, fields] of Object.entries(m)) {
      if (!pick(type) || !fields || typeof fields !== 'object') continue;
      for (const [field, resolve] of Object.entries(fields)) {
        if (typeof resolve !== 'function' || mark in resolve) continue;
        fields[field] = Object.assign(wrap(resolve as Resolver), { [mark]: true });
      }
    }
  return resolvers;
}
