import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isActive, type ScanId, type ScanStatus } from '../../../../shared/domain';
import { useStore } from '../../store';
import { formatCount, formatTime } from '../../ui/format';
import { safeText } from '../../ui/safe-text';

interface Item {
  id: ScanId;
  title: string;
  status: ScanStatus;
  startedAt: number | null;
  open: number;
}

/** New scan, the scans running now, and the latest scans of the history. */
export function Sidebar() {
  const route = useStore((s) => s.route);
  const navigate = useStore((s) => s.navigate);
  const recent = useStore((s) => s.recent);
  // Without a connection the header already says so; the list does not repeat it.
  const recentError = useStore((s) => (s.connectionError ? null : s.recentError));
  // Only what the list shows, so a progress frame re-renders the sidebar only when a status changes.
  const liveStatuses = useStore(
    useShallow((s) =>
      Object.values(s.live).map((scan) => `${scan.id}:${scan.status}:${scan.counts.open}`),
    ),
  );
  const details = useStore((s) => s.details);

  const { running, ended } = useMemo(() => {
    const live = new Map(
      liveStatuses.map((entry) => {
        const [id, status, open] = entry.split(':');
        return [Number(id), { status: status as ScanStatus, open: Number(open) }];
      }),
    );
    const items = new Map<number, Item>();
    for (const scan of recent) {
      const now = live.get(scan.id);
      items.set(scan.id, {
        id: scan.id,
        title: scan.name ?? scan.targets,
        status: now?.status ?? scan.status,
        startedAt: scan.startedAt,
        open: now?.open ?? scan.counts.open,
      });
    }
    for (const [id, now] of live) {
      if (items.has(id)) continue;
      const detail = details[id];
      items.set(id, {
        id: id as ScanId,
        title: detail ? (detail.name ?? detail.targets) : `Scan ${id}`,
        status: now.status,
        startedAt: detail?.startedAt ?? null,
        open: now.open,
      });
    }
    const all = [...items.values()].sort((a, b) => b.id - a.id);
    return {
      running: all.filter((i) => isActive(i.status)),
      ended: all.filter((i) => !isActive(i.status)),
    };
  }, [liveStatuses, recent, details]);

  const selected = route.view === 'scan' ? route.scanId : null;
  const open = (id: ScanId) => navigate({ view: 'scan', scanId: id, tab: 'overview' });

  return (
    <nav className="sidebar" aria-label="Scans">
      <button
        type="button"
        className={route.view === 'new-scan' ? 'new-scan-button selected' : 'new-scan-button'}
        aria-current={route.view === 'new-scan' ? 'page' : undefined}
        onClick={() => navigate({ view: 'new-scan' })}
      >
        + New scan
      </button>
      <button
        type="button"
        className={route.view === 'history' ? 'nav-button selected' : 'nav-button'}
        aria-current={route.view === 'history' ? 'page' : undefined}
        onClick={() => navigate({ view: 'history' })}
      >
        History
      </button>
      {running.length > 0 && (
        <ScanList title="Running" items={running} selected={selected} onOpen={open} />
      )}
      <ScanList title="Recent" items={ended} selected={selected} onOpen={open} />
      {recentError && (
        <p className="form-error small" role="alert">
          The history cannot be read: {recentError}
        </p>
      )}
      {!recentError && ended.length === 0 && running.length === 0 && (
        <p className="muted small sidebar-empty">No scans yet. Start one and it stays here.</p>
      )}
      <span className="spacer" />
      <HistoryFile />
    </nav>
  );
}

/** Which history file this window reads and writes; the CLI shares it. */
function HistoryFile() {
  const appInfo = useStore((s) => s.appInfo);
  if (!appInfo) return null;
  return (
    <div className="history-file muted small">
      <p>
        History{' '}
        <span className="mono" data-testid="database-file">
          {appInfo.databaseFile}
        </span>
      </p>
      <p>SQLite {appInfo.sqliteVersion}</p>
    </div>
  );
}

interface ListProps {
  title: string;
  items: Item[];
  selected: ScanId | null;
  onOpen(id: ScanId): void;
}

function ScanList({ title, items, selected, onOpen }: ListProps) {
  if (items.length === 0) return null;
  return (
    <section className="scan-list" aria-label={`${title} scans`}>
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === selected ? 'scan-item selected' : 'scan-item'}
              aria-current={item.id === selected ? 'page' : undefined}
              onClick={() => onOpen(item.id)}
            >
              <span className={`dot ${item.status}`} aria-label={item.status} role="img" />
              <span className="scan-item-text">
                <span className="scan-item-title">{safeText(item.title, 60)}</span>
                <span className="scan-item-meta">
                  #{item.id}
                  {item.startedAt !== null && ` · ${formatTime(item.startedAt)}`} ·{' '}
                  {formatCount(item.open)} open
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
