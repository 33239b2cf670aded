import type { DirectoryLoaders } from '#libs/directory';
import { RequestContext } from '#libs/common';
import { ConsentResolver } from './people.resolvers.js';
import type { ConsentService } from './consent.service.js';
import type { ConsentModel } from './consent.model.js';
import type { PeopleLoaders } from './people.loaders.js';

describe('Consent.organisations', () => {
  /** A request with a budget of `max` list items. */
  const request = (max?: number) => {
    const ctx = new RequestContext(
      'r',
      '127.0.0.1',
      async () => null,
      () => null,
    );
    ctx.maxListItems = max;
    return ctx;
  };
  const consent = {
    id: 'c1',
    organisationIds: ['o1', 'o2'],
    organisationCount: 2,
  } as unknown as ConsentModel;
  const resolverWith = (results: unknown[]) =>
    new ConsentResolver(
      {} as ConsentService,
      { organisation: () => ({ loadMany: async () => results }) } as unknown as DirectoryLoaders,
      {} as PeopleLoaders,
    );

  it('lists the organisations covered', async () => {
    const orgs = [{ id: 'o1' }, { id: 'o2' }];
    expect(await resolverWith(orgs).organisations(consent, request())).toEqual(orgs);
  });

  it('fails the field when an organisation could not be read, never answering as if it covered no one', async () => {
    const down = new Error('timeout exceeded when trying to connect');
    await expect(resolverWith([down, down]).organisations(consent, request())).rejects.toBe(down);
  });

  it('counts the organisations before reading them, and refuses past the budget without reading', async () => {
    let reads = 0;
    const resolver = new ConsentResolver(
      {} as ConsentService,
      {
        organisation: () => ({
          loadMany: async () => {
            reads++;
            return [{ id: 'o1' }, { id: 'o2' }];
          },
        }),
      } as unknown as DirectoryLoaders,
      {} as PeopleLoaders,
    );
    const ctx = request(3);
    await resolver.organisations(consent, ctx);
    await expect(resolver.organisations(consent, ctx)).rejects.toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    expect(reads).toBe(1);
  });
});
