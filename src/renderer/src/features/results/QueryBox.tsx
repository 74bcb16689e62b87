import { forwardRef } from 'react';

interface Props {
  value: string;
  error: string | null;
  onChange(text: string): void;
}

/** Zenmap-style query: `open port:80,443 service:http host:10.0.0.* banner:nginx`. */
export const QueryBox = forwardRef<HTMLInputElement, Props>(function QueryBox(
  { value, error, onChange },
  ref,
) {
  return (
    <div className="query-box">
      <label htmlFor="result-query">Query</label>
      <input
        ref={ref}
        id="result-query"
        type="search"
        className="mono"
        spellCheck={false}
        autoComplete="off"
        placeholder="open port:80,443 service:http* host:10.0.0.* banner:nginx"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby="result-query-help result-query-error"
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="field-error" id="result-query-error" role="alert">
          {error}
        </p>
      ) : (
        <p className="hint" id="result-query-help">
          States, <code>port:</code>, <code>host:</code>, <code>service:</code>,{' '}
          <code>banner:</code>, or any words to find anywhere.
        </p>
      )}
    </div>
  );
});
