export { openDatabase, HistoryDb, type OpenOptions } from './database';
export {
  createResultWriter,
  type ResultWriter,
  type WriterOptions,
  type WriterSummary,
} from './writer';
export type { ScanEnd } from './scans';
