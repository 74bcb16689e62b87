import { createPortholeClient } from '../../../shared/client';
import type { PortholeApi } from '../../../shared/contract';
import { takeLaunchToken } from './token';
import { connectWebSocketBridge } from './websocket-bridge';

/**
 * The renderer's one way to reach Porthole: the preload bridge in the Electron window, else the
 * loopback browser host, whose per-launch token arrives in the page's URL fragment.
 * `onLost` hears once if the connection drops (the host stopped).
 */
export function connectPorthole(onLost: (reason: string) => void): PortholeApi {
  if (window.porthole) return createPortholeClient(window.porthole);
  const token = takeLaunchToken();
  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
  return createPortholeClient(connectWebSocketBridge(url, onLost));
}
