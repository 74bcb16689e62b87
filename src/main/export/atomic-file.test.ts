import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { results, tempDir, useTempDatabase, writeFinishedScan } from '../store/test-support';
import { writeFileAtomically } from './atomic-file';
import { scanExportJob } from './scan-export';

const isRoot = process.getuid?.() === 0;
const db = useTempDatabase('each');
let dir: { dir: string; remove(): void };
beforeEach(() => (dir = tempDir('porthole-atomic-')));
afterEach(() => dir.remove());

/** Writes `text` in pieces, as an export does, waiting for each to be taken. */
const writes =
  (...pieces: string[]) =>
  async (out: NodeJS.WritableStream): Promise<number> => {
    for (const piece of pieces) {
      if (!out.write(piece)) await new Promise((resolve) => out.once('drain', resolve));
    }
    return pieces.length;
  };

/** A folder with a file system of its own, mounted for the test and unmounted after it. */
function withMount(options: string, run: (folder: string) => Promise<void>): Promise<void> {
  const folder = join(dir.dir, 'mnt');
  mkdirSync(folder);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder]);
  return run(folder).finally(() => execFileSync('umount', [folder]));
}

describe('writeFileAtomically', () => {
  it('puts the whole file under the chosen name, and nothing else beside it', async () => {
    const file = join(dir.dir, 'scan.csv');
    await expect(writeFileAtomically(file, writes('a,b\r\n', '1,2\r\n'))).resolves.toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(dir.dir)).toEqual(['scan.csv']);
  });

  it('leaves the file that was there untouched, and no temporary file, when the export fails', async () => {
    const file = join(dir.dir, 'scan.csv');
    writeFileSync(file, 'the previous export');
    const failing = async (out: NodeJS.WritableStream) => {
      await writes('half of a ')(out);
      throw new Error('the database went away');
    };
    await expect(writeFileAtomically(file, failing)).rejects.toThrow(
      /could not write .*scan\.csv: the database went away/,
    );
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(dir.dir)).toEqual(['scan.csv']);
  });

  it('keeps the chosen name as it was, and no temporary file, when the scan is deleted while saved', async () => {
    const history = db();
    const id = await writeFinishedScan(
      history,
      ['127.0.0.1', '127.0.0.2'].flatMap((host) => results(1, 20_000, { host })),
    );
    const file = join(dir.dir, 'scan.csv');
    writeFileSync(file, 'the previous export');
    const job = scanExportJob(history, { scanId: id, format: 'csv', filter: {}, excel: false });
    let deleted: Promise<boolean> | null = null;
    // The delete starts with the first bytes written, and takes turns with the export.
    const deletingOnFirstWrite = (out: NodeJS.WritableStream) => {
      const write = out.write.bind(out) as (chunk: string) => boolean;
      out.write = ((chunk: string) => {
        deleted ??= history.deleteScan(id);
        return write(chunk);
      }) as typeof out.write;
      return job.write(out);
    };
    await expect(writeFileAtomically(file, deletingOnFirstWrite)).rejects.toThrow(
      `scan ${id} was deleted while it was being exported`,
    );
    expect(await deleted).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(dir.dir)).toEqual(['scan.csv']);
  });

  // A pipe and a folder made here, never a real device: a regression must not be able to replace
  // /dev/full (as root) or leave temporary files in /dev.
  it.each([
    ['a named pipe', (path: string) => execFileSync('mkfifo', [path])],
    ['a folder', (path: string) => mkdirSync(path)],
  ])(
    'refuses %s at the chosen name (a rename would replace it), writing nothing',
    async (_, make) => {
      const target = join(dir.dir, 'special');
      make(target);
      const before = lstatSync(target);
      let asked = false;
      const write = async (out: NodeJS.WritableStream) => {
        asked = true;
        return writes('x')(out);
      };
      await expect(writeFileAtomically(target, write)).rejects.toThrow(
        `could not write ${target}: it is not a regular file`,
      );
      expect(asked).toBe(false);
      const after = lstatSync(target);
      expect([after.ino, after.isFIFO(), after.isDirectory()]).toEqual([
        before.ino,
        before.isFIFO(),
        before.isDirectory(),
      ]);
      expect(readdirSync(dir.dir)).toEqual(['special']);
    },
  );

  it.skipIf(!isRoot)(
    'a full disk (a 64 KiB tmpfs) fails with its error; the old file stays, nothing else (root: mounts)',
    () =>
      withMount('size=64k', async (folder) => {
        const id = await writeFinishedScan(db(), results(1, 5000));
        const file = join(folder, 'scan.csv');
        writeFileSync(file, 'the previous export');
        const job = scanExportJob(db(), { scanId: id, format: 'csv', filter: {}, excel: false });
        await expect(writeFileAtomically(file, (out) => job.write(out))).rejects.toThrow(
          /could not write .*scan\.csv: ENOSPC/,
        );
        expect(readFileSync(file, 'utf8')).toBe('the previous export');
        expect(readdirSync(folder)).toEqual(['scan.csv']);
      }),
  );

  it.skipIf(!isRoot)(
    'a folder that cannot be written fails before anything is exported (root: mounts read-only)',
    () =>
      withMount('ro,size=64k', async (folder) => {
        const id = await writeFinishedScan(db(), results(1, 100));
        const file = join(folder, 'scan.csv');
        const job = scanExportJob(db(), { scanId: id, format: 'csv', filter: {}, excel: false });
        await expect(writeFileAtomically(file, (out) => job.write(out))).rejects.toThrow(
          /could not write .*scan\.csv: EROFS/,
        );
        expect(readdirSync(folder)).toEqual([]);
      }),
  );
});
