import type { CountFieldsFragment } from '../gql/graphql';

/** A disclosure-controlled count: "*" (with a footnote reference) when suppressed. */
export function Fig({ c }: { c: CountFieldsFragment }) {
  if (c.suppressed)
    return (
      <span>
        *<span className="nhsuk-u-visually-hidden"> (suppressed: a small number)</span>
      </span>
    );
  return <span>{c.display}</span>;
}

/** A horizontal bar with its figure printed beside it; a suppressed count draws no bar. */
export function Bar({ c, max, tone }: { c: CountFieldsFragment; max: number; tone?: 'alt' | 'muted' }) {
  const pct = c.value != null && c.value > 0 && max > 0 ? Math.max(1, Math.round((c.value / max) * 100)) : 0;
  return (
    <div className="app-bar">
      {pct > 0 && (
        <span
          className={`app-bar__fill${tone ? ` app-bar__fill--${tone}` : ''}`}
          style={{ width: `${pct * 0.7}%` }}
          aria-hidden="true"
        />
      )}
      <Fig c={c} />
    </div>
  );
}

export function DisclosureFootnote() {
  return (
    <p className="nhsuk-body-s" id="disclosure-footnote">
      <strong>*</strong> Disclosure control: a figure between 1 and the threshold (7 unless the partnership
      set another) is suppressed and shown as *, so that nobody can be identified from a small number. Every
      other figure is rounded to the nearest 5, so totals may not add up exactly. Means are given only over 10
      or more people.
    </p>
  );
}
