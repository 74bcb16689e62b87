import { Command, CommanderError } from 'commander';
import { InputError, isPortholeError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { EXIT, type ExitCode } from './exit-codes';
import { flagFor } from './flag-names';
import type { CliIo } from './io';
import { addHistoryCommands } from './history-commands';
import { addScanCommand } from './scan-command';
import { addServeCommand } from './serve-command';

/** nmap spells some flags with two letters after one dash; commander wants them long. */
function normaliseArgs(args: string[]): string[] {
  return args.map((arg) => (arg === '-iL' ? '--input-list' : arg));
}

/** Runs one command line; resolves with the exit code and never throws. */
export async function runCli(args: string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const setExit = (code: ExitCode) => {
    exitCode = code;
  };
  // Commander's own messages ("error: unknown option …") start like ours: `porthole: …`.
  const writeErr = (text: string) => io.stderr.write(text.replace(/^error: /, 'porthole: '));
  const program = new Command('porthole')
    .description('Porthole: a TCP port scanner that keeps every scan in a searchable history')
    .version(APP_VERSION, '-V, --version')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr,
    })
    .exitOverride();
  addScanCommand(program, io, setExit);
  addHistoryCommands(program, io, setExit);
  addServeCommand(program, io, setExit);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr,
    });
  }

  try {
    await program.parseAsync(normaliseArgs(args), { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version end with exit code 0; commander already printed the message otherwise.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  // The reader of our output went away (`| head`): not a failure of ours; nothing to say.
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return EXIT.ok;
  if (error instanceof InputError) {
    io.stderr.write(`porthole: ${flagFor(error.field ?? '')}: ${error.detail}\n`);
    return EXIT.usage;
  }
  if (isPortholeError(error) && error.kind === 'not-found') {
    io.stderr.write(`porthole: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = isPortholeError(error) || error instanceof Error ? error.message : String(error);
  io.stderr.write(`porthole: ${message}\n`);
  return EXIT.failed;
}
