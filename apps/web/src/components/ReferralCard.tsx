import { useState } from 'react';
import { useMutation, useClient } from 'urql';
import { useMe } from '../auth/me';
import type { ReferralFieldsFragment, ReferralReason, ReferralStatus } from '../gql/graphql';
import { apiError } from '../graphql/errors';
import { ReferralQuery, TransitionReferralMutation } from '../graphql/operations';
import { CATEGORY, CATEGORY_COLOUR, formatDateTime, NEED } from '../labels';
import {
  actionsFor,
  describeChange,
  REASON_LABEL,
  STATUS_LABEL,
  type ReferralAction,
} from '../lifecycle/actions';
import { Link } from '../router';
import { Button, ErrorSummary, SelectField, TextArea } from './forms';

const TAG: Record<ReferralStatus, string> = {
  REQUESTED: 'nhsuk-tag--blue',
  ACCEPTED: 'nhsuk-tag--aqua-green',
  IN_PROGRESS: 'nhsuk-tag--green',
  ON_HOLD: 'nhsuk-tag--yellow',
  COMPLETED: 'nhsuk-tag--white',
  REJECTED: 'nhsuk-tag--red',
  FAILED: 'nhsuk-tag--orange',
  CANCELLED: 'nhsuk-tag--grey',
  ENTERED_IN_ERROR: 'nhsuk-tag--grey',
};

export function StatusTag({ status }: { status: ReferralStatus }) {
  return <strong className={`nhsuk-tag ${TAG[status]}`}>{STATUS_LABEL[status]}</strong>;
}

