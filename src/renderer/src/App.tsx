import { useEffect } from 'react';
import { onConnectionLost } from './api';
import { AppHeader } from './features/app/AppHeader';
import { NewScanView } from './features/new-scan/NewScanView';
import { ScanView } from './features/scans/ScanView';
import { Sidebar } from './features/scans/Sidebar';
import { Shortcuts } from './features/shortcuts/Shortcuts';
import { onSystemThemeChange } from './ui/theme';
import { useStore } from './store';
import { startFramePump } from './store/frame-pump';

export function App() {
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const refreshRecent = useStore((s) => s.refreshRecent);
  const connectionLost = useStore((s) => s.connectionLost);
  const route = useStore((s) => s.route);
  const routeFromLocation = useStore((s) => s.routeFromLocation);
  const systemThemeChanged = useStore((s) => s.systemThemeChanged);
  useEffect(() => {
    const stopPump = startFramePump();
    const stopLost = onConnectionLost(connectionLost);
    void loadAppInfo();
    refreshRecent();
    // Scans the CLI added meanwhile show up when the window comes back.
    window.addEventListener('focus', refreshRecent);
    window.addEventListener('popstate', routeFromLocation);
    const stopTheme = onSystemThemeChange(systemThemeChanged);
    return () => {
      stopTheme();
      window.removeEventListener('popstate', routeFromLocation);
      stopPump();
      stopLost();
      window.removeEventListener('focus', refreshRecent);
    };
  }, [loadAppInfo, refreshRecent, connectionLost, routeFromLocation, systemThemeChanged]);

  return (
    <div className="app">
      <AppHeader />
      <div className="app-body">
        <Sidebar />
        <main className="app-main">
          {route.view === 'new-scan' ? (
            <NewScanView />
          ) : (
            <ScanView key={route.scanId} scanId={route.scanId} tab={route.tab} />
          )}
        </main>
      </div>
      <Shortcuts />
    </div>
  );
}
