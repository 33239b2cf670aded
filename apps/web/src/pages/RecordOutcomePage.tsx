import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useMe } from '../auth/me';
import { Button, FormErrorSummary, Radios, SelectField, TextArea, TextField } from '../components/forms';
import type { EsolLevel, OutcomeType } from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { apiError, fieldErrors } from '../graphql/errors';
import {
  PersonConsentsQuery,
  PersonReferralsQuery,
  RecordOutcomeMutation,
  ServicesQuery,
} from '../graphql/operations';
import { ESOL_LEVEL, formatDate, londonToday, options, OUTCOME } from '../labels';
import { STATUS_LABEL } from '../lifecycle/actions';
import { Link, navigate, useFocusHeading } from '../router';

/** A progression outcome, marked as contracted or added value. */
export function RecordOutcomePage({ personId }: { personId: string }) {
  useFocusHeading([personId]);
  const me = useMe();
  const [person] = useAuthedQuery({ query: PersonConsentsQuery, variables: { id: personId } });
  const [services] = useAuthedQuery({ query: ServicesQuery });
  const [referrals] = useAuthedQuery({ query: PersonReferralsQuery, variables: { personId } });
  const mine = (services.data?.services ?? []).filter((s) => s.organisation.id === me.organisation.id);
  const [type, setType] = useState('');
  const [serviceId, setServiceId] = useState(me.services[0]?.id ?? '');
  const [referralId, setReferralId] = useState('');
  const [achievedOn, setAchievedOn] = useState(londonToday());
  const [esolLevel, setEsolLevel] = useState('');
  const [hours, setHours] = useState('');
  const [contracted, setContracted] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, record] = useMutation(RecordOutcomeMutation);
  const err = apiError(result.error);
  const errors = { ...fieldErrors(err), ...local };
  const p = person.data?.person;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l: Record<string, string> = {};
    if (!type) l.type = 'Choose the outcome';
    if (!serviceId) l.serviceId = 'Choose the service recording this';
    if (!contracted) l.contracted = 'Say whether this outcome is part of a contract';
    if (type === 'ESOL_LEVEL_ACHIEVED' && !esolLevel) l.esolLevel = 'Choose the level achieved';
    if (type === 'VOLUNTEERING_HOURS' && !(Number(hours) > 0))
      l.hours = 'Enter the number of hours, more than 0';
    setLocal(l);
    if (Object.keys(l).length) return;
    const res = await record({
      input: {
        personId,
        serviceId,
        referralId: referralId || null,
        type: type as OutcomeType,
        achievedOn,
        esolLevel: type === 'ESOL_LEVEL_ACHIEVED' ? (esolLevel as EsolLevel) : null,
        hours: type === 'VOLUNTEERING_HOURS' ? Number(hours) : null,
        contracted: contracted === 'yes',
        note: note.trim() || null,
      },
    });
    if (res.data) navigate(`/people/${personId}?done=outcome`);
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link href={`/people/${personId}`} className="nhsuk-back-link">
          Back to {p ? `${p.givenName} ${p.familyName}` : 'the person'}
        </Link>
        <h1>Record an outcome{p ? ` for ${p.givenName} ${p.familyName}` : ''}</h1>
        <form onSubmit={submit} noValidate>
          <FormErrorSummary fields={errors} prefix="outcome" err={err} />
          <SelectField
            id="outcome-type"
            label="Outcome"
            value={type}
            onChange={setType}
            emptyLabel="Choose an outcome"
            options={options(OUTCOME)}
            error={errors.type}
          />
          {type === 'ESOL_LEVEL_ACHIEVED' && (
            <SelectField
              id="outcome-esolLevel"
              label="ESOL level achieved"
              value={esolLevel}
              onChange={setEsolLevel}
              emptyLabel="Choose a level"
              options={options(ESOL_LEVEL)}
              error={errors.esolLevel}
            />
          )}
          {type === 'VOLUNTEERING_HOURS' && (
            <TextField
              id="outcome-hours"
              label="Hours volunteered"
              inputMode="numeric"
              width="nhsuk-input--width-10"
              value={hours}
              onChange={setHours}
              error={errors.hours}
            />
          )}
          <Radios
            id="outcome-contracted"
            legend="Is this outcome part of a contract?"
            hint="Added value is an outcome nobody pays for: commissioners see both."
            value={contracted}
            onChange={setContracted}
            options={[
              { value: 'yes', label: 'Yes, a contracted output' },
              { value: 'no', label: 'No, added value' },
            ]}
            error={errors.contracted}
          />
          <SelectField
            id="outcome-serviceId"
            label="Recorded by service"
            value={serviceId}
            onChange={setServiceId}
            emptyLabel="Choose your service"
            options={mine.map((s) => ({ value: s.id, label: s.name }))}
            error={errors.serviceId}
          />
          <SelectField
            id="outcome-referralId"
            label="Linked referral (optional)"
            value={referralId}
            onChange={setReferralId}
            emptyLabel="None"
            options={(referrals.data?.referrals.edges ?? []).map(({ node }) => ({
              value: node.id,
              label: `${node.toService.name}, ${formatDate(node.createdAt)} (${STATUS_LABEL[node.status]})`,
            }))}
            error={errors.referralId}
          />
          <TextField
            id="outcome-achievedOn"
            label="Achieved on"
            type="date"
            value={achievedOn}
            onChange={setAchievedOn}
            error={errors.achievedOn}
          />
          <TextArea
            id="outcome-note"
            label="Note (optional)"
            value={note}
            onChange={setNote}
            error={errors.note}
          />
          <Button type="submit" disabled={result.fetching}>
            Save outcome
          </Button>
        </form>
      </div>
    </div>
  );
}
