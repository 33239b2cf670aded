import { AppError, type Credential, type GqlContext, RequestContext, Role } from '#libs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { directField, installDirectResolvers } from './direct-field.js';

const actor = (role: Role): Credential => ({ staffId: 's', organisationId: 'o', role, generation: 0 });

async function call(who: Credential | null, signedInAlready: boolean): Promise<string> {
  const ctx = new RequestContext('request', '127.0.0.1', async () => who);
  if (signedInAlready) await ctx.resolveActor();
  const field = directField([Role.KEY_WORKER, Role.SERVICE_MANAGER], (parent: { id: string }, c) =>
    Promise.resolve(`${parent.id} for ${c.actor.role}`),
  );
  try {
    const gql = { req: { headers: {} }, ctx } as GqlContext;
    return String(await field({ id: 'r1' }, {}, gql, {} as GraphQLResolveInfo));
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('directField: the AuthGuard decision without the Nest pipeline', () => {
  it.each<[string, Credential | null, string]>([
    ['no actor', null, 'UNAUTHENTICATED'],
    ['a role not listed', actor(Role.ADMIN), 'FORBIDDEN'],
    ['a listed role', actor(Role.KEY_WORKER), 'r1 for KEY_WORKER'],
  ])('%s', async (_label, who, expected) => {
    expect(await call(who, false)).toBe(expected);
    expect(await call(who, true)).toBe(expected);
  });

  it('replaces declared field resolvers only, in one map or a list of maps', () => {
    const nest = () => 'nest';
    const direct = () => 'direct';
    const map = { Referral: { person: nest, history: nest } };
    installDirectResolvers(map, { Referral: { person: direct } });
    expect(map.Referral).toEqual({ person: direct, history: nest });
    const list = [{ DateTime: {} }, { Referral: { person: nest, history: nest } }];
    installDirectResolvers(list, { Referral: { person: direct } });
    expect(list[1]).toEqual({ Referral: { person: direct, history: nest } });
    expect(() => installDirectResolvers(map, { Referral: { nope: direct } })).toThrow(/not declared/);
    expect(() => installDirectResolvers(list, { Nope: { person: direct } })).toThrow(/not declared/);
  });
});
