import type { CompletionHandler, Connector, ConnectorKind } from './attempt';
import { createNetSocketConnector } from './net-socket-connector';
import { createTcpWrapConnector, loadTcpWrap } from './tcp-wrap-connector';

/** The fastest connector this runtime offers, unless a kind is asked for (tests run both). */
export function pickConnector(onComplete: CompletionHandler, kind?: ConnectorKind): Connector {
  if (kind !== 'net-socket') {
    const binding = loadTcpWrap();
    if (binding !== null) return createTcpWrapConnector(binding, onComplete);
  }
  return createNetSocketConnector(onComplete);
}
