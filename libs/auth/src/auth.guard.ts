import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import {
  AppError,
  AUDITED_KEY,
  type AuditedMeta,
  CALLER_IN_STATEMENT_KEY,
  type GqlContext,
  PUBLIC_KEY,
  Role,
  ROLES_KEY,
} from '#libs/common';
import { AuditService } from '#libs/audit';
import { refuseRole } from './role-refusal.js';

/**
 * Default deny, for every query, mutation and field resolver: a valid token is required unless the
 * handler is @Public(); @Roles(...) narrows who may call it. Role decisions live here only. A role
 * refusal of an operation marked @AuditedAs(...) (person-level data) is audited as DENIED. (When the
 * variables do not coerce, no guard runs: accessBeforeVariablesPlugin applies the same metadata.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    /** Optional so the guard can be unit-tested alone; the application always provides it. */
    @Optional() private readonly audit?: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (context.getType<string>() !== 'graphql') {
      // HTTP controllers are public only when marked so.
      return false;
    }
    const gql = GqlExecutionContext.create(context);
    const { ctx } = gql.getContext<GqlContext>();
    // Claims are taken unread only where the operation's statement checks them (see the decorator).
    const claimed = this.reflector.get<boolean | undefined>(CALLER_IN_STATEMENT_KEY, context.getHandler())
      ? ctx.assumeClaimed()
      : null;
    const actor = claimed ?? (await ctx.resolveActor());
    if (!actor) throw AppError.unauthenticated();
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      const audited = this.reflector.get<AuditedMeta | undefined>(AUDITED_KEY, context.getHandler());
      await refuseRole(ctx, audited, (gql.getArgs() ?? {}) as Record<string, unknown>, this.audit);
    }
    return true;
  }
}
