// A build step for the main-process bundle: commander requires node:child_process at load time
// only to run external subcommands, which Porthole has none of. Loading it (and the node:net it
// pulls in) costs every `porthole` command ~5-8 ms of start-up; here it is required on first use.
import type { Plugin } from 'vite';

const MODULE = /[\\/]commander[\\/]lib[\\/]command\.js$/;
const EAGER = "const childProcess = require('node:child_process');";
const LAZY =
  "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";

const count = (code: string, text: string): number => code.split(text).length - 1;

export function lazyChildProcess(): Plugin {
  let transformed = false;
  return {
    name: 'porthole:lazy-child-process',
    transform(code: string, id: string) {
      if (!MODULE.test(id.split('?')[0] ?? id)) return null;
      // commander is pinned; a new version that uses child_process otherwise (another function,
      // another name) must be looked at, not guessed: the stand-in only has spawn.
      if (
        !code.includes(EAGER) ||
        count(code, 'childProcess.spawn(') !== 3 ||
        count(code, 'childProcess') !== 4
      ) {
        throw new Error(
          `${id}: commander changed how it uses child_process; update scripts/lazy-child-process.ts`,
        );
      }
      transformed = true;
      return { code: code.replace(EAGER, LAZY), map: null };
    },
    buildEnd(error) {
      // commander moved or was renamed: the bundle would load child_process again, silently.
      if (!error && !transformed) {
        this.error(
          'commander/lib/command.js was not bundled; update scripts/lazy-child-process.ts',
        );
      }
    },
  };
}
