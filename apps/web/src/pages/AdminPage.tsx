import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useMe } from '../auth/me';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  FormErrorSummary,
  Radios,
  SelectField,
  TextField,
} from '../components/forms';
import type { OrganisationKind, Role, ServiceCapacity, ServiceCategory } from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { apiError, fieldErrors } from '../graphql/errors';
import {
  CreateOrganisationMutation,
  CreateServiceMutation,
  CreateStaffMutation,
  OrganisationsQuery,
  SetServiceCapacityMutation,
  SetStaffActiveMutation,
  StaffQuery,
} from '../graphql/operations';
import { CAPACITY, CATEGORY, options, ORG_KIND, ROLE } from '../labels';
import { useFocusHeading } from '../router';

/** Organisations, services (with their capacity switch) and staff. */
export function AdminPage() {
  useFocusHeading([]);
  const me = useMe();
  const admin = me.role === 'ADMIN';
  const [orgs, reexecute] = useAuthedQuery({ query: OrganisationsQuery });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const list = (orgs.data?.organisations ?? []).filter((o) => admin || o.id === me.organisation.id);
  const [setCapacityResult, setCapacity] = useMutation(SetServiceCapacityMutation);
  const capErr = apiError(setCapacityResult.error);

  return (
    <>
      <h1>Admin</h1>
      <p>{admin ? 'Set up the partnership.' : `Manage the services and staff of ${me.organisation.name}.`}</p>
      {capErr && capErr.code !== 'UNAUTHENTICATED' && <ErrorSummary errors={[{ text: capErr.message }]} />}
      <h2>Organisations and services</h2>
      {list.map((o) => (
        <section key={o.id} className="nhsuk-card" aria-labelledby={`org-${o.id}`}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading" id={`org-${o.id}`}>
              {o.name}
            </h3>
            <p className="nhsuk-body-s">
              {ORG_KIND[o.kind]}
              {o.locallyRooted ? ', locally rooted' : ''}
              {o.ward ? `, ${o.ward}` : ''}
            </p>
            {o.services.length === 0 ? (
              <p>No services yet.</p>
            ) : (
              <ul className="nhsuk-list nhsuk-list--border">
                {o.services.map((s) => (
                  <li key={s.id}>
                    <strong>{s.name}</strong> ({CATEGORY[s.category]}
                    {s.sensitive ? ', sensitive' : ''})
                    <CapacitySwitch
                      service={s}
                      onSave={async (capacity) => {
                        const r = await setCapacity({ serviceId: s.id, capacity });
                        if (r.data) refresh();
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      ))}
      {admin && <CreateOrganisation onDone={refresh} />}
      <CreateService orgs={list} onDone={refresh} />
      <StaffSection orgs={list} />
    </>
  );
}

/** Choose, then save: moving through the options with the keyboard changes nothing until "Save". */
function CapacitySwitch({
  service,
  onSave,
}: {
  service: { id: string; name: string; capacity: ServiceCapacity };
  onSave: (capacity: ServiceCapacity) => Promise<void>;
}) {
  const [value, setValue] = useState<string>(service.capacity);
  const [saving, setSaving] = useState(false);
  return (
    <div className="app-toolbar">
      <SelectField
        id={`capacity-${service.id}`}
        label={`Referrals to ${service.name}`}
        value={value}
        onChange={setValue}
        options={options(CAPACITY)}
      />
      <div className="nhsuk-form-group">
        <Button
          variant="secondary"
          disabled={saving || value === service.capacity}
          onClick={async () => {
            setSaving(true);
            await onSave(value as ServiceCapacity);
            setSaving(false);
          }}
        >
          Save<span className="nhsuk-u-visually-hidden"> capacity of {service.name}</span>
        </Button>
      </div>
    </div>
  );
}

type Org = { id: string; name: string; services: { id: string; name: string }[] };

function CreateOrganisation({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('COMMUNITY_ANCHOR');
  const [rooted, setRooted] = useState('yes');
  const [ward, setWard] = useState('');
  const [result, create] = useMutation(CreateOrganisationMutation);
  const err = apiError(result.error);
  const errs = fieldErrors(err);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({
      input: {
        name,
        kind: kind as OrganisationKind,
        locallyRooted: rooted === 'yes',
        ward: ward.trim() || null,
      },
    });
    if (r.data) {
      setName('');
      setWard('');
      onDone();
    }
  };
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Add an organisation</span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate>
          <FormErrorSummary err={err} fields={errs} prefix="org" />
          <TextField id="org-name" label="Name" value={name} onChange={setName} error={errs.name} />
          <SelectField
            id="org-kind"
            label="Kind"
            value={kind}
            onChange={setKind}
            options={options(ORG_KIND)}
          />
          <Radios
            id="org-locallyRooted"
            legend="Governed and based in the place it serves?"
            value={rooted}
            onChange={setRooted}
            inline
            small
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
          />
          <TextField
            id="org-ward"
            label="Ward (optional)"
            value={ward}
            onChange={setWard}
            error={errs.ward}
          />
          <Button type="submit" disabled={result.fetching}>
            Add organisation
          </Button>
        </form>
      </div>
    </details>
  );
}

function CreateService({ orgs, onDone }: { orgs: Org[]; onDone: () => void }) {
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [category, setCategory] = useState('');
  const [sensitive, setSensitive] = useState('no');
  const [site, setSite] = useState('');
  const [ward, setWard] = useState('');
  const [result, create] = useMutation(CreateServiceMutation);
  const err = apiError(result.error);
  const errs = fieldErrors(err);
  const orgId = organisationId || orgs[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({
      input: {
        organisationId: orgId,
        name,
        category: (category || 'OTHER') as ServiceCategory,
        sensitive: sensitive === 'yes',
        site: site.trim() || null,
        ward: ward.trim() || null,
      },
    });
    if (r.data) {
      setName('');
      onDone();
    }
  };
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Add a service</span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate>
          <FormErrorSummary err={err} fields={errs} prefix="service" />
          <SelectField
            id="service-organisationId"
            label="Organisation"
            value={orgId}
            onChange={setOrganisationId}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            error={errs.organisationId}
          />
          <TextField id="service-name" label="Name" value={name} onChange={setName} error={errs.name} />
          <SelectField
            id="service-category"
            label="Kind of service"
            value={category}
            onChange={setCategory}
            emptyLabel="Choose a kind"
            options={options(CATEGORY)}
            error={errs.category}
          />
          <Radios
            id="service-sensitive"
            legend="Is it a sensitive service (for example domestic abuse or sexual health)?"
            value={sensitive}
            onChange={setSensitive}
            inline
            small
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
          />
          <TextField
            id="service-site"
            label="Site (optional)"
            value={site}
            onChange={setSite}
            error={errs.site}
          />
          <TextField
            id="service-ward"
            label="Ward (optional)"
            value={ward}
            onChange={setWard}
            error={errs.ward}
          />
          <Button type="submit" disabled={result.fetching}>
            Add service
          </Button>
        </form>
      </div>
    </details>
  );
}

/** Frontline roles: the ones a service manager may add, deactivate and reactivate. */
const FRONTLINE: readonly Role[] = ['FAMILY_SUPPORT_WORKER', 'KEY_WORKER', 'LINK_WORKER'];

function StaffSection({ orgs }: { orgs: Org[] }) {
  const me = useMe();
  const admin = me.role === 'ADMIN';
  const roles = (Object.keys(ROLE) as Role[]).filter((r) => admin || FRONTLINE.includes(r));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string>(roles[0]);
  const [organisationId, setOrganisationId] = useState('');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [result, create] = useMutation(CreateStaffMutation);
  const [activeResult, setActive] = useMutation(SetStaffActiveMutation);
  const err = apiError(result.error) ?? apiError(activeResult.error);
  const errs = fieldErrors(err);
  const orgId = organisationId || orgs[0]?.id || '';
  const org = orgs.find((o) => o.id === orgId);
  const [staff, reexecute] = useAuthedQuery({
    query: StaffQuery,
    variables: { organisationId: orgId },
    pause: !orgId,
  });
  const refreshStaff = () => reexecute({ requestPolicy: 'network-only' });
  // What this person may switch: an administrator anyone but themselves, a manager frontline staff.
  const mayToggle = (s: { id: string; role: Role }) =>
    s.id !== me.id && (admin || FRONTLINE.includes(s.role));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({
      input: { name, email, password, role: role as Role, organisationId: orgId, serviceIds },
    });
    if (r.data) {
      refreshStaff();
      setName('');
      setEmail('');
      setPassword('');
      setServiceIds([]);
    }
  };

  return (
    <>
      <h2>Staff</h2>
      {orgs.length > 1 && (
        <SelectField
          id="staff-organisationId"
          label="Organisation"
          value={orgId}
          onChange={(v) => {
            setOrganisationId(v);
            setServiceIds([]);
          }}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          error={errs.organisationId}
        />
      )}
      {staff.error && (
        <ErrorSummary errors={[{ text: apiError(staff.error)?.message ?? 'Staff could not be loaded.' }]} />
      )}
      {staff.data && staff.data.staff.length === 0 && <p>No staff yet in {org?.name}.</p>}
      {staff.data && staff.data.staff.length > 0 && (
        <ul
          className="nhsuk-list nhsuk-list--border"
          aria-label={`Staff of ${org?.name ?? 'the organisation'}`}
        >
          {staff.data.staff.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> ({ROLE[s.role]}) <span className="app-email">{s.email}</span> —{' '}
              {s.active ? 'active' : 'deactivated'}{' '}
              {mayToggle(s) && (
                <Button
                  variant="secondary"
                  onClick={async () => {
                    const r = await setActive({ staffId: s.id, active: !s.active });
                    if (r.data) refreshStaff();
                  }}
                >
                  {s.active ? 'Deactivate' : 'Reactivate'}
                  <span className="nhsuk-u-visually-hidden"> {s.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Add a staff member</span>
        </summary>
        <div className="nhsuk-details__text">
          <form onSubmit={submit} noValidate>
            <FormErrorSummary err={err} fields={errs} prefix="staff" />
            <TextField id="staff-name" label="Full name" value={name} onChange={setName} error={errs.name} />
            <TextField
              id="staff-email"
              label="Email address"
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              error={
                errs.email ??
                (err?.code === 'CONFLICT' ? 'A staff member already has this email address' : undefined)
              }
            />
            <TextField
              id="staff-password"
              label="First password"
              hint="At least 12 characters. Ask them to keep it private."
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={errs.password}
            />
            <SelectField
              id="staff-role"
              label="Role"
              value={role}
              onChange={setRole}
              options={roles.map((r) => ({ value: r, label: ROLE[r] }))}
            />
            <p className="nhsuk-body-s">In {org?.name}.</p>
            {org && org.services.length > 0 && (
              <Checkboxes
                id="staff-serviceIds"
                legend="Works in"
                values={serviceIds}
                onChange={setServiceIds}
                options={org.services.map((s) => ({ value: s.id, label: s.name }))}
                error={errs.serviceIds}
                small
              />
            )}
            <Button type="submit" disabled={result.fetching}>
              Add staff member
            </Button>
          </form>
        </div>
      </details>
    </>
  );
}
