import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  className?: string;
  /** Escape, or the page asked the dialog to go away. */
  onClose(): void;
  children: ReactNode;
}

/**
 * A native modal dialog: focus is kept inside, Escape closes it, the page behind is inert. It is
 * rendered at the end of <body>: a dialog with a form of its own may be opened from inside another
 * form (the new-scan form), and a form nested in a form never sees its submit event.
 */
export function Modal({ labelledBy, className, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return createPortal(
    <dialog
      ref={dialog}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // React carries a portal's events up its component tree: a submit or a key in the dialog
      // must not reach the form that opened it (and start a scan).
      onSubmit={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {children}
    </dialog>,
    document.body,
  );
}
