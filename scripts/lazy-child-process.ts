// A build step for the main-process bundle: commander requires node:child_process at load time
// only to run external subcommands, which Porthole has none of. Loading it (and the node:net it
// pulls in) costs every `porthole` command ~5-8 ms of start-up; here it is required on first use.
import type { Plugin } from 'vite';

const MODULE = /[\\/]commander[\\/]lib[\\/]command\.js$/;
const EAGER = "const childProcess = require('node:child_process');";
const LAZY =
  "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";

export function lazyChildProcess(): Plugin {
  return {
    name: 'porthole:lazy-child-process',
    transform(code: string, id: string) {
      if (!MODULE.test(id)) return null;
      // commander is pinned; a new version that moved this line must be looked at, not guessed.
      if (!code.includes(EAGER) || code.split('childProcess.').length - 1 !== 3) {
        throw new Error(
          `${id}: commander changed how it uses child_process; update scripts/lazy-child-process.ts`,
        );
      }
      return { code: code.replace(EAGER, LAZY), map: null };
    },
  };
}
