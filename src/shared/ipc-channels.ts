// Electron IPC channel names, in one dependency-free file: the sandboxed preload bundles it.
export const IPC_CHANNELS = { call: 'porthole:call', event: 'porthole:event' } as const;
