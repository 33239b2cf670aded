import type { DirectoryLoaders } from '#libs/directory';
import type { RequestContext } from '#libs/common';
import { ConsentResolver } from './people.resolvers.js';
import type { ConsentService } from './consent.service.js';
import type { ConsentModel } from './consent.model.js';

describe('Consent.organisations', () => {
  const consent = { organisationIds: ['o1', 'o2'] } as unknown as ConsentModel;
  const resolverWith = (results: unknown[]) =>
    new ConsentResolver(
      {} as ConsentService,
      { organisation: () => ({ loadMany: async () => results }) } as unknown as DirectoryLoaders,
    );

  it('lists the organisations covered', async () => {
    const orgs = [{ id: 'o1' }, { id: 'o2' }];
    expect(await resolverWith(orgs).organisations(consent, {} as RequestContext)).toEqual(orgs);
  });

  it('fails the field when an organisation could not be read, never answering as if it covered no one', async () => {
    const down = new Error('timeout exceeded when trying to connect');
    await expect(resolverWith([down, down]).organisations(consent, {} as RequestContext)).rejects.toBe(down);
  });
});
