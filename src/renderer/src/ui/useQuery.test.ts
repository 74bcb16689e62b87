import { describe, expect, it, vi } from 'vitest';
import { renderHook } from 'vitest-browser-react';
import { useQuery } from './useQuery';

/** A read whose answers the test releases one by one, in any order. */
function controlledRead() {
  const asked: { key: string; resolve(value: string): void; reject(error: Error): void }[] = [];
  const readFor = (key: string) => () =>
    new Promise<string>((resolve, reject) => asked.push({ key, resolve, reject }));
  return { asked, readFor };
}

describe('useQuery', () => {
  it('reads one at a time: what is asked meanwhile is read once, after, for the latest key', async () => {
    const { asked, readFor } = controlledRead();
    const { result, rerender } = await renderHook(
      (props?: { key: string; tick: number }) =>
        useQuery(props!.key, readFor(props!.key), props!.tick),
      { initialProps: { key: 'host a', tick: 0 } },
    );
    await vi.waitFor(() => expect(asked.length).toBe(1));
    // Three refreshes and a new key while the first read is out: no read is started for them yet.
    await rerender({ key: 'host a', tick: 1 });
    await rerender({ key: 'host a', tick: 2 });
    await rerender({ key: 'host b', tick: 2 });
    expect(asked.length).toBe(1);
    // The old key's answer is never shown for the new key.
    asked[0]!.resolve('answer for a');
    await vi.waitFor(() => expect(asked.length).toBe(2));
    expect(result.current).toEqual({ data: undefined, error: null });
    expect(asked[1]!.key).toBe('host b');
    asked[1]!.resolve('answer for b');
    await vi.waitFor(() => expect(result.current.data).toBe('answer for b'));
    expect(asked.length).toBe(2);
  });

  it('keeps the answer on screen through a refresh, and through a failed one with its error', async () => {
    const { asked, readFor } = controlledRead();
    const { result, rerender } = await renderHook(
      (props?: { tick: number }) => useQuery('scan 1', readFor('scan 1'), props!.tick),
      { initialProps: { tick: 0 } },
    );
    await vi.waitFor(() => expect(asked.length).toBe(1));
    asked[0]!.resolve('first');
    await vi.waitFor(() => expect(result.current.data).toBe('first'));
    await rerender({ tick: 1 });
    await vi.waitFor(() => expect(asked.length).toBe(2));
    expect(result.current.data).toBe('first');
    asked[1]!.reject(new Error('the history is locked'));
    await vi.waitFor(() =>
      expect(result.current).toEqual({ data: 'first', error: 'the history is locked' }),
    );
  });
});
