import { describe, expect, it } from 'vitest';
import { methodInputs } from '../../shared/contract';
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
  // Every method of the contract, so a new one needs no edit here.
  ...(Object.fromEntries(Object.keys(methodInputs).map((m) => [m, unused])) as unknown as Handlers),
  getAppInfo,
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

  it('answers a method that is not a string with an error, without converting it', async () => {
    const dispatch = createDispatcher(handlers(() => appInfo));
    // String() of this throws ("Cannot convert object to primitive value"); of a getter, runs it.
    const hostile = { toString: 1 };
    let ran = false;
    const sneaky = {
      get [Symbol.toPrimitive]() {
        ran = true;
        return () => 'getAppInfo';
      },
    };
    for (const method of [hostile, sneaky, null, undefined, 42, ['getAppInfo'], Symbol('x')]) {
      const result = await dispatch(method, undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'input' } });
      expect(result.ok || result.error.message).toMatch(/^unknown method \(an? \w+, not a name\)$/);
    }
    expect(ran).toBe(false);
    const long = await dispatch('x'.repeat(100_000), undefined);
    expect(long.ok || long.error.message.length).toBeLessThan(100);
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

  it('never rejects, whatever a handler throws or rejects with', async () => {
    const failures: (() => never | Promise<never>)[] = [
      () => {
        throw { toString: 1 };
      },
      () => {
        throw Object.create(null);
      },
      () => {
        throw 42;
      },
      () => Promise.reject(new Error('late')),
      () => Promise.reject({ message: { toString: 1 } }),
    ];
    for (const failure of failures) {
      const dispatch = createDispatcher(handlers(failure));
      const result = await dispatch('getAppInfo', undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    }
  });
});
