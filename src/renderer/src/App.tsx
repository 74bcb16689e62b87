import { useEffect } from 'react';
import { AppHeader } from './features/app/AppHeader';
import { useStore } from './store';

export function App() {
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const appInfo = useStore((s) => s.appInfo);
  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <section className="panel">
          <h2>History database</h2>
          <p className="mono" data-testid="database-file">
            {appInfo ? appInfo.databaseFile : '…'}
          </p>
          <p className="muted">
            {appInfo ? `SQLite ${appInfo.sqliteVersion}` : 'Connecting to Porthole…'}
          </p>
          {appInfo && (
            <p className="muted" data-testid="prober">
              {appInfo.prober === 'native'
                ? 'Native prober available'
                : 'JavaScript prober only (the native prober is not built)'}
            </p>
          )}
        </section>
      </main>
    </div>
  );
}
