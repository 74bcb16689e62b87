import type { StateCreator } from 'zustand';
import {
  countTotal,
  isActive,
  isFinal,
  type ScanId,
  type ScanStatus,
} from '../../../shared/domain';
import { MAX_PAGE, type ScanDetail, type ScanDiff } from '../../../shared/history';
import { portsOfRequest } from '../../../shared/ports';
import type { ProgressFrame, ScanFinished } from '../../../shared/progress';
import type { ScanRequestInput } from '../../../shared/scan-request';
import { portholeApi } from '../api';
import { estimateScan } from '../features/new-scan/estimate';
import { formOfRequest } from '../features/new-scan/scan-form';
import { readStoredPortMap } from '../features/port-map/read-stored-map';
import { createPortMap, forgetPortMap, portMapOf } from '../features/port-map/registry';
import { messageOf } from './app-slice';
import {
  hostLabel,
  liveScanFromDetail,
  newLiveScan,
  withFrame,
  withRatePoint,
  withStoredOpen,
  type LiveScan,
} from './live-scan';
import type { PortholeStore } from '.';

/** Hosts whose open counts are read when a scan is opened: the chart shows the top ten of them. */
const OPEN_HOSTS_READ = MAX_PAGE;

/** The diffs still true once `id` is gone: neither about it nor comparing with it. */
function diffsWithout(
  diffs: Record<number, PreviousDiff>,
  id: ScanId,
): Record<number, PreviousDiff> {
  return Object.fromEntries(
    Object.entries(diffs).filter(([key, d]) => Number(key) !== id && d.diff?.from !== id),
  );
}

function withoutKey<T>(record: Record<number, T>, id: number): Record<number, T> {
  const copy = { ...record };
  delete copy[id];
  return copy;
}

/** A scan's status: as frames or the window's actions left it, else as the history says. */
export const statusOf = (s: PortholeStore, id: ScanId): ScanStatus | undefined =>
  s.live[id]?.status ?? s.details[id]?.status;

/** Whether a scan is one this window sees running in another process (the CLI, another serve). */
export function runsElsewhere(s: PortholeStore, id: ScanId): boolean {
  return isActive(s.live[id]?.status) && s.details[id]?.runningHere === false;
}

/** Whether Pause, Resume and Cancel can act on a scan from this window. */
export function controllableHere(s: PortholeStore, id: ScanId): boolean {
  return isActive(s.live[id]?.status) && s.details[id]?.runningHere !== false;
}

export type PreviousDiff = { diff: ScanDiff | null; error: null } | { diff: null; error: string };

export interface ScansSlice {
  /** Every scan the window has seen a frame of or opened, by id. */
  live: Record<number, LiveScan>;
  details: Record<number, ScanDetail>;
  /** Why a scan could not be loaded, by id. */
  loadErrors: Record<number, string>;
  /** What changed since the previous scan of the same targets, by id (null: no earlier scan). */
  diffs: Record<number, PreviousDiff>;
  startScan(request: ScanRequestInput): Promise<ScanId>;
  /** Loads a scan's stored detail (and, for a scan the window has not watched, its state). */
  openScan(id: ScanId): Promise<void>;
  pauseScan(id: ScanId): Promise<void>;
  resumeScan(id: ScanId): Promise<void>;
  cancelScan(id: ScanId): Promise<void>;
  /**
   * Reads again a scan that runs in another process: no frames come here for it, so its figures,
   * open ports and status are read from the history; once it ends, what changed too.
   */
  followElsewhere(id: ScanId): Promise<void>;
  /** Applies every frame that arrived since the last animation frame, in one store update. */
  applyFrames(frames: readonly ProgressFrame[]): void;
  applyFinished(finished: ScanFinished): void;
  renameScan(id: ScanId, name: string | null): Promise<void>;
  /** Deletes a scan from the history and forgets everything the window held of it. */
  deleteScan(id: ScanId): Promise<void>;
  /** Fills the form with a scan's request and shows it. */
  scanAgain(id: ScanId): Promise<void>;
}

