import { describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { createDispatcher, type Handlers } from './dispatcher';

const appInfo = {
  name: 'Porthole' as const,
  version: '1.2.3',
  transport: 'websocket' as const,
  databaseFile: '/tmp/x.db',
  sqliteVersion: '3.50.0',
  prober: 'native' as const,
};

// The dispatcher is generic over its handlers: only getAppInfo is exercised here, so every other
// method is a stand-in that fails loudly if a test ever reaches it.
const unused = () => {
  throw new Error('not used in this test');
};
const handlers = (getAppInfo: Handlers['getAppInfo']): Handlers => ({
  getAppInfo,
  startScan: unused,
  pauseScan: unused,
  resumeScan: unused,
  cancelScan: unused,
  listScans: unused,
  getScan: unused,
  getResults: unused,
  deleteScan: unused,
  diffScans: unused,
  diffWithPrevious: unused,
  listProfiles: unused,
  saveProfile: unused,
  deleteProfile: unused,
});

describe('createDispatcher', () => {
  it('answers a known method with its value', async () => {
    const dispatch = createDispatcher(handlers(() => appInfo));
    expect(await dispatch('getAppInfo', undefined)).toEqual({ ok: true, value: appInfo });
  });

  it('refuses an unknown method by name, without calling anything', async () => {
    const dispatch = createDispatcher(handlers(() => appInfo));
    expect(await dispatch('dropTables', {})).toEqual({
      ok: false,
      error: { kind: 'input', message: 'unknown method "dropTables"' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { kind: 'input' } });
  });

  it('validates the payload with the contract schema before the handler runs', async () => {
    let called = false;
    const dispatch = createDispatcher(
      handlers(() => {
        called = true;
        return appInfo;
      }),
    );
    const result = await dispatch('getAppInfo', { extra: 1 });
    expect(result.ok).toBe(false);
    expect(called).toBe(false);
  });

  it('turns a thrown PortholeError into data and any other error into an internal error', async () => {
    const typed = createDispatcher(
      handlers(() => {
        throw new PortholeError('storage', 'disk full', 'db');
      }),
    );
    expect(await typed('getAppInfo', undefined)).toEqual({
      ok: false,
      error: { kind: 'storage', message: 'disk full', field: 'db' },
    });
    const plain = createDispatcher(
      handlers(() => {
        throw new TypeError('boom');
      }),
    );
    expect(await plain('getAppInfo', undefined)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'boom' },
    });
  });
});
