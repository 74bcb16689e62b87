import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { isPortholeError, PortholeError } from '../../shared/errors';

/**
 * Writes a file whole or not at all. The bytes go to a hidden temporary file beside the chosen
 * one (the same folder, so the same file system and an atomic rename), flushed to disk when
 * closed, and only then renamed over the chosen name. On any failure (a full disk, a folder that
 * cannot be written, the writer failing) the temporary file is removed and the chosen name keeps
 * whatever it held before: never half an export under it.
 */
export async function writeFileAtomically<T>(
  file: string,
  write: (out: NodeJS.WritableStream) => Promise<T>,
): Promise<T> {
  await refuseSpecialFile(file);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.part`);
  // 'wx': never write through a file or link someone put at the temporary name.
  const out = createWriteStream(temp, { flags: 'wx', flush: true });
  // A stream error while `write` waits on something else must still end the wait.
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  let renamed = false;
  try {
    const result = await Promise.race([write(out), failed]);
    out.end();
    await finished(out);
    await rename(temp, file);
    renamed = true;
    return result;
  } catch (error) {
    // The export's own errors (the scan was deleted meanwhile) say what they are already.
    if (isPortholeError(error)) throw error;
    throw new PortholeError('storage', `could not write ${file}: ${reason(error)}`, undefined, {
      cause: error,
    });
  } finally {
    if (!renamed) {
      out.destroy();
      await finished(out).catch(() => {});
      await unlink(temp).catch(() => {});
    }
  }
}

/**
 * A rename would replace a device, a pipe or a folder at the chosen name with a regular file (as
 * root, /dev/full itself); an export only ever replaces a regular file, or a link, itself.
 */
async function refuseSpecialFile(file: string): Promise<void> {
  const existing = await lstat(file).catch(() => null);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    throw new PortholeError('storage', `could not write ${file}: it is not a regular file`);
  }
}

const reason = (error: unknown): string =>
  error instanceof Error ? error.message : 'unexpected error';
