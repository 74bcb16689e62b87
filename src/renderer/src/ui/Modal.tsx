import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  className?: string;
  /** Escape, or the page asked the dialog to go away. */
  onClose(): void;
  children: ReactNode;
}

/** A native modal dialog: focus is kept inside, Escape closes it, the page behind is inert. */
export function Modal({ labelledBy, className, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