export const createScansSlice: StateCreator<PortholeStore, [], [], ScansSlice> = (set, get) => {
  const setScan = (id: ScanId, update: (scan: LiveScan) => LiveScan) =>
    set((s) => ({ live: { ...s.live, [id]: update(s.live[id] ?? newLiveScan(id)) } }));
  const loading = new Map<ScanId, Promise<void>>();

  async function loadDetail(id: ScanId): Promise<ScanDetail | null> {
    const detail = await portholeApi().call('getScan', { scanId: id });
    if (detail === null) {
      set((s) => ({ loadErrors: { ...s.loadErrors, [id]: `scan ${id} is not in the history` } }));
      return null;
    }
    // A scan's request never changes: its ports and planned probes are worked out once.
    if (!portMapOf(id)) createPortMap(id, portsOfRequest(detail.request));
    if (!deleted.has(id)) set((s) => ({ details: { ...s.details, [id]: detail } }));
    return detail;
  }

  /**
   * The open ports and per-host counts stored for a scan the window did not watch from its start
   * (opened from the history, after a reload, started in another tab), merged with what frames
   * brought meanwhile: a port is counted once however it arrived.
   */
  async function loadOpenPorts(id: ScanId): Promise<void> {
    const [hosts, rows] = await Promise.all([
      portholeApi().call('getHosts', {
        scanId: id,
        filter: { state: 'open' },
        page: { limit: OPEN_HOSTS_READ },
      }),
      portholeApi().call('getResults', {
        scanId: id,
        filter: { state: 'open' },
        page: { limit: MAX_PAGE },
      }),
    ]);
    if (deleted.has(id)) return;
    const stored: Record<string, number> = {};
    for (const h of hosts.hosts) stored[hostLabel(h.host, h.hostname)] = h.counts.open;
    setScan(id, (scan) => withStoredOpen(scan, stored, rows.rows));
  }

  /** Probes each scan's request plans, by scan: a request never changes. */
  const planned = new Map<ScanId, number | null>();
  function plannedProbes(detail: ScanDetail): number | null {
    if (!planned.has(detail.id)) {
      const estimate = estimateScan(detail.request);
      // Hostnames resolve into an unknown number of hosts: no total, no time left.
      planned.set(detail.id, estimate && estimate.hostnames === 0 ? estimate.probes : null);
    }
    return planned.get(detail.id)!;
  }

  /** Scans deleted from this window: answers still on their way for them are dropped. */
  const deleted = new Set<ScanId>();
  const diffsLoading = new Set<ScanId>();
  /** When a scan running elsewhere was last read, for its rate. */
  const followedAt = new Map<ScanId, number>();
  /** When the port map of a scan running elsewhere may be read again. */
  const mapDueAt = new Map<ScanId, number>();

  /**
   * The port map of a scan running elsewhere, read again now and then: the host builds it from
   * every stored result, so it is read at most every 10 s, and never more than a fifth of the
   * time. Its end is read by the map's own hook.
   */
  async function refreshMapElsewhere(id: ScanId, now: number): Promise<void> {
    const map = portMapOf(id);
    if (!map || now < (mapDueAt.get(id) ?? 0)) return;
    await readStoredPortMap(id, map);
    const took = Date.now() - now;
    mapDueAt.set(id, Date.now() + Math.max(10_000, 4 * took));
  }
  function loadDiff(id: ScanId): void {
    if (diffsLoading.has(id)) return;
    diffsLoading.add(id);
    portholeApi()
      .call('diffWithPrevious', { scanId: id })
      .then(
        (diff) => {
          if (!deleted.has(id))
            set((s) => ({ diffs: { ...s.diffs, [id]: { diff, error: null } } }));
        },
        (error: unknown) => {
          if (deleted.has(id)) return;
          set((s) => ({ diffs: { ...s.diffs, [id]: { diff: null, error: messageOf(error) } } }));
        },
      )
      .finally(() => diffsLoading.delete(id));
  }

  return {
    live: {},
    details: {},
    loadErrors: {},
    diffs: {},

    async startScan(request) {
      const { scanId } = await portholeApi().call('startScan', request);
      if (!get().live[scanId]) setScan(scanId, (scan) => scan);
      void get().openScan(scanId);
      get().refreshRecent();
      return scanId;
    },

    openScan(id) {
      const known = loading.get(id);
      if (known) return known;
      const watched = get().live[id] !== undefined;
      // Asked for at once, alongside the detail: the diff is the slowest answer of a scan's page.
      // A scan still running has none to show yet; its end asks again (applyFinished).
      const status = get().live[id]?.status;
      if (status !== 'running' && status !== 'paused') loadDiff(id);
      const task = (async () => {
        try {
          const detail = await loadDetail(id);
          // Deleted meanwhile (ids are never reused): nothing of it comes back.
          if (detail === null || deleted.has(id)) return;
          if (!watched && !get().live[id]) {
            setScan(id, () => liveScanFromDetail(detail, plannedProbes(detail)));
          }
          await loadOpenPorts(id);
        } catch (error) {
          loading.delete(id);
          set((s) => ({ loadErrors: { ...s.loadErrors, [id]: messageOf(error) } }));
        }
      })();
      loading.set(id, task);
      return task;
    },

    async pauseScan(id) {
      await portholeApi().call('pauseScan', { scanId: id });
      setScan(id, (scan) => (scan.status === 'running' ? { ...scan, status: 'paused' } : scan));
    },

    async resumeScan(id) {
      await portholeApi().call('resumeScan', { scanId: id });
      setScan(id, (scan) => (scan.status === 'paused' ? { ...scan, status: 'running' } : scan));
    },

    async cancelScan(id) {
      const finished = await portholeApi().call('cancelScan', { scanId: id });
      const kept = countTotal(finished.counts);
      setScan(id, (scan) => ({
        ...scan,
        status: finished.status,
        counts: finished.counts,
        done: kept,
        etaSeconds: null,
      }));
      get().refreshRecent();
    },

    async followElsewhere(id) {
      const detail = await loadDetail(id);
      if (deleted.has(id)) return;
      if (detail === null) {
        // Deleted by the process that ran it: stop following; its page says it is gone.
        set((s) => ({ live: withoutKey(s.live, id), details: withoutKey(s.details, id) }));
        get().refreshRecent();
        return;
      }
      const now = Date.now();
      const last = followedAt.get(id);
      const total = plannedProbes(detail);
      setScan(id, (scan) => {
        const seconds = last === undefined ? 0 : (now - last) / 1000;
        const rate = seconds > 0 ? Math.max(0, (detail.resultCount - scan.done) / seconds) : 0;
        const elapsedMs = (detail.endedAt ?? now) - detail.startedAt;
        return {
          ...scan,
          ...(seconds > 0 ? withRatePoint(scan, { elapsedMs, rate }) : {}),
          status: detail.status,
          counts: detail.counts,
          done: detail.resultCount,
          total,
          rate,
          etaSeconds: total !== null && rate > 0 ? (total - detail.resultCount) / rate : null,
          elapsedMs,
          error: detail.error,
        };
      });
      followedAt.set(id, now);
      await loadOpenPorts(id);
      await refreshMapElsewhere(id, now);
      if (isFinal(detail.status)) {
        followedAt.delete(id);
        mapDueAt.delete(id);
        loadDiff(id);
        get().refreshRecent();
      }
    },

    applyFrames(frames) {
      set((s) => {
        const live = { ...s.live };
        for (const frame of frames) {
          if (frame.scanId === null) continue;
          live[frame.scanId] = withFrame(live[frame.scanId] ?? newLiveScan(frame.scanId), frame);
        }
        return { live };
      });
      for (const frame of frames) {
        if (frame.scanId !== null && !get().details[frame.scanId])
          void get().openScan(frame.scanId);
      }
    },

    async renameScan(id, name) {
      const summary = await portholeApi().call('renameScan', { scanId: id, name });
      set((s) => ({
        details: s.details[id]
          ? { ...s.details, [id]: { ...s.details[id], name: summary.name } }
          : s.details,
        recent: s.recent.map((scan) => (scan.id === id ? summary : scan)),
      }));
    },

    async deleteScan(id) {
      await portholeApi().call('deleteScan', { scanId: id });
      deleted.add(id);
      forgetPortMap(id);
      loading.delete(id);
      set((s) => {
        // A diff that named this scan as the earlier one is out of date too.
        return {
          live: withoutKey(s.live, id),
          details: withoutKey(s.details, id),
          explorers: withoutKey(s.explorers, id),
          diffs: diffsWithout(s.diffs, id),
          loadErrors: withoutKey(s.loadErrors, id),
          recent: s.recent.filter((scan) => scan.id !== id),
        };
      });
      const route = get().route;
      if (route.view === 'scan' && route.scanId === id) get().navigate({ view: 'history' });
      get().refreshRecent();
    },

    async scanAgain(id) {
      const detail = get().details[id] ?? (await portholeApi().call('getScan', { scanId: id }));
      if (!detail) throw new Error(`scan ${id} is not in the history`);
      get().fillForm(formOfRequest(detail.request));
      get().navigate({ view: 'new-scan' });
    },

    applyFinished(finished) {
      if (finished.scanId === null) return;
      const id = finished.scanId;
      setScan(id, (scan) => ({
        ...scan,
        status: finished.status,
        counts: finished.counts,
        // What was committed: for a scan that failed, less than what was probed.
        done: countTotal(finished.counts),
        error: finished.error,
        etaSeconds: null,
        rate: 0,
      }));
      // The stored detail now has its end time and final counts; what changed can be said.
      if (isFinal(finished.status)) {
        loadDiff(id);
        void portholeApi()
          .call('getScan', { scanId: id })
          .then((detail) => {
            if (detail && !deleted.has(id))
              set((s) => ({ details: { ...s.details, [id]: detail } }));
          })
          .catch(() => {});
      }
      get().refreshRecent();
    },
  };
};
