import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { type Actor, AnyRole, AppError, Public, RequestContext, Role, Roles } from '#libs/common';
import { AuthGuard } from './auth.guard.js';

class Handlers {
  @Public() login() {}
  @Roles(Role.ADMIN) createOrganisation() {}
  @Roles(Role.ADMIN, Role.SERVICE_MANAGER) createService() {}
  @AnyRole() me() {}
  undeclared() {}
}

@Roles(Role.COMMISSIONER)
class CommissionerOnly {
  report() {}
  @Roles(Role.ADMIN) adminHere() {}
}

const actor = (role: Role): Actor => ({ staffId: 's', organisationId: 'o', role });

function context(
  cls: new () => object,
  method: string,
  who: Actor | null,
  type: 'graphql' | 'http' = 'graphql',
): ExecutionContext {
  const ctx = new RequestContext('request', '127.0.0.1', async () => who);
  const handler = (cls.prototype as Record<string, () => void>)[method];
  const host = new ExecutionContextHost([{}, {}, { req: { headers: {} }, ctx }, {}], cls, handler);
  host.setType(type);
  return host;
}

async function outcome(promise: Promise<boolean>): Promise<string> {
  try {
    return (await promise) ? 'allowed' : 'denied';
  } catch (e) {
    return e instanceof AppError ? e.code : `unexpected ${String(e)}`;
  }
}

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector());
  const check = (cls: new () => object, method: string, who: Actor | null, type?: 'graphql' | 'http') =>
    outcome(guard.canActivate(context(cls, method, who, type)));

  const table: [string, Role | null, string][] = [
    ['login', null, 'allowed'],
    ['login', Role.KEY_WORKER, 'allowed'],
    ['me', null, 'UNAUTHENTICATED'],
    ['undeclared', null, 'UNAUTHENTICATED'],
    ['createOrganisation', null, 'UNAUTHENTICATED'],
    ['createOrganisation', Role.ADMIN, 'allowed'],
    ['createOrganisation', Role.SERVICE_MANAGER, 'FORBIDDEN'],
    ['createOrganisation', Role.COMMISSIONER, 'FORBIDDEN'],
    ['createService', Role.ADMIN, 'allowed'],
    ['createService', Role.SERVICE_MANAGER, 'allowed'],
    ['createService', Role.FAMILY_SUPPORT_WORKER, 'FORBIDDEN'],
    ['createService', Role.KEY_WORKER, 'FORBIDDEN'],
    ['createService', Role.LINK_WORKER, 'FORBIDDEN'],
    ['createService', Role.COMMISSIONER, 'FORBIDDEN'],
    ...Object.values(Role).map((r): [string, Role, string] => ['me', r, 'allowed']),
  ];
  it.each(table)('%s as %s → %s', async (method, role, expected) => {
    expect(await check(Handlers, method, role ? actor(role) : null)).toBe(expected);
  });

  it('takes roles declared on the class, and lets a method narrow them', async () => {
    expect(await check(CommissionerOnly, 'report', actor(Role.COMMISSIONER))).toBe('allowed');
    expect(await check(CommissionerOnly, 'report', actor(Role.ADMIN))).toBe('FORBIDDEN');
    expect(await check(CommissionerOnly, 'adminHere', actor(Role.ADMIN))).toBe('allowed');
    expect(await check(CommissionerOnly, 'adminHere', actor(Role.COMMISSIONER))).toBe('FORBIDDEN');
  });

  it('denies HTTP handlers unless they are public', async () => {
    expect(await check(Handlers, 'me', actor(Role.ADMIN), 'http')).toBe('denied');
    expect(await check(Handlers, 'login', null, 'http')).toBe('allowed');
  });
});
