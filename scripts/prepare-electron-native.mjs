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
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const abi = readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8').trim();
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const target = join(root, '.electron-native', `abi-${abi}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (ABI ${abi}), once…`);
const work = mkdtempSync(join(tmpdir(), 'porthole-electron-sqlite-'));
cpSync(join(root, 'node_modules/better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});
// Build against Electron's headers, not this machine's Node headers.
const env = { ...process.env, npm_config_nodedir: '' };
const run = (command, args) =>
  spawnSync(command, args, {
    cwd: work,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });

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
  [
    'npx',
    [
      '--yes',
      'node-gyp',
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
  ],
];
const built = steps.some(([command, args]) => run(command, args).status === 0);
const output = join(work, 'build/Release/better_sqlite3.node');
if (!built || !existsSync(output)) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    'Could not prepare better-sqlite3 for Electron: this step needs internet once ' +
      "(a prebuilt download or Electron's headers). Tests and the CLI do not need it.",
  );
  process.exit(1);
}
mkdirSync(join(target, '..'), { recursive: true });
copyFileSync(output, target);
rmSync(work, { recursive: true, force: true });
console.log(`Ready: ${target}`);
