import { useStore } from '../../store';
import logoUrl from '../../../../../resources/icon.svg';

export function AppHeader() {
  const appInfo = useStore((s) => s.appInfo);
  const connectionError = useStore((s) => s.connectionError);
  return (
    <header className="app-header">
      <img className="app-logo" src={logoUrl} alt="" width={26} height={26} />
      <h1>Porthole</h1>
      {appInfo && (
        <span className="version" data-testid="app-version">
          v{appInfo.version}
        </span>
      )}
      <span className="spacer" />
      {appInfo && (
        <span
          className="header-info muted"
          data-testid="prober"
          title={`History: ${appInfo.databaseFile} (SQLite ${appInfo.sqliteVersion})`}
        >
          {appInfo.prober === 'native'
            ? 'Native prober available'
            : 'JavaScript prober only (the native prober is not built)'}
        </span>
      )}
      {appInfo && !connectionError && (
        <span className="connection ok" data-testid="connection">
          connected · {appInfo.transport}
        </span>
      )}
      {connectionError && (
        <span className="connection error" role="alert">
          {connectionError}
        </span>
      )}
    </header>
  );
}
