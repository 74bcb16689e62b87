// `npm start` runs this before opening the app. The Electron app loads an Electron-ABI build of
// better-sqlite3 through its `nativeBinding` option, while tests and the CLI keep the Node-ABI
// build in node_modules: both live side by side, and nobody rebuilds by hand between them.
// Making the Electron build needs internet once (prebuilt download, or Electron's headers).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const abi = readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8').trim();
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const target = join(root, '.electron-native', `abi-${abi}`, 'better_sqlite3.node');

if (existsSync(target) && hasElectronAbi(target)) process.exit(0);

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (ABI ${abi}), once…`);
const work = mkdtempSync(join(tmpdir(), 'porthole-electron-sqlite-'));
cpSync(join(root, 'node_modules/better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});
// Build against Electron's headers, never this machine's Node headers: drop any nodedir that npm's
// config (npmrc) passes down, and run node-gyp directly so npm does not re-apply it.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
const run = (command, args) =>
  spawnSync(command, args, {
    cwd: work,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
const npmDir = process.env.npm_execpath ? dirname(dirname(process.env.npm_execpath)) : null;
const nodeGyp = npmDir ? join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null;

const steps = [
  [
    process.execPath,
    [
      join(root, 'node_modules/prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
    ],
  ],
  ...(nodeGyp && existsSync(nodeGyp)
    ? [
        [
          process.execPath,
          [
            nodeGyp,
            'rebuild',
            '--release',
            '--runtime=electron',
            `--target=${electronVersion}`,
            '--dist-url=https://electronjs.org/headers',
          ],
        ],
      ]
    : []),
];
const output = join(work, 'build/Release/better_sqlite3.node');
const built = steps.some(
  ([command, args]) => run(command, args).status === 0 && hasElectronAbi(output),
);
if (!built) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    'Could not prepare better-sqlite3 for Electron: this step needs internet once ' +
      "(a prebuilt download or Electron's headers). Tests and the CLI do not need it.",
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(output, target);
rmSync(work, { recursive: true, force: true });
console.log(`Ready: ${target}`);

/**
 * A build for Electron must refuse to load in this Node and name Electron's ABI when it does: a
 * file that loads here was built against Node's headers and would crash the app instead.
 */
function hasElectronAbi(file) {
  if (!existsSync(file)) return false;
  try {
    createRequire(import.meta.url)(file);
    console.error(
      `${file} was built for this Node (ABI ${process.versions.modules}), not Electron.`,
    );
    return false;
  } catch (error) {
    return String(error.message).includes(`NODE_MODULE_VERSION ${abi}`);
  }
}
