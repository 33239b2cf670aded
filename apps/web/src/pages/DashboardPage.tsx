import { useMemo, useState, type FormEvent } from 'react';
import { Bar, DisclosureFootnote, Fig } from '../components/Figure';
import { Button, SelectField, TextField } from '../components/forms';
import type {
  AnalyticsFilter,
  FunnelDimension,
  ReferralRoute,
  ServiceCategory,
  WellbeingChangeFieldsFragment,
} from '../gql/graphql';
import { useAuthedQuery } from '../graphql/hooks';
import { DashboardQuery, OrganisationsQuery } from '../graphql/operations';
import { CATEGORY, CATEGORY_COLOUR, OUTCOME, ROUTE } from '../labels';
import { useFocusHeading } from '../router';

const DIMENSION: Record<FunnelDimension, string> = {
  ROUTE: 'Route in',
  CATEGORY: 'Kind of service',
  WARD: 'Ward',
  AGE_BAND: 'Age band',
  GENDER: 'Gender',
  ETHNICITY: 'Ethnic group',
  LANGUAGE: 'Preferred language',
};

const ITEM: Record<string, string> = {
  metric: 'Wellbeing score (metric)',
  lifeSatisfaction: 'Life satisfaction',
  worthwhile: 'Things done are worthwhile',
  happiness: 'Happiness yesterday',
  anxiety: 'Anxiety yesterday (lower is better)',
};

const num = (n: number | null | undefined, signed = false) =>
  n == null ? '*' : `${signed && n > 0 ? '+' : ''}${n.toFixed(1)}`;

function groupLabel(dim: FunnelDimension, g: string): string {
  if (dim === 'CATEGORY' && g in CATEGORY) return CATEGORY[g as ServiceCategory];
  if (dim === 'ROUTE' && g in ROUTE) return ROUTE[g as ReferralRoute];
  return g;
}

