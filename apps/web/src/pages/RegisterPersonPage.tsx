import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Button, FormErrorSummary, Radios, SelectField, TextField } from '../components/forms';
import { apiError, fieldErrors } from '../graphql/errors';
import { RegisterPersonMutation } from '../graphql/operations';
import { Link, navigate, useFocusHeading } from '../router';

const ETHNICITY = [
  ['A', 'White: British'],
  ['B', 'White: Irish'],
  ['C', 'White: any other White background'],
  ['D', 'Mixed: White and Black Caribbean'],
  ['E', 'Mixed: White and Black African'],
  ['F', 'Mixed: White and Asian'],
  ['G', 'Mixed: any other mixed background'],
  ['H', 'Asian or Asian British: Indian'],
  ['J', 'Asian or Asian British: Pakistani'],
  ['K', 'Asian or Asian British: Bangladeshi'],
  ['L', 'Asian or Asian British: any other Asian background'],
  ['M', 'Black or Black British: Caribbean'],
  ['N', 'Black or Black British: African'],
  ['P', 'Black or Black British: any other Black background'],
  ['R', 'Other ethnic groups: Chinese'],
  ['S', 'Other ethnic groups: any other ethnic group'],
  ['Z', 'Not stated'],
].map(([value, label]) => ({ value, label }));

const FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'preferredLanguage',
  'postcode',
  'ward',
  'phone',
  'email',
  'nhsNumber',
  'gender',
  'ethnicity',
] as const;
type FieldName = (typeof FIELDS)[number];

const LABEL: Record<FieldName | 'interpreterNeeded' | 'disability', string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  preferredLanguage: 'Preferred language',
  interpreterNeeded: 'Needs an interpreter',
  postcode: 'Postcode',
  ward: 'Ward',
  phone: 'Phone',
  email: 'Email address',
  nhsNumber: 'NHS number',
  gender: 'Gender',
  ethnicity: 'Ethnic group',
  disability: 'Disability',
};

/** Register a person: the server's rules decide, and its errors appear next to the field they name. */
export function RegisterPersonPage() {
  useFocusHeading([]);
  const [v, setV] = useState<Record<FieldName, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<FieldName, string>,
  );
  const [interpreter, setInterpreter] = useState('no');
  const [disability, setDisability] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, register] = useMutation(RegisterPersonMutation);
  const err = apiError(result.error);
  const server = fieldErrors(err);
  // "input.equality.gender" → "equality.gender" → shown next to "gender".
  const errors: Record<string, string> = { ...local };
  for (const [k, msg] of Object.entries(server)) errors[k.replace(/^equality\./, '')] = msg;

  const set = (f: FieldName) => (value: string) => setV((old) => ({ ...old, [f]: value }));
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l: Record<string, string> = {};
    if (!v.givenName.trim()) l.givenName = 'Enter their given name';
    if (!v.familyName.trim()) l.familyName = 'Enter their family name';
    setLocal(l);
    if (Object.keys(l).length) return;
    const hasEquality = v.gender.trim() || v.ethnicity || disability;
    const res = await register({
      input: {
        givenName: v.givenName,
        familyName: v.familyName,
        dateOfBirth: opt(v.dateOfBirth),
        preferredLanguage: opt(v.preferredLanguage.toLowerCase()),
        interpreterNeeded: interpreter === 'yes',
        postcode: opt(v.postcode),
        ward: opt(v.ward),
        phone: opt(v.phone),
        email: opt(v.email),
        nhsNumber: opt(v.nhsNumber),
        equality: hasEquality
          ? {
              gender: opt(v.gender),
              ethnicity: opt(v.ethnicity),
              disability: disability === '' ? null : disability === 'yes',
            }
          : null,
      },
    });
    if (res.data) navigate(`/people/${res.data.registerPerson.id}`);
  };

  const text = (f: FieldName, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={`person-${f}`}
      label={LABEL[f]}
      value={v[f]}
      onChange={set(f)}
      error={errors[f]}
      {...extra}
    />
  );

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link href="/people" className="nhsuk-back-link">
          Back to people
        </Link>
        <h1>Register a person</h1>
        <form onSubmit={submit} noValidate>
          <FormErrorSummary
            fields={errors}
            prefix="person"
            err={err}
            describe={(f, text) => `${LABEL[f as FieldName] ?? f}: ${text}`}
          />
          {text('givenName', { autoComplete: 'off' })}
          {text('familyName', { autoComplete: 'off' })}
          {text('dateOfBirth', { type: 'date', hint: 'For example, 27 03 2007' })}
          {text('preferredLanguage', {
            hint: 'Two-letter code, for example en for English, ur for Urdu, ar for Arabic',
            width: 'nhsuk-input--width-10',
          })}
          <Radios
            id="person-interpreterNeeded"
            legend={LABEL.interpreterNeeded}
            value={interpreter}
            onChange={setInterpreter}
            inline
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            error={errors.interpreterNeeded}
          />
          {text('postcode', { width: 'nhsuk-input--width-10', autoComplete: 'off' })}
          {text('ward')}
          {text('phone', { type: 'tel', width: 'nhsuk-input--width-20' })}
          {text('email', { type: 'email' })}
          {text('nhsNumber', {
            hint: '10 digits, for example 943 476 5919',
            inputMode: 'numeric',
            width: 'nhsuk-input--width-10',
          })}
          <h2 className="nhsuk-heading-m">Equality monitoring (optional)</h2>
          {text('gender', { width: 'nhsuk-input--width-20' })}
          <SelectField
            id="person-ethnicity"
            label={LABEL.ethnicity}
            value={v.ethnicity}
            onChange={set('ethnicity')}
            emptyLabel="Not recorded"
            options={ETHNICITY}
            error={errors.ethnicity}
          />
          <Radios
            id="person-disability"
            legend="Do they consider themselves disabled?"
            value={disability}
            onChange={setDisability}
            inline
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
              { value: '', label: 'Not recorded' },
            ]}
            error={errors.disability}
          />
          <Button type="submit" disabled={result.fetching}>
            Register
          </Button>
        </form>
      </div>
    </div>
  );
}
