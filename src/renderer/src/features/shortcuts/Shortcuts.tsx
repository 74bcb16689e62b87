import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { HelpOverlay } from './HelpOverlay';
import { SHORTCUTS, typingInField, type ShortcutActions } from './shortcuts';

/** Listens for the window's shortcuts; owns the help overlay and the cancel question. */
export function Shortcuts() {
  const helpOpen = useStore((s) => s.helpOpen);
  const setHelpOpen = useStore((s) => s.setHelpOpen);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    const actions: ShortcutActions = {
      // The results tab may mount in this same turn: focus once it has.
      focusQuery: () =>
        requestAnimationFrame(() => document.getElementById('result-query')?.focus()),
      confirmCancel: () => setCancelling(true),
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingInField(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const shortcut = SHORTCUTS.find((s) => s.run !== null && s.matches(event));
      if (!shortcut?.run) return;
      event.preventDefault();
      shortcut.run(useStore.getState(), actions);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const route = useStore((s) => s.route);
  const cancelScan = useStore((s) => s.cancelScan);
  return (
    <>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {cancelling && route.view === 'scan' && (
        <ConfirmDialog
          title="Cancel this scan?"
          confirmLabel="Cancel scan"
          cancelLabel="Keep scanning"
          danger
          onConfirm={() => {
            setCancelling(false);
            void cancelScan(route.scanId).catch(() => {});
          }}
          onCancel={() => setCancelling(false)}
        >
          <p>What was probed so far is kept in the history.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
