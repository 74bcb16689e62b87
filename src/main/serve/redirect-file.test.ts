import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../testing/run-cli';
import { redirectPage, writeRedirectFile } from './redirect-file';

let parent: string;
beforeEach(() => (parent = mkdtempSync(join(tmpdir(), 'porthole-redirect-'))));
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const MODULE = join(__dirname, 'redirect-file.ts');

/** A real Node process that writes a page under `parent`, prints its path, then ends as `how`. */
function childThat(how: string) {
  const script =
    `const { writeRedirectFile } = require(${JSON.stringify(MODULE)});` +
    `const page = writeRedirectFile('http://127.0.0.1:1/#token=secret', ${JSON.stringify(parent)});` +
    `process.stdout.write(page.path + '\\n');` +
    how;
  return collect(
    spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

describe('writeRedirectFile', () => {
  it('writes a 0600 page in a 0700 folder of its own; remove() takes both, once', () => {
    const page = writeRedirectFile('http://127.0.0.1:9/#token=abc', parent);
    expect(page.url).toBe(`file://${page.path}`);
    expect(fileURLToPath(page.url)).toBe(page.path);
    expect(statSync(page.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(page.path)).mode & 0o777).toBe(0o700);
    expect(readFileSync(page.path, 'utf8')).toBe(redirectPage('http://127.0.0.1:9/#token=abc'));
    page.remove();
    page.remove();
    expect(existsSync(dirname(page.path))).toBe(false);
  });

  it.each([
    ['exits', 'process.exit(0);'],
    ['throws', "setImmediate(() => { throw new Error('boom'); });"],
    ['runs out of work', ''],
  ])('is removed when the process %s without calling remove()', async (_, how) => {
    const run = await childThat(how);
    const path = run.stdout.trim();
    expect(path.startsWith(parent)).toBe(true);
    expect(existsSync(dirname(path))).toBe(false);
  });
});

describe('redirectPage', () => {
  it('refreshes to the address at once and links to it, escaped as an attribute', () => {
    const html = redirectPage('http://127.0.0.1:5/?a=1&b="<x>"#token=t');
    const escaped = 'http://127.0.0.1:5/?a=1&amp;b=&quot;&lt;x&gt;&quot;#token=t';
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${escaped}">`);
    expect(html).toContain(`<a href="${escaped}">`);
    expect(html).not.toContain('<script');
  });
});
