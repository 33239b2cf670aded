import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import {
  AUDITED_KEY,
  type AuditedMeta,
  CHECKS_FIRST_KEY,
  PUBLIC_KEY,
  type RequestContext,
  type Role,
  ROLES_KEY,
} from '#libs/common';

/** Who may call one Query or Mutation field, as its resolver's decorators say (read by AuthGuard). */
export interface RootFieldAccess {
  isPublic: boolean;
  /** Undefined: any signed-in staff member. */
  roles?: readonly Role[];
  audited?: AuditedMeta;
  /** The checks made before the input rules of an operation not on person-level data (ChecksFirst). */
  checksFirst?: (ctx: RequestContext, args: Record<string, unknown>) => Promise<void>;
}

/** The ChecksFirst method of a resolver instance, bound to it; a name it does not have is a mistake in the code. */
function checksFirstOf(instance: unknown, method: string | undefined): RootFieldAccess['checksFirst'] {
  if (method === undefined) return undefined;
  const fn = (instance as Record<string, unknown> | null)?.[method];
  if (typeof fn !== 'function')
    throw new Error(`@ChecksFirst names ${method}, which is not a method of its resolver`);
  return (fn as NonNullable<RootFieldAccess['checksFirst']>).bind(instance);
}

/**
 * The access rules of every Query and Mutation field ("Query.person", "Mutation.login"), read from
 * the resolvers' metadata, for checks made before any resolver runs.
 */
export function rootFieldAccess(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): Map<string, RootFieldAccess> {
  const access = new Map<string, RootFieldAccess>();
  for (const wrapper of discovery.getProviders()) {
    const metatype = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
    const proto = metatype?.prototype as Record<string, unknown> | undefined;
    if (!proto || typeof metatype !== 'function') continue;
    for (const method of scanner.getAllMethodNames(proto)) {
      const handler = proto[method];
      if (typeof handler !== 'function') continue;
      const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? method;
      const targets = [handler, metatype];
      access.set(`${type}.${name}`, {
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
        roles: reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets),
        audited: reflector.get<AuditedMeta | undefined>(AUDITED_KEY, handler),
        checksFirst: checksFirstOf(
          wrapper.instance,
          reflector.get<string | undefined>(CHECKS_FIRST_KEY, handler),
        ),
      });
    }
  }
  return access;
}
