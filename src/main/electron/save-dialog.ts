import { app, BrowserWindow, dialog, type FileFilter, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/history';
import type { ExportTarget } from '../export/export-target';
import { saveToChosenFile, type ChooseFile } from '../export/save-to-file';

const FILTERS: Record<ExportFormat, FileFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  ndjson: [{ name: 'NDJSON (one JSON object per line)', extensions: ['ndjson'] }],
};

/**
 * The native save dialog, modal to the window the person is using, starting in their Downloads
 * folder with the export's suggested name. Everything after the choice is plain Node
 * (export/save-to-file.ts: a temporary file renamed when complete), tested without Electron.
 */
const chooseWithDialog: ChooseFile = async ({ fileName, kind }) => {
  const options: SaveDialogOptions = {
    title: 'Export',
    defaultPath: join(app.getPath('downloads'), fileName),
    filters: FILTERS[kind],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const { canceled, filePath } = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  return canceled || !filePath ? null : filePath;
};

/** Exports from the desktop window go where the person says, through the save dialog. */
export function setupSaveDialogExports(): ExportTarget {
  return saveToChosenFile(chooseWithDialog);
}
