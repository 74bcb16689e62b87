import type { PortholeStore } from '../../store';
import { controllableHere } from '../../store/scans-slice';

/** One keyboard shortcut: what the help overlay lists and what the key handler runs. */
export interface Shortcut {
  /** As shown: "N", "Shift+C", "Ctrl+Enter". */
  keys: string;
  label: string;
  matches(event: KeyboardEvent): boolean;
  /** Runs it; null when it is listed only (the form handles Ctrl+Enter itself). */
  run: ((store: PortholeStore, act: ShortcutActions) => void) | null;
}

/** What shortcuts do that is not a store call: moving focus, asking before a cancel. */
export interface ShortcutActions {
  focusQuery(): void;
  confirmCancel(): void;
}

const plain = (key: string) => (e: KeyboardEvent) =>
  e.key === key && !e.ctrlKey && !e.metaKey && !e.altKey;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'N',
    label: 'New scan',
    matches: (e) => plain('n')(e) && !e.shiftKey,
    run: (store) => store.navigate({ view: 'new-scan' }),
  },
  {
    keys: 'H',
    label: 'History',
    matches: (e) => plain('h')(e) && !e.shiftKey,
    run: (store) => store.navigate({ view: 'history' }),
  },
  {
    keys: 'Ctrl+Enter',
    label: 'Start the scan (in the form)',
    matches: () => false,
    run: null,
  },
  {
    keys: '/',
    label: 'Search the results of the scan shown',
    matches: plain('/'),
    run: (store, act) => {
      const route = store.route;
      if (route.view !== 'scan') return;
      if (route.tab !== 'results') store.navigate({ ...route, tab: 'results' });
      act.focusQuery();
    },
  },
  {
    keys: 'E',
    label: 'Export the scan shown',
    matches: (e) => plain('e')(e) && !e.shiftKey,
    run: (store) => {
      const route = store.route;
      if (route.view !== 'scan') return;
      if (route.tab !== 'results') store.navigate({ ...route, tab: 'results' });
      store.setExportOpenFor(route.scanId);
    },
  },
  {
    keys: 'Shift+C',
    label: 'Cancel the running scan shown',
    matches: (e) => plain('C')(e) && e.shiftKey,
    run: (store, act) => {
      const route = store.route;
      if (route.view === 'scan' && controllableHere(store, route.scanId)) act.confirmCancel();
    },
  },
  {
    keys: '?',
    label: 'Show these shortcuts',
    matches: plain('?'),
    run: (store) => store.setHelpOpen(true),
  },
];

/** Keys typed into a field belong to the field. */
export function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type))
  );
}
