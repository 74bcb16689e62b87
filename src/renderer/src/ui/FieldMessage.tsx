/**
 * The line under a field: its hint, or its message when something is wrong. One line either way,
 * so a message appearing never moves what is below it (a click on the next control still lands).
 * The field points at it with aria-describedby.
 */
export function FieldMessage({
  id,
  hint,
  error,
}: {
  id: string;
  hint: string;
  error: string | undefined;
}) {
  return error ? (
    <p className="field-error" id={id} role="alert">
      {error}
    </p>
  ) : (
    <p className="hint" id={id}>
      {hint}
    </p>
  );
}
