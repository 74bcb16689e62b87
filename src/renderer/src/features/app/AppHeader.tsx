import { useStore } from '../../store';
import { THEME_CHOICES, type ThemeChoice } from '../../ui/theme';
import logoUrl from '../../../../../resources/icon.svg';

export function AppHeader() {
  const appInfo = useStore((s) => s.appInfo);
  const connectionError = useStore((s) => s.connectionError);
  const themeChoice = useStore((s) => s.themeChoice);
  const setThemeChoice = useStore((s) => s.setThemeChoice);
  const setHelpOpen = useStore((s) => s.setHelpOpen);
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
      {connectionError && <span className="connection error">not connected</span>}
      <span className="header-controls">
        <label className="sr-only" htmlFor="theme">
          Theme
        </label>
        <select
          id="theme"
          value={themeChoice}
          onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)}
        >
          {THEME_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'system' ? 'System theme' : choice === 'light' ? 'Light' : 'Dark'}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => setHelpOpen(true)}
        >
          ?
        </button>
      </span>
    </header>
  );
}