/** Commissioner analytics: every figure already passed the server's disclosure control. */
export function DashboardPage() {
  useFocusHeading([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [category, setCategory] = useState('');
  const [ward, setWard] = useState('');
  const [by, setBy] = useState<FunnelDimension>('ROUTE');
  const [applied, setApplied] = useState<AnalyticsFilter>({});

  const [orgs] = useAuthedQuery({ query: OrganisationsQuery });
  const wards = useMemo(() => {
    const w = new Set<string>();
    for (const o of orgs.data?.organisations ?? []) {
      if (o.ward) w.add(o.ward);
      for (const s of o.services) if (s.ward) w.add(s.ward);
    }
    return [...w].sort();
  }, [orgs.data]);

  const variables = useMemo(() => ({ filter: applied, by }), [applied, by]);
  const [res] = useAuthedQuery({ query: DashboardQuery, variables });
  const d = res.data;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied({
      from: from ? `${from}-01` : null,
      to: to ? `${to}-01` : null,
      organisationIds: organisationId ? [organisationId] : null,
      categories: category ? [category as ServiceCategory] : null,
      wards: ward ? [ward] : null,
    });
  };

  const flows = d?.referralFlows;
  const toCats = [...new Set(flows?.cells.map((c) => c.toCategory) ?? [])];
  const fromCats = [...new Set(flows?.cells.map((c) => c.fromCategory ?? null) ?? [])];
  const largest = [...(flows?.cells ?? [])]
    .filter((c) => (c.referred.value ?? 0) > 0)
    .sort((a, b) => (b.referred.value ?? 0) - (a.referred.value ?? 0))
    .slice(0, 10);
  const funnelMax = Math.max(0, ...(d?.referralFunnel.map((r) => r.referred.value ?? 0) ?? []));
  const pathMax = Math.max(0, ...(d?.pathways.map((r) => r.people.value ?? 0) ?? []));
  const outMax = Math.max(
    0,
    ...(d?.outcomeSummary.flatMap((r) => [r.contracted.value ?? 0, r.addedValue.value ?? 0]) ?? []),
  );

  return (
    <>
      <h1>Partnership dashboard</h1>
      <p>
        How people move between the partnership's threads. Counts are of referrals, people or outcomes, never
        of named people.
      </p>
      <form className="app-toolbar" onSubmit={apply} aria-label="Filter the dashboard">
        <TextField id="dash-from" label="From month" type="month" value={from} onChange={setFrom} />
        <TextField id="dash-to" label="To month" type="month" value={to} onChange={setTo} />
        <SelectField
          id="dash-org"
          label="Organisation"
          value={organisationId}
          onChange={setOrganisationId}
          emptyLabel="All organisations"
          options={(orgs.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          id="dash-category"
          label="Kind of service"
          value={category}
          onChange={setCategory}
          emptyLabel="All kinds"
          options={(Object.keys(CATEGORY) as ServiceCategory[]).map((c) => ({
            value: c,
            label: CATEGORY[c],
          }))}
        />
        <SelectField
          id="dash-ward"
          label="Ward"
          value={ward}
          onChange={setWard}
          emptyLabel="All wards"
          options={wards.map((w) => ({ value: w, label: w }))}
        />
        <div className="nhsuk-form-group">
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
      {res.error && !d && (
        <p className="nhsuk-error-message">The figures could not be loaded: {res.error.message}</p>
      )}
      {!d && res.fetching && <p role="status">Loading figures…</p>}
      {d && (
        <>
          <h2>Flows between threads</h2>
          <p>
            Referrals made: <strong>{<Fig c={d.referralFlows.total} />}</strong>. Rows are where people were
            referred from, columns where to.
          </p>
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Flows between threads">
            <table className="nhsuk-table app-matrix">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Referrals from one kind of service to another
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">From \ To</th>
                  {toCats.map((c) => (
                    <th scope="col" key={c}>
                      {CATEGORY[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {fromCats.map((f) => (
                  <tr key={f ?? 'outside'}>
                    <th scope="row">{f ? CATEGORY[f] : 'Outside the partnership'}</th>
                    {toCats.map((t) => {
                      const cell = d.referralFlows.cells.find(
                        (c) => (c.fromCategory ?? null) === f && c.toCategory === t,
                      );
                      return <td key={t}>{cell ? <Fig c={cell.referred} /> : '0'}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>Largest flows</h3>
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Largest flows">
            <table className="nhsuk-table">
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Referred</th>
                  <th scope="col">Accepted</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Median days to accept</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {largest.map((c) => (
                  <tr key={`${c.fromCategory ?? 'outside'}-${c.toCategory}`}>
                    <td>{c.fromCategory ? CATEGORY[c.fromCategory] : 'Outside the partnership'}</td>
                    <td>{CATEGORY[c.toCategory]}</td>
                    <td>
                      <Fig c={c.referred} />
                    </td>
                    <td>
                      <Fig c={c.accepted} />
                    </td>
                    <td>
                      <Fig c={c.completed} />
                    </td>
                    <td>{c.medianDaysToAccept ?? '*'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Where people drop out</h2>
          <SelectField
            id="dash-by"
            label="Group by"
            value={by}
            onChange={(v) => setBy(v as FunnelDimension)}
            options={(Object.keys(DIMENSION) as FunnelDimension[]).map((k) => ({
              value: k,
              label: DIMENSION[k],
            }))}
          />
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Referral funnel">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Referral funnel by {DIMENSION[by]}
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">{DIMENSION[by]}</th>
                  <th scope="col">Referred</th>
                  <th scope="col">Accepted</th>
                  <th scope="col">Started</th>
                  <th scope="col">Completed</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {d.referralFunnel.map((r) => (
                  <tr key={r.group}>
                    <th scope="row">{groupLabel(by, r.group)}</th>
                    <td>
                      <Bar c={r.referred} max={funnelMax} />
                    </td>
                    <td>
                      <Bar c={r.accepted} max={funnelMax} />
                    </td>
                    <td>
                      <Bar c={r.started} max={funnelMax} />
                    </td>
                    <td>
                      <Bar c={r.completed} max={funnelMax} tone="alt" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Most common pathways</h2>
          {d.pathways.length === 0 ? (
            <p>No pathway is common enough to publish.</p>
          ) : (
            <ol className="nhsuk-list nhsuk-list--number">
              {d.pathways.map((p, i) => (
                <li key={i}>
                  {p.steps.map((s, j) => (
                    <span key={j}>
                      {j > 0 && ' → '}
                      <span className="app-cat" style={{ ['--cat' as string]: CATEGORY_COLOUR[s] }}>
                        {CATEGORY[s]}
                      </span>
                    </span>
                  ))}
                  <Bar c={p.people} max={pathMax} />
                </li>
              ))}
            </ol>
          )}

          <h2>Wellbeing change (paired measures)</h2>
          <div className="nhsuk-grid-row">
            <WellbeingPanel w={d.swemwbs} title="SWEMWBS" />
            <WellbeingPanel w={d.ons4} title="ONS4" />
          </div>

          <h2>Outcomes: contracted and added value</h2>
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label="Outcomes">
            <table className="nhsuk-table">
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Outcome</th>
                  <th scope="col">Contracted</th>
                  <th scope="col">Added value</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {d.outcomeSummary.map((r) => (
                  <tr key={r.type}>
                    <th scope="row">{OUTCOME[r.type]}</th>
                    <td>
                      <Bar c={r.contracted} max={outMax} />
                    </td>
                    <td>
                      <Bar c={r.addedValue} max={outMax} tone="alt" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DisclosureFootnote />
        </>
      )}
    </>
  );
}

function WellbeingPanel({ w, title }: { w: WellbeingChangeFieldsFragment; title: string }) {
  return (
    <div className="nhsuk-grid-column-one-half">
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h3 className="nhsuk-card__heading">{title}</h3>
          <p>
            People with a baseline and a later follow-up: <strong>{<Fig c={w.pairedPeople} />}</strong>.
            Improved meaningfully: <strong>{<Fig c={w.improvedMeaningfully} />}</strong>.
          </p>
          {w.warning && (
            <div className="nhsuk-warning-callout">
              <h4 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>Read with care
                </span>
              </h4>
              <p>{w.warning}</p>
            </div>
          )}
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label={`${title} change by item`}>
            <table className="nhsuk-table">
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {w.items.map((i) => (
                  <tr key={i.item}>
                    <th scope="row">{ITEM[i.item] ?? i.item}</th>
                    <td>{num(i.meanBaseline)}</td>
                    <td>{num(i.meanFollowUp)}</td>
                    <td>{num(i.meanChange, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
