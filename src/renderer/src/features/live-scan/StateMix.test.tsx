import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { toScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { newLiveScan } from '../../store/live-scan';
import { StateMix } from './StateMix';

const initial = useStore.getState();
afterEach(() => useStore.setState(initial, true));

describe('StateMix', () => {
  it('lists every state with its count and a share that is never rounded to 0% or 100%', async () => {
    const id = toScanId(7);
    useStore.setState((s) => ({
      live: {
        ...s.live,
        [id]: { ...newLiveScan(id), counts: { open: 13, closed: 131_057, filtered: 0, error: 0 } },
      },
    }));
    const screen = await render(<StateMix scanId={id} />);
    await expect.element(screen.getByTestId('count-open')).toHaveTextContent(/open13\s*0\.01%/);
    await expect
      .element(screen.getByTestId('count-closed'))
      .toHaveTextContent(/closed131,057\s*99\.99%/);
    await expect.element(screen.getByTestId('count-filtered')).toHaveTextContent(/filtered0\s*0%/);
  });
});
