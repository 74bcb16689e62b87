import type { ReactNode } from 'react';
import { Modal } from './Modal';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A confirm that destroys or stops something is drawn as such. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question with two answers; Escape is the safe one. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Go back',
  danger = false,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <Modal labelledBy="confirm-title" onClose={onCancel}>
      <h3 id="confirm-title">{title}</h3>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus={danger}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          autoFocus={!danger}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
