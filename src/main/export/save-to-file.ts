import type { ExportOutcome } from '../../shared/history-actions';
import type { ExportFormat } from '../../shared/history';
import { writeFileAtomically } from './atomic-file';
import type { ExportJob, ExportTarget } from './export-target';

/** Asks the person where to save (the desktop window's save dialog); null when they cancel. */
export type ChooseFile = (suggestion: {
  fileName: string;
  kind: ExportFormat;
}) => Promise<string | null>;

/**
 * The desktop window's delivery: the person picks the file, main writes it whole or not at all.
 * All of it but the dialog is plain Node, so tests run it with a chooser of their own.
 */
export function saveToChosenFile(choose: ChooseFile): ExportTarget {
  return {
    async deliver(job: ExportJob): Promise<ExportOutcome> {
      const file = await choose({ fileName: job.fileName, kind: job.kind });
      if (file === null) return { kind: 'cancelled' };
      const { rows } = await writeFileAtomically(file, (out) => job.write(out));
      return { kind: 'saved', file, rows };
    },
  };
}