/** One referral with the actions the shared life-cycle table allows the signed-in staff member. */
export function ReferralCard({
  referral,
  onChanged,
}: {
  referral: ReferralFieldsFragment;
  /** Called after any change, with a sentence to announce on the page (the card may leave a filtered list). */
  onChanged: (announcement?: string) => void;
}) {
  const me = useMe();
  const client = useClient();
  const [r, setR] = useState(referral);
  if (r.id === referral.id && r.version < referral.version) setR(referral);
  const [pending, setPending] = useState<ReferralAction | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, transition] = useMutation(TransitionReferralMutation);

  const actions = actionsFor(
    { staffId: me.id, organisationId: me.organisation.id, role: me.role },
    {
      status: r.status,
      toOrganisationId: r.toService.organisation.id,
      creatorId: r.createdBy.id,
      creatorOrganisationId: r.createdBy.organisation.id,
    },
  );

  const reload = async (before: { status: ReferralStatus; version: number }) => {
    const fresh = await client
      .query(ReferralQuery, { id: r.id }, { requestPolicy: 'network-only' })
      .toPromise();
    const now = fresh.data?.referral;
    let message: string;
    if (now) {
      const last = now.history[now.history.length - 1];
      message = describeChange(before, { status: now.status, version: now.version, lastBy: last?.by.name });
      setR(now);
    } else {
      message = 'This referral is no longer available to you.';
    }
    setNotice(message);
    onChanged(`${r.person.givenName} ${r.person.familyName}, ${r.toService.name}: ${message}`);
  };

  const run = async (action: ReferralAction) => {
    setProblem(null);
    setNotice(null);
    if (action.reasonRequired && !reason) {
      setReasonError('Choose a reason');
      return;
    }
    setReasonError(undefined);
    const before = { status: r.status, version: r.version };
    const res = await transition({
      input: {
        referralId: r.id,
        to: action.to,
        expectedVersion: r.version,
        reason: reason ? (reason as ReferralReason) : null,
        note: note.trim() || null,
      },
    });
    const err = apiError(res.error);
    if (res.data) {
      setR(res.data.transitionReferral);
      setPending(null);
      setReason('');
      setNote('');
      const now = `the referral is now "${STATUS_LABEL[res.data.transitionReferral.status]}".`;
      setNotice(`Done: ${now}`);
      onChanged(`${r.person.givenName} ${r.person.familyName}, ${r.toService.name}: ${now}`);
    } else if (err?.code === 'CONFLICT' || err?.code === 'INVALID_TRANSITION') {
      setPending(null);
      await reload(before);
    } else if (err && err.code !== 'UNAUTHENTICATED') {
      setProblem(err.message);
    }
  };

  const start = (a: ReferralAction) => {
    setNotice(null);
    if (a.reasonRequired || a.destructive) setPending(a);
    else void run(a);
  };

  const headingId = `referral-${r.id}`;
  const last = r.history[r.history.length - 1];
  return (
    <section className="nhsuk-card" aria-labelledby={headingId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          <Link href={`/people/${r.person.id}`}>
            {r.person.givenName} {r.person.familyName}
          </Link>
        </h2>
        <p>
          <StatusTag status={r.status} />
          {r.statusReason && <> {REASON_LABEL[r.statusReason]}</>}
          {r.safeguardingOverride && (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--red">Safeguarding: sent without consent</strong>
            </>
          )}
        </p>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">To</dt>
            <dd className="nhsuk-summary-list__value">
              <span
                className="app-cat"
                style={{ ['--cat' as string]: CATEGORY_COLOUR[r.toService.category] }}
              >
                {CATEGORY[r.toService.category]}
              </span>{' '}
              {r.toService.name} ({r.toService.organisation.name})
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">From</dt>
            <dd className="nhsuk-summary-list__value">
              {r.fromService
                ? `${r.fromService.name} (${r.fromService.organisation.name})`
                : 'Outside the partnership'}
              , by {r.createdBy.name} on {formatDateTime(r.createdAt)}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Needs</dt>
            <dd className="nhsuk-summary-list__value">{r.needs.map((n) => NEED[n]).join(', ')}</dd>
          </div>
          {r.note && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Note</dt>
              <dd className="nhsuk-summary-list__value">{r.note}</dd>
            </div>
          )}
          {r.safeguardingJustification && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Safeguarding reason</dt>
              <dd className="nhsuk-summary-list__value">{r.safeguardingJustification}</dd>
            </div>
          )}
          {last && r.history.length > 1 && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Last change</dt>
              <dd className="nhsuk-summary-list__value">
                {STATUS_LABEL[last.to]} by {last.by.name}, {formatDateTime(last.at)}
                {last.note ? `: ${last.note}` : ''}
              </dd>
            </div>
          )}
        </dl>
        {notice && (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{notice}</p>
          </div>
        )}
        {problem && <ErrorSummary errors={[{ text: problem }]} />}
        {pending ? (
          <div>
            <h3 className="nhsuk-heading-s">{pending.label}</h3>
            {pending.destructive && (
              <p>
                Only mark a referral as entered in error if it should never have been made. Other staff will
                no longer see it.
              </p>
            )}
            <SelectField
              id={`reason-${r.id}`}
              label={pending.reasonRequired ? 'Reason' : 'Reason (optional)'}
              value={reason}
              onChange={setReason}
              emptyLabel="Choose a reason"
              options={(Object.keys(REASON_LABEL) as ReferralReason[]).map((v) => ({
                value: v,
                label: REASON_LABEL[v],
              }))}
              error={reasonError}
            />
            <TextArea id={`note-${r.id}`} label="Note (optional)" value={note} onChange={setNote} rows={2} />
            <div className="app-actions">
              <Button
                variant={pending.destructive || pending.to === 'REJECTED' ? 'warning' : undefined}
                disabled={result.fetching}
                onClick={() => void run(pending)}
              >
                {pending.label}
              </Button>
              <Button variant="secondary" onClick={() => setPending(null)}>
                Go back
              </Button>
            </div>
          </div>
        ) : actions.length > 0 ? (
          <div
            className="app-actions"
            role="group"
            aria-label={`Actions for ${r.person.givenName} ${r.person.familyName}`}
          >
            {actions.map((a) => (
              <Button
                key={a.to}
                variant={
                  a.destructive
                    ? 'warning'
                    : a.to === 'ACCEPTED' || a.to === 'IN_PROGRESS' || a.to === 'COMPLETED'
                      ? undefined
                      : 'secondary'
                }
                disabled={result.fetching}
                onClick={() => start(a)}
              >
                {a.label}
              </Button>
            ))}
          </div>
        ) : (
          <p className="nhsuk-body-s">There is nothing you can change on this referral.</p>
        )}
      </div>
    </section>
  );
}
