import type { Command } from 'commander';
import { PortholeError } from '../../shared/errors';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DB_FLAG } from './open-history';
import { portNumber } from './parse-number';

export function addServeCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void) {
  program
    .command('serve')
    .description('serve the Porthole window to a browser on this machine (loopback only)')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', portNumber)
    .option(...DB_FLAG)
    .option('--open', 'also open it in the default browser, when there is one')
    .action(async (flags: { port?: number; db?: string; open?: boolean }) => {
      // Listened for from the start, so that Ctrl-C at any moment (while the address is printed,
      // or --open still loads) closes cleanly. Left in place until the process ends: a Ctrl-C
      // reaches both `npm start` and this process, which forwards it, so a second signal may
      // arrive while closing; it must not kill us then.
      const stopped = new Promise<void>((resolve) => {
        process.on('SIGINT', () => resolve());
        process.on('SIGTERM', () => resolve());
      });
      // Loaded on use: the WebSocket library alone costs ~30 ms of every other command's start-up.
      const { openPorthole } = await import('../porthole');
      const { startBrowserHost } = await import('../serve/browser-host');
      const { findRendererDir } = await import('../serve/renderer-dir');
      const rendererDir = findRendererDir();
      if (rendererDir === null) {
        throw new PortholeError('internal', 'the window is not built: run `npm run build` first');
      }
      const { DownloadDesk } = await import('../serve/download-desk');
      // Exports from the page become downloads from this host.
      const downloads = new DownloadDesk();
      const porthole = openPorthole({
        transport: 'websocket',
        databaseFile: flags.db,
        exportTarget: downloads,
      });
      const host = await startBrowserHost({
        rendererDir,
        dispatch: porthole.dispatch,
        events: porthole.events,
        port: flags.port ?? 0,
        downloads,
      });
      // The person's own terminal: the one place the address with its token is shown.
      io.stdout.write(`Porthole is at ${host.url}\n`);
      let removeOpenPage = () => {};
      if (flags.open) {
        // Loaded on use: child_process is not worth loading for any other command.
        const { openInBrowser } = await import('../serve/open-browser');
        removeOpenPage = openInBrowser(host.url, (reason) =>
          io.stdout.write(
            `No browser could be opened (${reason}): open that address in a browser.\n`,
          ),
        );
      }
      await stopped;
      // The page that opened the browser holds the token: it goes first.
      removeOpenPage();
      await host.close();
      await porthole.close();
      setExit(EXIT.ok);
    });
}
