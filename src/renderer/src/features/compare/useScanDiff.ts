import { useEffect, useState } from 'react';
import type { ScanDiff } from '../../../../shared/history';
import { messageOf } from '../../store/app-slice';

export interface DiffState {
  diff: ScanDiff | null;
  /** True once answered (a null diff then means "no earlier scan"). */
  loaded: boolean;
  error: string | null;
}

/** Loads a comparison when `key` changes; a slower, older answer never replaces a newer one. */
export function useScanDiff(load: (() => Promise<ScanDiff | null>) | null, key: string): DiffState {
  const [state, setState] = useState<DiffState & { key: string }>({
    diff: null,
    loaded: false,
    error: null,
    key: '',
  });
  useEffect(() => {
    if (!load) return;
    let current = true;
    load().then(
      (diff) => current && setState({ diff, loaded: true, error: null, key }),
      (error: unknown) =>
        current && setState({ diff: null, loaded: true, error: messageOf(error), key }),
    );
    return () => {
      current = false;
    };
    // `load` is recreated each render; `key` says when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state : { diff: null, loaded: false, error: null };
}
