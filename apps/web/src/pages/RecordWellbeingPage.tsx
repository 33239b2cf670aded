import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useMe } from '../auth/me';
import { Button, FormErrorSummary, Radios, SelectField, TextField } from '../components/forms';
import type { WellbeingInstrument } from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { apiError, fieldErrors } from '../graphql/errors';
import { PersonConsentsQuery, RecordWellbeingMutation, ServicesQuery } from '../graphql/operations';
import { londonToday } from '../labels';
import { collectResponses, itemsOf, ONS4_SCALE, SWEMWBS_SCALE } from '../lifecycle/instruments';
import { Link, navigate, useFocusHeading } from '../router';

/** SWEMWBS or ONS4, item by item, with the published wording. */
export function RecordWellbeingPage({ personId }: { personId: string }) {
  useFocusHeading([personId]);
  const me = useMe();
  const [person] = useAuthedQuery({ query: PersonConsentsQuery, variables: { id: personId } });
  const [services] = useAuthedQuery({ query: ServicesQuery });
  const mine = (services.data?.services ?? []).filter((s) => s.organisation.id === me.organisation.id);
  const [instrument, setInstrument] = useState<WellbeingInstrument>('SWEMWBS');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [serviceId, setServiceId] = useState(me.services[0]?.id ?? '');
  const [takenOn, setTakenOn] = useState(londonToday());
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, record] = useMutation(RecordWellbeingMutation);
  const err = apiError(result.error);
  const errors = { ...fieldErrors(err), ...local };
  const p = person.data?.person;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l: Record<string, string> = {};
    const collected = collectResponses(instrument, answers);
    if ('missing' in collected)
      for (const n of collected.missing) l[`item-${n - 1}`] = `Answer question ${n}`;
    if (!serviceId) l.serviceId = 'Choose the service recording this';
    if (!takenOn) l.takenOn = 'Enter the date it was taken';
    setLocal(l);
    if (Object.keys(l).length || 'missing' in collected) return;
    const res = await record({
      input: { personId, serviceId, instrument, responses: collected.responses, takenOn },
    });
    if (res.data) navigate(`/people/${personId}?done=wellbeing`);
  };

  const scale = instrument === 'SWEMWBS' ? SWEMWBS_SCALE : ONS4_SCALE;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link href={`/people/${personId}`} className="nhsuk-back-link">
          Back to {p ? `${p.givenName} ${p.familyName}` : 'the person'}
        </Link>
        <h1>Record wellbeing{p ? ` for ${p.givenName} ${p.familyName}` : ''}</h1>
        <form onSubmit={submit} noValidate>
          <FormErrorSummary fields={errors} prefix="wellbeing" err={err} />
          <Radios
            id="wellbeing-instrument"
            legend="Which questionnaire?"
            value={instrument}
            onChange={(v) => {
              setInstrument(v as WellbeingInstrument);
              setAnswers({});
            }}
            options={[
              {
                value: 'SWEMWBS',
                label: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS), 7 questions',
              },
              { value: 'ONS4', label: 'ONS personal wellbeing (ONS4), 4 questions' },
            ]}
          />
          <SelectField
            id="wellbeing-serviceId"
            label="Recorded by service"
            value={serviceId}
            onChange={setServiceId}
            emptyLabel="Choose your service"
            options={mine.map((s) => ({ value: s.id, label: s.name }))}
            error={errors.serviceId}
          />
          <TextField
            id="wellbeing-takenOn"
            label="Taken on"
            type="date"
            value={takenOn}
            onChange={setTakenOn}
            error={errors.takenOn}
          />
          <p>
            {instrument === 'SWEMWBS'
              ? 'Below are some statements about feelings and thoughts. Please choose the answer that best describes your experience of each over the last 2 weeks.'
              : 'For each of these questions, give an answer on a scale of 0 to 10, where 0 is "not at all" and 10 is "completely".'}
          </p>
          {itemsOf(instrument).map((item, i) => (
            <Radios
              key={`${instrument}-${i}`}
              id={`wellbeing-item-${i}`}
              legend={`${i + 1}. ${item}`}
              value={answers[i] ?? ''}
              onChange={(v) => setAnswers((a) => ({ ...a, [i]: v }))}
              options={scale}
              error={errors[`item-${i}`] ?? (i === 0 ? errors.responses : undefined)}
              small
              inline={instrument === 'ONS4'}
            />
          ))}
          <Button type="submit" disabled={result.fetching}>
            Save assessment
          </Button>
        </form>
      </div>
    </div>
  );
}
