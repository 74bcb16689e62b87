import type { Command } from 'commander';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { wholeNumber } from './parse-number';

export function addServeCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void) {
  program
    .command('serve')
    .description('serve the Porthole window to a browser on this machine (loopback only)')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', wholeNumber, 0)
    .option('--db <file>', 'history database (default: the desktop app’s, or $PORTHOLE_DB)')
    .action(async (flags: { port: number; db?: string }) => {
      // Loaded on use: the WebSocket library alone costs ~30 ms of every other command's start-up.
      const { join } = await import('node:path');
      const { openPorthole } = await import('../porthole');
      const { startBrowserHost } = await import('../serve/browser-host');
      const porthole = openPorthole({ transport: 'websocket', databaseFile: flags.db });
      // The built renderer sits beside this file's folder: out/main/cli.js -> out/renderer.
      const host = await startBrowserHost({
        rendererDir: join(__dirname, '../renderer'),
        dispatch: porthole.dispatch,
        events: porthole.events,
        port: flags.port,
      });
      io.stdout.write(`Porthole is at ${host.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await host.close();
      await porthole.close();
      setExit(EXIT.ok);
    });
}
