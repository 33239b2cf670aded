import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useMe } from '../auth/me';
import { Button, Checkboxes, ErrorSummary, Radios, SelectField, TextArea } from '../components/forms';
import { RecordConsentForm } from '../components/RecordConsentForm';
import type { Need, ServiceCategory } from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { apiError, fieldErrors } from '../graphql/errors';
import { MakeReferralMutation, PersonConsentsQuery, ServicesQuery } from '../graphql/operations';
import { CAPACITY, CATEGORY, NEED, options } from '../labels';
import { consentCovers, newIdempotencyKey } from '../lifecycle/idempotency';
import { justificationLongEnough, SAFEGUARDING_MIN } from '../lifecycle/justification';
import { Link, navigate, useFocusHeading } from '../router';

/** Refer a person to another thread: category → service (with its capacity) → needs → consent check → send. */
export function MakeReferralPage({ personId }: { personId: string }) {
  useFocusHeading([personId]);
  const me = useMe();
  const [person, refetchPerson] = useAuthedQuery({ query: PersonConsentsQuery, variables: { id: personId } });
  const [services] = useAuthedQuery({ query: ServicesQuery });
  const all = services.data?.services ?? [];
  const mine = all.filter((s) => s.organisation.id === me.organisation.id);

  const [category, setCategory] = useState('');
  const [toServiceId, setToServiceId] = useState('');
  const [fromServiceId, setFromServiceId] = useState(me.services[0]?.id ?? '');
  const [needs, setNeeds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [safeguarding, setSafeguarding] = useState('');
  const [useSafeguarding, setUseSafeguarding] = useState(false);
  const [showConsentForm, setShowConsentForm] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  // One key per form: a double click or a retry after a dropped connection cannot make two referrals.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [result, make] = useMutation(MakeReferralMutation);
  const err = apiError(result.error);

  const categories = useMemo(
    () => [...new Set(all.map((s) => s.category))].sort((a, b) => CATEGORY[a].localeCompare(CATEGORY[b])),
    [all],
  );
  const inCategory = all.filter((s) => s.category === category);
  const to = all.find((s) => s.id === toServiceId);
  const p = person.data?.person;
  const crossOrg = to ? to.organisation.id !== me.organisation.id : false;
  const consentMissing = Boolean(to && p && crossOrg && !consentCovers(p.consents, to.organisation.id));
  const consentRefused = err?.code === 'CONSENT_REQUIRED';

  const errors: Record<string, string> = { ...fieldErrors(err), ...local };
  if (err?.code === 'SERVICE_CLOSED')
    errors.toServiceId = 'This service is closed to referrals. Choose another.';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l: Record<string, string> = {};
    if (!toServiceId) l.toServiceId = 'Choose the service to refer to';
    if (!fromServiceId) l.fromServiceId = 'Choose the service you are referring from';
    if (needs.length === 0) l.needs = 'Choose at least one need';
    if (useSafeguarding && !justificationLongEnough(safeguarding))
      l.safeguardingJustification = `Explain the safeguarding reason in at least ${SAFEGUARDING_MIN} characters`;
    setLocal(l);
    if (Object.keys(l).length) return;
    const res = await make({
      input: {
        personId,
        fromServiceId,
        toServiceId,
        route: 'STAFF',
        needs: needs as Need[],
        note: note.trim() || null,
        idempotencyKey,
        safeguardingJustification: useSafeguarding ? safeguarding.trim() : null,
      },
    });
    if (res.data) navigate(`/people/${personId}?done=referral`);
  };

  const summary = [
    ...Object.entries(errors).map(([f, text]) => ({ href: `#referral-${f}`, text })),
    ...(err && !err.field && !['CONSENT_REQUIRED', 'SERVICE_CLOSED', 'UNAUTHENTICATED'].includes(err.code)
      ? [{ text: err.message }]
      : []),
  ];

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link href={`/people/${personId}`} className="nhsuk-back-link">
          Back to {p ? `${p.givenName} ${p.familyName}` : 'the person'}
        </Link>
        <h1>Make a referral{p ? ` for ${p.givenName} ${p.familyName}` : ''}</h1>
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={summary} />
          <SelectField
            id="referral-category"
            label="Which kind of service?"
            value={category}
            onChange={(v) => {
              setCategory(v);
              setToServiceId('');
            }}
            emptyLabel="Choose a kind of service"
            options={categories.map((c: ServiceCategory) => ({ value: c, label: CATEGORY[c] }))}
          />
          {category && (
            <Radios
              id="referral-toServiceId"
              legend="Service"
              hint="Closed services cannot take referrals. A waiting list means the person will wait to be seen."
              value={toServiceId}
              onChange={setToServiceId}
              error={errors.toServiceId}
              options={inCategory.map((s) => ({
                value: s.id,
                label: `${s.name}, ${s.organisation.name} (${CAPACITY[s.capacity]})`,
              }))}
            />
          )}
          {to?.capacity === 'WAITLIST' && (
            <div className="nhsuk-inset-text">
              <p>{to.name} has a waiting list. The referral will wait until they can take it.</p>
            </div>
          )}
          {to?.capacity === 'CLOSED' && (
            <div className="nhsuk-inset-text">
              <p>{to.name} is closed to referrals at the moment. Choose another service.</p>
            </div>
          )}
          <SelectField
            id="referral-fromServiceId"
            label="Referring from"
            value={fromServiceId}
            onChange={setFromServiceId}
            emptyLabel="Choose your service"
            options={mine.map((s) => ({ value: s.id, label: s.name }))}
            error={errors.fromServiceId}
          />
          <Checkboxes
            id="referral-needs"
            legend="What do they need help with?"
            hint="Choose all that apply."
            values={needs}
            onChange={setNeeds}
            options={options(NEED)}
            error={errors.needs}
            small
          />
          <TextArea
            id="referral-note"
            label="Note for the receiving service (optional)"
            hint="Only your organisation and theirs can read it."
            value={note}
            onChange={setNote}
            error={errors.note}
          />

          {(consentMissing || consentRefused) && to && (
            <div className="nhsuk-warning-callout" id="consent-needed">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>Consent needed
                </span>
              </h2>
              <p>
                {to.organisation.name} is a different organisation. Before their details are sent, the person
                must agree to share them with {to.organisation.name} (referral-sharing consent). Without it
                the referral cannot be sent.
              </p>
              {showConsentForm ? (
                <RecordConsentForm
                  personId={personId}
                  purpose="REFERRAL_SHARING"
                  organisationIds={[to.organisation.id]}
                  idPrefix="referral-consent"
                  onDone={() => {
                    setShowConsentForm(false);
                    refetchPerson({ requestPolicy: 'network-only' });
                  }}
                />
              ) : (
                <Button variant="secondary" onClick={() => setShowConsentForm(true)}>
                  Record their consent
                </Button>
              )}
              <details className="nhsuk-details">
                <summary className="nhsuk-details__summary">
                  <span className="nhsuk-details__summary-text">
                    Sending without consent to protect someone from harm
                  </span>
                </summary>
                <div className="nhsuk-details__text">
                  <p>
                    Sharing to protect someone from harm is lawful without consent. It is recorded and both
                    organisations see your reason.
                  </p>
                  <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id="referral-use-safeguarding"
                        type="checkbox"
                        checked={useSafeguarding}
                        onChange={(e) => setUseSafeguarding(e.target.checked)}
                      />
                      <label
                        className="nhsuk-label nhsuk-checkboxes__label"
                        htmlFor="referral-use-safeguarding"
                      >
                        Send on safeguarding grounds
                      </label>
                    </div>
                  </div>
                  {useSafeguarding && (
                    <TextArea
                      id="referral-safeguardingJustification"
                      label="Safeguarding reason"
                      hint="At least 20 characters."
                      value={safeguarding}
                      onChange={setSafeguarding}
                      error={errors.safeguardingJustification}
                    />
                  )}
                </div>
              </details>
            </div>
          )}

          <Button type="submit" disabled={result.fetching || to?.capacity === 'CLOSED'}>
            Send referral
          </Button>
        </form>
      </div>
    </div>
  );
}
