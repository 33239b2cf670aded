import { useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { ApiError } from '../graphql/errors';

/** NHS.UK form patterns: label, hint, error message next to the field, aria-describedby wiring. */
interface FieldBase {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Wrap({ id, label, hint, error, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    value: string;
    onChange: (v: string) => void;
    type?: string;
    autoComplete?: string;
    width?: 'nhsuk-input--width-10' | 'nhsuk-input--width-20' | 'nhsuk-input--width-30' | '';
    inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  },
) {
  const { id, value, onChange, type = 'text', autoComplete, width = '', inputMode } = props;
  return (
    <Wrap {...props}>
      <input
        className={`nhsuk-input ${width}${props.error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

export function TextArea(props: FieldBase & { value: string; onChange: (v: string) => void; rows?: number }) {
  const { id, value, onChange, rows = 3 } = props;
  return (
    <Wrap {...props}>
      <textarea
        className={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldBase & { value: string; onChange: (v: string) => void; options: Option[]; emptyLabel?: string },
) {
  const { id, value, onChange, options, emptyLabel } = props;
  return (
    <Wrap {...props}>
      <select
        className={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

function Fieldset({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" id={id} aria-describedby={describedBy(id, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        {children}
      </fieldset>
    </div>
  );
}

export function Checkboxes(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Option[];
  values: string[];
  onChange: (v: string[]) => void;
  small?: boolean;
}) {
  const { id, options, values, onChange, small } = props;
  return (
    <Fieldset {...props}>
      <div className={`nhsuk-checkboxes${small ? ' nhsuk-checkboxes--small' : ''}`}>
        {options.map((o, i) => (
          <div className="nhsuk-checkboxes__item" key={o.value}>
            <input
              className="nhsuk-checkboxes__input"
              id={`${id}-${i}`}
              type="checkbox"
              value={o.value}
              checked={values.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))
              }
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

export function Radios(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Option[];
  value: string;
  onChange: (v: string) => void;
  inline?: boolean;
  small?: boolean;
}) {
  const { id, options, value, onChange, inline, small } = props;
  return (
    <Fieldset {...props}>
      <div
        className={`nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}${small ? ' nhsuk-radios--small' : ''}`}
      >
        {options.map((o, i) => (
          <div className="nhsuk-radios__item" key={o.value}>
            <input
              className="nhsuk-radios__input"
              id={`${id}-${i}`}
              name={id}
              type="radio"
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** The error summary at the top of a form: focused when it appears, links to the field at fault. */
export function ErrorSummary({ errors }: { errors: { href?: string; text: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.text).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div
      className="nhsuk-error-summary"
      aria-labelledby="error-summary-title"
      role="alert"
      tabIndex={-1}
      ref={ref}
    >
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((e) => (
            <li key={e.text}>{e.href ? <a href={e.href}>{e.text}</a> : e.text}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * A form's error summary: each field's error, linking to the field `#${prefix}-${field}` (its text
 * made by `describe`, the error itself by default), then the API's error when it names no field (a
 * sign-in problem is handled by the sign-in screen, not here).
 */
export function FormErrorSummary({
  fields,
  prefix,
  err,
  describe = (_field, text) => text,
}: {
  fields: Record<string, string>;
  prefix: string;
  err: ApiError | null;
  describe?: (field: string, text: string) => string;
}) {
  return (
    <ErrorSummary
      errors={[
        ...Object.entries(fields).map(([f, text]) => ({ href: `#${prefix}-${f}`, text: describe(f, text) })),
        ...(err && !err.field && err.code !== 'UNAUTHENTICATED' ? [{ text: err.message }] : []),
      ]}
    />
  );
}

export function Button({
  children,
  variant,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'secondary' | 'warning' | 'reverse' }) {
  return (
    <button
      className={`nhsuk-button${variant ? ` nhsuk-button--${variant}` : ''}`}
      data-module="nhsuk-button"
      type="button"
      {...rest}
    >
      {children}
    </button>
  );
}
