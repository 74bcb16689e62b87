import type { PortholeBridge } from '../shared/contract';

declare global {
  interface Window {
    /** Present in the Electron window (preload bridge); absent in a plain browser. */
    porthole?: PortholeBridge;
  }
}
