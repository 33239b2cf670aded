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

  const countingReads = () => {
    const reads = { n: 0 };
    const resolver = new ConsentResolver(
      {} as ConsentService,
      {
        organisation: () => ({
          loadMany: async (ids: string[]) => {
            reads.n++;
            return ids.map((id) => ({ id }));
          },
        }),
      } as unknown as DirectoryLoaders,
      {} as PeopleLoaders,
    );
    return { resolver, reads };
  };

  it('counts the organisations before reading them, and refuses past the budget without reading, once a consent covers more organisations than the data are expected to hold (100)', async () => {
    const { resolver, reads } = countingReads();
    const wide = {
      id: 'c2',
      organisationIds: Array.from({ length: 120 }, (_, i) => `o${i}`),
      organisationCount: 120,
    } as unknown as ConsentModel;
    const ctx = request(200);
    expect(await resolver.organisations(wide, ctx)).toHaveLength(120);
    await expect(resolver.organisations(wide, ctx)).rejects.toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    expect(reads.n).toBe(1);
  });

  it('never refuses while every consent covers no more organisations than expected', async () => {
    const { resolver, reads } = countingReads();
    const ctx = request(3);
    for (let i = 0; i < 5; i++) expect(await resolver.organisations(consent, ctx)).toHaveLength(2);
    expect(reads.n).toBe(5);
  });
});
