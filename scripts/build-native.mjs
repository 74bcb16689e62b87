// `npm install` / `npm ci` run this (the package's install script). It builds the native epoll
// prober (native/prober) where it applies: Linux. Where the build is not possible (no compiler),
// Porthole still works with its JavaScript prober, so a failed build warns instead of failing the
// install, unless PORTHOLE_NATIVE_REQUIRED=1 (CI sets it, so a broken addon cannot go unnoticed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
if (process.platform !== 'linux') {
  console.log('porthole: the native prober is Linux-only; using the JavaScript prober.');
  process.exit(0);
}
// npm puts its bundled node-gyp on PATH for install scripts.
const build = spawnSync('node-gyp', ['rebuild', '--directory', path.join(root, 'native/prober')], {
  stdio: 'inherit',
  shell: false,
});
if (build.status === 0) process.exit(0);
if (process.env.PORTHOLE_NATIVE_REQUIRED === '1') {
  console.error('porthole: building the native prober failed (PORTHOLE_NATIVE_REQUIRED=1).');
  process.exit(1);
}
console.warn(
  'porthole: could not build the native prober (a C compiler, make and python3 are needed); ' +
    'scans use the JavaScript prober instead.',
);
