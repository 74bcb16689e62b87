import { useState } from 'react';
import { InputError } from '../../../../shared/errors';
import { PORT_STATES, type StateCounts } from '../../../../shared/domain';
import type { ResultFilterInput } from '../../../../shared/history';
import { formatCount } from '../../ui/format';
import {
  hostsText,
  portsText,
  servicesText,
  statesOf,
  toggleState,
  withField,
} from './filter-edit';

interface Props {
  filter: ResultFilterInput;
  counts: StateCounts | undefined;
  onChange(filter: ResultFilterInput): void;
}

/**
 * State chips and the host, port and service fields: shortcuts that rewrite the query (free text
 * is typed in the query itself).
 */
export function FilterBar({ filter, counts, onChange }: Props) {
  const states = statesOf(filter);
  const fields = [
    {
      label: 'Host',
      placeholder: '10.0.0.*, 10.0.0.0/24',
      value: hostsText(filter),
      field: 'host',
    },
    { label: 'Ports', placeholder: '80, 443, 8000-8100', value: portsText(filter), field: 'port' },
    { label: 'Service', placeholder: 'http*, ssh', value: servicesText(filter), field: 'service' },
  ] as const;
  return (
    <div className="filter-bar">
      <div className="state-chips" role="group" aria-label="States shown">
        {PORT_STATES.map((state) => (
          <button
            key={state}
            type="button"
            className={`chip ${state}`}
            aria-pressed={states.includes(state)}
            onClick={() => onChange(toggleState(filter, state))}
          >
            <span className={`swatch ${state}`} aria-hidden="true" />
            {state}
            {counts && <span className="chip-count">{formatCount(counts[state])}</span>}
          </button>
        ))}
      </div>
      {fields.map(({ label, placeholder, value, field }) => (
        <FilterField
          key={label}
          label={label}
          placeholder={placeholder}
          value={value}
          apply={(text) => withField(filter, field, text)}
          onChange={onChange}
        />
      ))}
    </div>
  );
}

interface FieldProps {
  label: string;
  placeholder: string;
  value: string;
  apply(text: string): ResultFilterInput;
  onChange(filter: ResultFilterInput): void;
}

/**
 * A draft while typing; applied on Enter or when focus leaves, so half-typed lists stay as typed.
 * A change of the filter from elsewhere (the query box, a chip) starts a fresh draft; the field
 * keeps its focus through its own Enter.
 */
function FilterField({ label, placeholder, value, apply, onChange }: FieldProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
    setError(null);
  }
  const id = `filter-${label.toLowerCase()}`;
  const commit = () => {
    if (draft === value) return setError(null);
    try {
      onChange(apply(draft));
      setError(null);
    } catch (e) {
      setError(e instanceof InputError ? e.detail : String(e));
    }
  };
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono"
        spellCheck={false}
        placeholder={placeholder}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
