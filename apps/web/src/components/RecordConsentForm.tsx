import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ConsentGiver, ConsentPurpose } from '../gql/graphql';
import { apiError, fieldErrors } from '../graphql/errors';
import { OrganisationsQuery, RecordConsentMutation } from '../graphql/operations';
import { GIVER, options, PURPOSE } from '../labels';
import { Button, Checkboxes, FormErrorSummary, Radios, TextField } from './forms';

/** Record a consent; the partnership-wide default mirrors the API (every organisation at this moment). */
export function RecordConsentForm({
  personId,
  purpose: fixedPurpose,
  organisationIds: presetOrgs,
  onDone,
  idPrefix = 'consent',
}: {
  personId: string;
  purpose?: ConsentPurpose;
  organisationIds?: string[];
  onDone: () => void;
  idPrefix?: string;
}) {
  const [purpose, setPurpose] = useState<string>(fixedPurpose ?? 'REFERRAL_SHARING');
  const [scope, setScope] = useState(presetOrgs ? 'some' : 'all');
  const [orgIds, setOrgIds] = useState<string[]>(presetOrgs ?? []);
  const [givenBy, setGivenBy] = useState<string>('PERSON');
  const [expires, setExpires] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [orgs] = useQuery({ query: OrganisationsQuery });
  const [result, record] = useMutation(RecordConsentMutation);
  const err = apiError(result.error);
  const errors = { ...fieldErrors(err), ...local };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l: Record<string, string> = {};
    if (scope === 'some' && orgIds.length === 0) l.organisationIds = 'Choose at least one organisation';
    setLocal(l);
    if (Object.keys(l).length) return;
    const res = await record({
      input: {
        personId,
        purpose: purpose as ConsentPurpose,
        organisationIds: scope === 'all' ? null : orgIds,
        givenBy: givenBy as ConsentGiver,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      },
    });
    if (res.data) onDone();
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormErrorSummary fields={errors} prefix={idPrefix} err={err} />
      {!fixedPurpose && (
        <Radios
          id={`${idPrefix}-purpose`}
          legend="What are they agreeing to?"
          value={purpose}
          onChange={setPurpose}
          options={options(PURPOSE)}
          error={errors.purpose}
          small
        />
      )}
      <Radios
        id={`${idPrefix}-scope`}
        legend="Which organisations does it cover?"
        value={scope}
        onChange={setScope}
        options={[
          { value: 'all', label: 'Every organisation in the partnership today' },
          { value: 'some', label: 'Only the organisations I choose' },
        ]}
        small
      />
      {scope === 'some' && (
        <Checkboxes
          id={`${idPrefix}-organisationIds`}
          legend="Organisations"
          values={orgIds}
          onChange={setOrgIds}
          options={(orgs.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          error={errors.organisationIds}
          small
        />
      )}
      <Radios
        id={`${idPrefix}-givenBy`}
        legend="Who gave consent?"
        value={givenBy}
        onChange={setGivenBy}
        options={options(GIVER)}
        error={errors.givenBy}
        small
      />
      <TextField
        id={`${idPrefix}-expiresAt`}
        label="Ends on (optional)"
        hint="Leave empty if it does not end. It can be withdrawn at any time."
        type="date"
        value={expires}
        onChange={setExpires}
        error={errors.expiresAt}
      />
      <Button type="submit" disabled={result.fetching}>
        Record consent
      </Button>
    </form>
  );
}
