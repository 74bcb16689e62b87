import type { AppInfo } from '../../shared/app-info';
import { diffExportJob } from '../export/diff-export';
import type { ExportTarget } from '../export/export-target';
import { scanExportJob } from '../export/scan-export';
import type { Handlers } from '../rpc/dispatcher';
import type { SessionRegistry } from '../session/session-registry';
import type { HistoryDb } from '../store/database';

export interface HandlerContext {
  db: HistoryDb;
  sessions: SessionRegistry;
  appInfo: () => AppInfo;
  /** How this transport delivers an export: a save dialog, or a download from the browser host. */
  exportTarget: ExportTarget;
}

/** The contract's methods, implemented once for every transport; inputs arrive validated. */
export function createHandlers({ db, sessions, appInfo, exportTarget }: HandlerContext): Handlers {
  return {
    getAppInfo: appInfo,
    startScan: async (request) => ({ scanId: await sessions.start(request) }),
    pauseScan: ({ scanId }) => {
      sessions.pause(scanId);
      return null;
    },
    resumeScan: ({ scanId }) => {
      sessions.resume(scanId);
      return null;
    },
    cancelScan: async ({ scanId }) => {
      const outcome = await sessions.cancel(scanId);
      return {
        scanId: outcome.scanId,
        status: outcome.status,
        counts: outcome.counts,
        error: outcome.error,
      };
    },
    listScans: (query) => db.listScans(query),
    getScan: ({ scanId }) => {
      const scan = db.getScan(scanId);
      // The file says running for a scan of any process; only the registry knows it is ours.
      return scan && { ...scan, runningHere: sessions.has(scanId) };
    },
    getResults: ({ scanId, filter, sort, page }) => db.getResults(scanId, filter, sort, page),
    getHosts: (query) => db.getHosts(query),
    getServices: (query) => db.getServices(query),
    getPortMap: (query) => db.getPortMap(query),
    deleteScan: async ({ scanId }) => ({ deleted: await db.deleteScan(scanId) }),
    diffScans: ({ from, to }) => db.diffScans(from, to),
    diffWithPrevious: ({ scanId }) => db.diffWithPrevious(scanId),
    listProfiles: () => db.listProfiles(),
    saveProfile: ({ name, request }) => db.saveProfile(name, request),
    deleteProfile: ({ name }) => ({ deleted: db.deleteProfile(name) }),
    renameProfile: ({ name, newName }) => db.renameProfile(name, newName),
    renameScan: ({ scanId, name }) => db.renameScan(scanId, name),
    getTimeline: ({ scanId }) => db.getTimeline(scanId),
    exportScan: (request) => exportTarget.deliver(scanExportJob(db, request)),
    exportDiff: (request) => exportTarget.deliver(diffExportJob(db, request)),
  };
}
