import { useStore } from '../../store';
import logoUrl from '../../../../../resources/icon.svg';

export function AppHeader() {
  const appInfo = useStore((s) => s.appInfo);
  const connectionError = useStore((s) => s.connectionError);
  return (
    <header className="app-header">
      <img className="app-logo" src={logoUrl} alt="" width={28} height={28} />
      <h1>Porthole</h1>
      {appInfo && (
        <span className="version" data-testid="app-version">
          v{appInfo.version}
        </span>
      )}
      <span className="spacer" />
      {appInfo && (
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
