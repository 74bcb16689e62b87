import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  readlinkSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../shared/errors';

/**
 * An export path that cannot be written is bad input, found before the scan or the export starts,
 * not after it: a missing folder, a folder given as the file, no write permission. `-` is stdout.
 */
export function checkWritable(flag: string, file: string): void {
  if (file === '-') return;
  if (file.trim() === '') throw new InputError(flag, 'give a file name, or - for the terminal');
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new InputError(flag, `${file} is a folder; give a file name`);
  }
  const target = existsSync(file) ? file : dirname(resolve(file));
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new InputError(flag, `cannot write ${file}`);
  }
}

/** Every export of one command: each writable, and no two into the same file. */
export function checkOutputs(outputs: Record<string, string | undefined>): void {
  const seen = new Map<string, string>();
  for (const [flag, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    checkWritable(flag, file);
    const key = file === '-' ? '-' : realPath(file);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new InputError(
        flag,
        `${other} already writes to ${file === '-' ? 'the terminal' : file}`,
      );
    }
    seen.set(key, flag);
  }
}

/** The file a path ends at, through links (even one to a file not made yet). */
function realPath(file: string, hops = 0): string {
  try {
    return realpathSync(file);
  } catch {
    // A link to a file that does not exist yet: the export would create its target.
    if (hops < 40 && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return realPath(resolve(dirname(file), readlinkSync(file)), hops + 1);
    }
    try {
      return join(realpathSync(dirname(resolve(file))), basename(file));
    } catch {
      return resolve(file);
    }
  }
}

/** --csv-bom (the window's "for Excel": a UTF-8 byte-order mark) goes with a CSV only. */
export function checkCsvBom(bom: boolean | undefined, csv: string | undefined): void {
  if (bom && csv === undefined) {
    throw new InputError('--csv-bom', 'goes with --csv FILE (a JSON file never starts with one)');
  }
}
