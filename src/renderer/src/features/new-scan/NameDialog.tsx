import { useState } from 'react';
import { Modal } from '../../ui/Modal';

interface Props {
  title: string;
  label: string;
  initial: string;
  confirmLabel: string;
  hint?: string;
  onCancel(): void;
  /** Rejects to keep the dialog open (its message is shown by the caller). */
  onConfirm(name: string): Promise<void>;
}

/** Asks for a name (a profile's); main checks it, its message shows under the field. */
export function NameDialog({
  title,
  label,
  initial,
  confirmLabel,
  hint,
  onCancel,
  onConfirm,
}: Props) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <Modal labelledBy="name-dialog-title" onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === '' || busy) return;
          setBusy(true);
          onConfirm(name.trim())
            .catch(() => {})
            .finally(() => setBusy(false));
        }}
      >
        <h3 id="name-dialog-title">{title}</h3>
        <div className="field">
          <label htmlFor="name-dialog-input">{label}</label>
          <input
            id="name-dialog-input"
            autoFocus
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {hint && <p className="hint">{hint}</p>}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Go back
          </button>
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
