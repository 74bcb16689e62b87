import { createPortholeClient } from '../../../shared/client';
import type { PortholeApi } from '../../../shared/contract';
import { connectWebSocketBridge } from './websocket-bridge';

/**
 * The renderer's one way to reach Porthole: the preload bridge in the Electron window, else the
 * loopback browser host, whose per-launch token arrives in the page's URL fragment.
 */
export function connectPorthole(): PortholeApi {
  if (window.porthole) return createPortholeClient(window.porthole);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
  return createPortholeClient(connectWebSocketBridge(url));
}
