import { useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../components/forms';
import { RecordConsentForm } from '../components/RecordConsentForm';
import { useAuthedQuery } from '../graphql/hooks';
import { JourneyQuery, PersonPageQuery, WithdrawConsentMutation } from '../graphql/operations';
import { CATEGORY, CATEGORY_COLOUR, formatDate, formatDateTime, GIVER, PURPOSE } from '../labels';
import { STATUS_LABEL } from '../lifecycle/actions';
import { Link, useFocusHeading, useLocation } from '../router';

const DONE: Record<string, string> = {
  referral: 'The referral has been sent. It is in the receiving service’s inbox.',
  wellbeing: 'The wellbeing assessment has been saved.',
  outcome: 'The outcome has been saved.',
};

/** A person's details, consents and journey across the partnership's threads. */
export function PersonPage({ id }: { id: string }) {
  useFocusHeading([id]);
  const [res, reexecute] = useAuthedQuery({ query: PersonPageQuery, variables: { id } });
  const done = DONE[useLocation().search.get('done') ?? ''];
  const [showConsent, setShowConsent] = useState(false);
  const [withdrawing, withdraw] = useMutation(WithdrawConsentMutation);
  const [journeyRes, reexecuteJourney] = useAuthedQuery({ query: JourneyQuery, variables: { id } });
  const refresh = () => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteJourney({ requestPolicy: 'network-only' });
  };
  const p = res.data?.person;
  const journey = journeyRes.data?.journey;

  if (!p) {
    return (
      <>
        <h1>{res.fetching ? 'Loading…' : 'Person not found'}</h1>
        {!res.fetching && (
          <p>
            They may not exist, or your organisation is not connected to them.{' '}
            <Link href="/people">Search again</Link>
          </p>
        )}
      </>
    );
  }

  const rows: [string, string][] = [
    ['Date of birth', formatDate(p.dateOfBirth)],
    [
      'Preferred language',
      p.preferredLanguage
        ? `${p.preferredLanguage}${p.interpreterNeeded ? ' (needs an interpreter)' : ''}`
        : '',
    ],
    ['Postcode', p.postcode ?? ''],
    ['Ward', p.ward ?? ''],
    ['Phone', p.phone ?? ''],
    ['Email', p.email ?? ''],
    ['NHS number', p.nhsNumber ? p.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3') : ''],
    ['Registered by', `${p.registeredBy.name}, ${formatDate(p.createdAt)}`],
  ];

  return (
    <>
      <Link href="/people" className="nhsuk-back-link">
        Back to people
      </Link>
      <h1>
        {p.givenName} {p.familyName}
      </h1>
      {done && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{done}</p>
        </div>
      )}
      <div className="app-actions nhsuk-u-margin-bottom-5">
        <Link className="nhsuk-button" href={`/people/${p.id}/refer`}>
          Make a referral
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" href={`/people/${p.id}/wellbeing`}>
          Record wellbeing
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" href={`/people/${p.id}/outcome`}>
          Record an outcome
        </Link>
      </div>

      <h2>Journey</h2>
      {journey ? (
        <>
          {journey.categories.length > 0 && (
            <p>
              Threads:{' '}
              {journey.categories.map((c) => (
                <span key={c} className="app-cat" style={{ ['--cat' as string]: CATEGORY_COLOUR[c] }}>
                  {CATEGORY[c]}
                </span>
              ))}
            </p>
          )}
          {journey.hiddenEntries > 0 && (
            <div className="nhsuk-warning-callout">
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  {journey.hiddenEntries} {journey.hiddenEntries === 1 ? 'entry is' : 'entries are'} hidden
                </span>
              </h3>
              <p>
                Other organisations have recorded {journey.hiddenEntries === 1 ? 'an entry' : 'entries'} for
                this person that you cannot see, because they have not agreed to share their journey with your
                organisation. Record journey-sharing consent below if they agree.
              </p>
            </div>
          )}
          <ol className="app-timeline" aria-label="Journey, oldest first">
            {journey.entries.map((e, i) => (
              <li
                key={i}
                className="app-timeline__item"
                style={e.service ? { ['--cat' as string]: CATEGORY_COLOUR[e.service.category] } : undefined}
              >
                <span className="app-timeline__when">{formatDateTime(e.at)}</span>
                <strong>{e.summary}</strong>
                <br />
                <span className="nhsuk-body-s">
                  {e.service && (
                    <span
                      className="app-cat"
                      style={{ ['--cat' as string]: CATEGORY_COLOUR[e.service.category] }}
                    >
                      {CATEGORY[e.service.category]}
                    </span>
                  )}
                  {e.service ? `${e.service.name}, ` : ''}
                  {e.organisation.name}
                  {e.referral ? ` · referral now ${STATUS_LABEL[e.referral.status].toLowerCase()}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>{journeyRes.fetching ? 'Loading the journey…' : 'The journey could not be loaded.'}</p>
      )}

      <h2>Details</h2>
      <dl className="nhsuk-summary-list">
        {rows.map(([k, val]) => (
          <div className="nhsuk-summary-list__row" key={k}>
            <dt className="nhsuk-summary-list__key">{k}</dt>
            <dd className="nhsuk-summary-list__value">{val || 'Not recorded'}</dd>
          </div>
        ))}
      </dl>

      <h2>Consent</h2>
      {p.consents.length === 0 ? (
        <p>No consent is recorded.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {p.consents.map((c) => (
            <li key={c.id}>
              <strong className={`nhsuk-tag ${c.active ? 'nhsuk-tag--green' : 'nhsuk-tag--grey'}`}>
                {c.active ? 'Active' : c.withdrawnAt ? 'Withdrawn' : 'Expired'}
              </strong>{' '}
              <strong>{PURPOSE[c.purpose]}</strong>
              <br />
              <span className="nhsuk-body-s">
                Covers {c.organisations?.map((o) => o.name).join(', ') || 'the partnership'}. Given by{' '}
                {GIVER[c.givenBy].toLowerCase()} on {formatDate(c.givenAt)}
                {c.recordedBy ? ` (recorded by ${c.recordedBy.name})` : ''}.
                {c.withdrawnAt
                  ? ` Withdrawn on ${formatDate(c.withdrawnAt)}.`
                  : c.expiresAt
                    ? ` ${c.active ? 'Ends' : 'Ended'} on ${formatDate(c.expiresAt)}.`
                    : ' Does not end.'}
              </span>
              {c.active && (
                <div>
                  <Button
                    variant="secondary"
                    disabled={withdrawing.fetching}
                    onClick={async () => {
                      if (
                        !window.confirm(
                          'Withdraw this consent? This cannot be undone; a new consent can be recorded later.',
                        )
                      )
                        return;
                      const r = await withdraw({ consentId: c.id });
                      if (r.data) refresh();
                    }}
                  >
                    Withdraw
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      consent to {PURPOSE[c.purpose].toLowerCase()}
                    </span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {showConsent ? (
        <>
          <h3>Record consent</h3>
          <RecordConsentForm
            personId={p.id}
            onDone={() => {
              setShowConsent(false);
              refresh();
            }}
          />
        </>
      ) : (
        <Button variant="secondary" onClick={() => setShowConsent(true)}>
          Record consent
        </Button>
      )}
    </>
  );
}
