#!/usr/bin/env node
// The `porthole` command: plain Node, nothing here or below imports electron.
import { runCli } from './cli/program';

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
}).then((code) => {
  process.exitCode = code;
});
