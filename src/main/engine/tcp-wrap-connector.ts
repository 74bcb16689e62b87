import type { Attempt, CompletionHandler, Connector } from './attempt';

/*
 * Node's internal TCP handle (the one net.Socket wraps), used directly. A refused connect through
 * net.Socket builds an Error with a stack trace and a full stream object; this handle reports the
 * negative errno to a callback and nothing more, which is most of the difference between 3x slower
 * and faster than nmap (docs/BENCHMARKS.md). process.binding('tcp_wrap') is on Node's allow-list
 * without a runtime deprecation warning in Node 20 and 22 (Electron 45's Node); when it is missing
 * or changes shape, pickConnector falls back to net.Socket.
 */

interface TcpHandle {
  connect(req: ConnectReq, address: string, port: number): number;
  connect6(req: ConnectReq, address: string, port: number): number;
  close(callback?: () => void): void;
  reset(callback?: () => void): number;
}

interface ConnectReq {
  oncomplete: (status: number, handle: TcpHandle, req: ConnectReq) => void;
  attempt: Attempt | null;
}

interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectReq;
  constants: { SOCKET: number };
}

let cached: TcpWrapBinding | null | undefined;

/** The binding, or null when this runtime does not offer it in the expected shape. */
export function loadTcpWrap(): TcpWrapBinding | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const legacy = (process as unknown as { binding?: (name: string) => unknown }).binding;
    const b = legacy?.call(process, 'tcp_wrap') as Partial<TcpWrapBinding> | undefined;
    if (
      typeof b?.TCP === 'function' &&
      typeof b.TCPConnectWrap === 'function' &&
      typeof b.constants?.SOCKET === 'number' &&
      typeof b.TCP.prototype.reset === 'function' &&
      typeof b.TCP.prototype.connect6 === 'function'
    ) {
      cached = b as TcpWrapBinding;
    }
  } catch {
    // Permission model or a runtime without the legacy binding: the net.Socket connector serves.
  }
  return cached;
}

export function createTcpWrapConnector(
  binding: TcpWrapBinding,
  onComplete: CompletionHandler,
): Connector {
  const { TCP, TCPConnectWrap, constants } = binding;
  const oncomplete = (status: number, handle: TcpHandle, req: ConnectReq): void => {
    const attempt = req.attempt;
    req.attempt = null;
    // A handle closed on timeout still reports ECANCELED; only the current try's handle counts.
    if (attempt === null || attempt.handle !== handle) return;
    onComplete(attempt, status);
  };
  return {
    kind: 'tcp-wrap',
    start(attempt) {
      const handle = new TCP(constants.SOCKET);
      const req = new TCPConnectWrap();
      req.oncomplete = oncomplete;
      req.attempt = attempt;
      attempt.handle = handle;
      const rc =
        attempt.family === 4
          ? handle.connect(req, attempt.address, attempt.port)
          : handle.connect6(req, attempt.address, attempt.port);
      if (rc !== 0) {
        req.attempt = null;
        attempt.handle = null;
        handle.close();
      }
      return rc;
    },
    finish(attempt, status) {
      const handle = attempt.handle as TcpHandle | null;
      attempt.handle = null;
      if (handle === null) return;
      // reset() closes with RST (SO_LINGER 0): no TIME_WAIT left behind by open ports.
      if (status === 0) handle.reset();
      else handle.close();
    },
    abandon(attempt) {
      const handle = attempt.handle as TcpHandle | null;
      attempt.handle = null;
      handle?.close();
    },
  };
}
