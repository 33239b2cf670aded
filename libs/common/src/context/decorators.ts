import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext, RequestContext } from './request-context.js';
import { Role } from './role.js';

export const PUBLIC_KEY = 'pathways:public';
export const ROLES_KEY = 'pathways:roles';

/** No token needed (login, health). Everything else is denied by default. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Signed-in staff with one of these roles only. Without @Roles any signed-in staff member may call it. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in staff member, said explicitly (every resolver makes an auth decision). */
export const AnyRole = () => SetMetadata(ROLES_KEY, Object.values(Role));

/** The RequestContext of the current GraphQL request. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  return GqlExecutionContext.create(host).getContext<GqlContext>().ctx;
});
