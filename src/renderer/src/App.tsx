import { lazy, Suspense, useEffect, useState } from 'react';
import { onConnectionLost } from './api';
import { AppHeader } from './features/app/AppHeader';
import { NewScanView } from './features/new-scan/NewScanView';
import { Sidebar } from './features/scans/Sidebar';
import { useFollowElsewhere } from './features/scans/useFollowElsewhere';
import { Shortcuts } from './features/shortcuts/Shortcuts';
import { onSystemThemeChange } from './ui/theme';
import { useStore } from './store';
import { startFramePump } from './store/frame-pump';
import { preloadable } from './ui/preloadable';

// Loaded after the first paint: the charts (recharts is nearly half of the window's JavaScript)
// are not needed to paint the form, and compiling them while idle keeps Start from paying for it.
const Scan = preloadable(() => import('./features/scans/ScanView').then((m) => m.ScanView));
const History = preloadable(() =>
  import('./features/history/HistoryView').then((m) => m.HistoryView),
);
const Compare = preloadable(() =>
  import('./features/compare/CompareView').then((m) => m.CompareView),
);
const ChartWarmup = lazy(() =>
  import('./features/live-scan/ChartWarmup').then((m) => ({ default: m.ChartWarmup })),
);
const preloadViews = (then: () => void) => {
  void Scan.preload().then(History.preload).then(Compare.preload).then(then);
};

export function App() {
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const refreshRecent = useStore((s) => s.refreshRecent);
  const connectionLost = useStore((s) => s.connectionLost);
  const route = useStore((s) => s.route);
  const routeFromLocation = useStore((s) => s.routeFromLocation);
  const systemThemeChanged = useStore((s) => s.systemThemeChanged);
  const connectionError = useStore((s) => s.connectionError);
  const [warm, setWarm] = useState(false);
  useFollowElsewhere();
  useEffect(() => {
    const stopPump = startFramePump();
    const stopLost = onConnectionLost(connectionLost);
    void loadAppInfo();
    refreshRecent();
    const preload = setTimeout(() => preloadViews(() => setWarm(true)), 50);
    // Scans the CLI added meanwhile show up when the window comes back.
    window.addEventListener('focus', refreshRecent);
    window.addEventListener('popstate', routeFromLocation);
    const stopTheme = onSystemThemeChange(systemThemeChanged);
    return () => {
      clearTimeout(preload);
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
      {connectionError && (
        <p className="connection-banner" role="alert">
          {connectionError}
        </p>
      )}
      {/* Without Porthole nothing here can act: the window stays readable, its controls inert. */}
      <div className="app-body" inert={connectionError !== null}>
        <Sidebar />
        <main className="app-main">
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {route.view === 'new-scan' && <NewScanView />}
            {route.view === 'history' && <History.View />}
            {route.view === 'scan' && (
              <Scan.View key={route.scanId} scanId={route.scanId} tab={route.tab} />
            )}
            {route.view === 'compare' && (
              <Compare.View key={`${route.from}:${route.to}`} from={route.from} to={route.to} />
            )}
          </Suspense>
        </main>
      </div>
      <Shortcuts />
      {warm && (
        <Suspense fallback={null}>
          <ChartWarmup />
        </Suspense>
      )}
    </div>
  );
}
