import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext, RequestContext } from './request-context.js';
import { Role } from './role.js';

export const PUBLIC_KEY = 'pathways:public';
export const ROLES_KEY = 'pathways:roles';
export const CALLER_IN_STATEMENT_KEY = 'pathways:caller-in-statement';

/** No token needed (login, health). Everything else is denied by default. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Signed-in staff with one of these roles only. Without @Roles any signed-in staff member may call it. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in staff member, said explicitly (every resolver makes an auth decision). */
export const AnyRole = () => SetMetadata(ROLES_KEY, Object.values(Role));

/**
 * The operation's first statement checks the caller itself (callerCheckSql in #libs/auth) and reads
 * and writes nothing unless the caller is valid, so the guard takes a token's claims without a
 * lookup of its own (one round trip less per request). The service must then, before it answers or
 * refuses anything, either run such a statement and report its verdict (ctx.callerChecked) or
 * verify the caller (ctx.confirmCaller); AuditService.deniedAudited does the latter for any
 * refusal, so UNAUTHENTICATED still comes before every other error.
 */
export const CallerCheckedInStatement = () => SetMetadata(CALLER_IN_STATEMENT_KEY, true);

/** The RequestContext of the current GraphQL request. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  return GqlExecutionContext.create(host).getContext<GqlContext>().ctx;
});
