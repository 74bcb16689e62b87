import { Modal } from '../../ui/Modal';
import { SHORTCUTS } from './shortcuts';

/** Every shortcut, from the same list the key handler uses. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <Modal labelledBy="help-title" className="help" onClose={onClose}>
      <h3 id="help-title">Keyboard shortcuts</h3>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">Shortcuts wait while you type in a field.</p>
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
