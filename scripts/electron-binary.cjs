// CommonJS so that both plain Node (scripts/start.mjs imports it) and Playwright's spec loader
// (which compiles what specs import to CommonJS, and cannot load an .mjs that way) can use it.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/**
 * The Electron binary, if this machine has one: ELECTRON_OVERRIDE_DIST_PATH, else the one the
 * electron package downloads on first run. Null where there is none (its download is blocked
 * here). `npm start` and the Electron e2e spec both ask this, so they agree on what "present" is.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [root] the repository, whose node_modules/electron is looked in
 * @returns {string | null}
 */
function electronBinary(env = process.env, root = ROOT) {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const file = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(file) ? file : null;
  }
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const file = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(file) ? file : null;
}

module.exports = { electronBinary };
