import { renderToStaticMarkup } from 'react-dom/server';
import { Client, fetchExchange, Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { MeContext, type Me } from '../auth/me';
import type { ReferralFieldsFragment, ReferralStatus, Role } from '../gql/graphql';
import { ReferralCard } from './ReferralCard';

const client = new Client({ url: 'http://localhost/graphql', exchanges: [fetchExchange] });

const me = (role: Role, orgId: string): Me => ({
  id: 'me',
  name: 'Test Worker',
  email: 't@example.org',
  role,
  organisation: { id: orgId, name: 'Org' },
  services: [],
});

const referral = (status: ReferralStatus): ReferralFieldsFragment => ({
  id: 'r1',
  status,
  statusReason: null,
  version: 1,
  route: 'STAFF',
  needs: ['ENGLISH_LANGUAGE'],
  note: null,
  safeguardingOverride: false,
  safeguardingJustification: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  person: { id: 'p1', givenName: 'Amina', familyName: 'Khan' },
  fromService: { id: 's1', name: 'Family support', organisation: { id: 'org-a', name: 'Anchor' } },
  toService: {
    id: 's2',
    name: 'ESOL classes',
    category: 'ESOL',
    organisation: { id: 'org-b', name: 'College' },
  },
  createdBy: { id: 'creator', name: 'Fay', organisation: { id: 'org-a' } },
  history: [
    {
      id: 'e1',
      from: null,
      to: 'REQUESTED',
      reason: null,
      note: null,
      at: '2026-11-01T10:00:00.000Z',
      by: { id: 'creator', name: 'Fay' },
    },
  ],
});

function render(viewer: Me, status: ReferralStatus): string {
  return renderToStaticMarkup(
    <Provider value={client}>
      <MeContext.Provider value={viewer}>
        <ReferralCard referral={referral(status)} onChanged={() => undefined} />
      </MeContext.Provider>
    </Provider>,
  );
}

const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)/g)].map((m) => m[1]);

describe('ReferralCard', () => {
  it('offers the receiving link worker Accept and Reject on a new referral', () => {
    expect(buttons(render(me('LINK_WORKER', 'org-b'), 'REQUESTED'))).toEqual(['Accept', 'Reject']);
  });
  it('offers the referring organisation only Cancel', () => {
    expect(buttons(render(me('FAMILY_SUPPORT_WORKER', 'org-a'), 'REQUESTED'))).toEqual(['Cancel referral']);
  });
  it('offers nothing on a completed referral to the receiver, and says so', () => {
    const html = render(me('LINK_WORKER', 'org-b'), 'COMPLETED');
    expect(buttons(html)).toEqual([]);
    expect(html).toContain('There is nothing you can change on this referral.');
  });
  it('shows the person, the status and the thread', () => {
    const html = render(me('LINK_WORKER', 'org-b'), 'IN_PROGRESS');
    expect(html).toContain('Amina Khan');
    expect(html).toContain('In progress');
    expect(html).toContain('English for speakers of other languages (ESOL)');
  });
});
