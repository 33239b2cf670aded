import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import {
  AnyRole,
  AppError,
  CallerCheckedInStatement,
  type Credential,
  Public,
  RequestContext,
  Role,
  Roles,
} from '#libs/common';
import { AuthGuard } from './auth.guard.js';

class Handlers {
  @Public() login() {}
  @Roles(Role.ADMIN) createOrganisation() {}
  @Roles(Role.ADMIN, Role.SERVICE_MANAGER) createService() {}
  @AnyRole() me() {}
  undeclared() {}
  @CallerCheckedInStatement() @Roles(Role.KEY_WORKER) checksItself() {}
}

@Roles(Role.COMMISSIONER)
class CommissionerOnly {
  report() {}
  @Roles(Role.ADMIN) adminHere() {}
}

const actor = (role: Role): Credential => ({ staffId: 's', organisationId: 'o', role, generation: 0 });

function context(
  cls: new () => object,
  method: string,
  who: Credential | null,
  type: 'graphql' | 'http' = 'graphql',
  ctx = new RequestContext('request', '127.0.0.1', async () => who),
): ExecutionContext {
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
  const check = (cls: new () => object, method: string, who: Credential | null, type?: 'graphql' | 'http') =>
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

  describe('an operation whose statement checks its caller (CallerCheckedInStatement)', () => {
    /** A request whose token claims `claimed` and whose staff row says `row`; counts the lookups. */
    const request = (claimed: Credential | null, row: Credential | null) => {
      const lookups = { n: 0 };
      const ctx = new RequestContext(
        'request',
        '127.0.0.1',
        async () => {
          lookups.n++;
          return row;
        },
        () => claimed,
      );
      const run = () => outcome(guard.canActivate(context(Handlers, 'checksItself', row, 'graphql', ctx)));
      return { ctx, lookups, run };
    };

    it('takes the claims without a lookup, as the actor until the statement says', async () => {
      const r = request(actor(Role.KEY_WORKER), actor(Role.KEY_WORKER));
      expect(await r.run()).toBe('allowed');
      expect(r.lookups.n).toBe(0);
      expect(r.ctx.isSignedIn).toBe(false);
      expect(r.ctx.credential.role).toBe(Role.KEY_WORKER);
      r.ctx.callerChecked(true);
      expect(r.ctx.isSignedIn).toBe(true);
    });

    it('a statement that refuses the caller makes the rest of the request UNAUTHENTICATED', async () => {
      const r = request(actor(Role.KEY_WORKER), null);
      expect(await r.run()).toBe('allowed');
      expect(() => r.ctx.callerChecked(false)).toThrow(AppError);
      expect(() => r.ctx.actor).toThrow(AppError);
      expect(await r.ctx.resolveActor()).toBeNull();
      expect(r.lookups.n).toBe(0);
    });

    it('looks the caller up before a role refusal: FORBIDDEN when valid, UNAUTHENTICATED when not', async () => {
      const valid = request(actor(Role.ADMIN), actor(Role.ADMIN));
      expect(await valid.run()).toBe('FORBIDDEN');
      expect(valid.lookups.n).toBe(1);
      const invalid = request(actor(Role.ADMIN), null);
      expect(await invalid.run()).toBe('UNAUTHENTICATED');
    });

    it('looks the caller up when the token carries no claims', async () => {
      const r = request(null, actor(Role.KEY_WORKER));
      expect(await r.run()).toBe('allowed');
      expect(r.lookups.n).toBe(1);
      expect(r.ctx.isSignedIn).toBe(true);
      expect(await request(null, null).run()).toBe('UNAUTHENTICATED');
    });
  });

  it('denies HTTP handlers unless they are public', async () => {
    expect(await check(Handlers, 'me', actor(Role.ADMIN), 'http')).toBe('denied');
    expect(await check(Handlers, 'login', null, 'http')).toBe('allowed');
  });
});
