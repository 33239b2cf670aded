import { useMemo, useState } from 'react';
import { useMe } from '../auth/me';
import { ReferralCard } from '../components/ReferralCard';
import { SelectField } from '../components/forms';
import type { ReferralStatus } from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { ReferralsQuery, ServicesQuery } from '../graphql/operations';
import { STATUS_LABEL } from '../lifecycle/actions';
import { useFocusHeading } from '../router';

const PAGE_SIZE = 10;

/** Referrals to my organisation's services, newest first, filtered and paged. */
export function InboxPage() {
  useFocusHeading([]);
  const me = useMe();
  const [status, setStatus] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];

  const [services] = useAuthedQuery({ query: ServicesQuery });
  const myServices = (services.data?.services ?? []).filter((s) => s.organisation.id === me.organisation.id);

  const variables = useMemo(
    () => ({
      filter: {
        direction: 'INBOX' as const,
        statuses: status ? [status as ReferralStatus] : null,
        serviceId: serviceId || null,
      },
      first: PAGE_SIZE,
      after,
    }),
    [status, serviceId, after],
  );
  const [res, reexecute] = useAuthedQuery({ query: ReferralsQuery, variables });
  const conn = res.data?.referrals;
  const page = cursors.length;

  const [announcement, setAnnouncement] = useState<string | null>(null);
  const resetPaging = () => setCursors([null]);

  return (
    <>
      <h1>Inbox</h1>
      <p>Referrals to the services of {me.organisation.name}, newest first.</p>
      <form className="app-toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Filter referrals">
        <SelectField
          id="filter-status"
          label="Status"
          value={status}
          onChange={(v) => {
            setStatus(v);
            resetPaging();
          }}
          emptyLabel="Any status"
          options={(Object.keys(STATUS_LABEL) as ReferralStatus[])
            .filter((s) => s !== 'ENTERED_IN_ERROR')
            .map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        />
        <SelectField
          id="filter-service"
          label="Service"
          value={serviceId}
          onChange={(v) => {
            setServiceId(v);
            resetPaging();
          }}
          emptyLabel="All our services"
          options={myServices.map((s) => ({ value: s.id, label: s.name }))}
        />
      </form>
      <p role="status" className="nhsuk-body-s">
        {res.fetching && !conn
          ? 'Loading referrals…'
          : conn
            ? `${conn.totalCount} ${conn.totalCount === 1 ? 'referral' : 'referrals'}${conn.totalCount > PAGE_SIZE ? `, page ${page} of ${Math.ceil(conn.totalCount / PAGE_SIZE)}` : ''}`
            : ''}
      </p>
      {announcement && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{announcement}</p>
        </div>
      )}
      {res.error && !conn && (
        <p className="nhsuk-error-message">The referrals could not be loaded: {res.error.message}</p>
      )}
      {conn?.edges.length === 0 && <p>There are no referrals to show.</p>}
      {conn?.edges.map((e) => (
        <ReferralCard
          key={e.node.id}
          referral={e.node}
          onChanged={(message) => {
            setAnnouncement(message ?? null);
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      ))}
      {conn && (page > 1 || conn.pageInfo.hasNextPage) && (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of referrals">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page > 1 && (
              <li className="nhsuk-pagination-item--previous">
                <a
                  className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                  href="#maincontent"
                  onClick={(e) => {
                    e.preventDefault();
                    setCursors(cursors.slice(0, -1));
                  }}
                >
                  <span className="nhsuk-pagination__title">Newer referrals</span>
                </a>
              </li>
            )}
            {conn.pageInfo.hasNextPage && conn.pageInfo.endCursor && (
              <li className="nhsuk-pagination-item--next">
                <a
                  className="nhsuk-pagination__link nhsuk-pagination__link--next"
                  href="#maincontent"
                  onClick={(e) => {
                    e.preventDefault();
                    setCursors([...cursors, conn.pageInfo.endCursor!]);
                  }}
                >
                  <span className="nhsuk-pagination__title">Older referrals</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
