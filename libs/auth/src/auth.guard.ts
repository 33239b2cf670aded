import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError, type GqlContext, PUBLIC_KEY, Role, ROLES_KEY } from '#libs/common';

/**
 * Default deny, for every query, mutation and field resolver: a valid token is required unless the
 * handler is @Public(); @Roles(...) narrows who may call it. Role decisions live here only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (context.getType<string>() !== 'graphql') {
      // HTTP controllers are public only when marked so.
      return false;
    }
    const { ctx } = GqlExecutionContext.create(context).getContext<GqlContext>();
    const actor = await ctx.resolveActor();
    if (!actor) throw AppError.unauthenticated();
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw AppError.forbidden();
    return true;
  }
}
