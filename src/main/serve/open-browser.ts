// Loaded only by `porthole serve --open`: node:child_process costs every other command's start-up.
import { spawn } from 'node:child_process';
import { writeRedirectFile } from './redirect-file';

/** The program that opens a URL in the default browser, and how it is called. */
export interface Opener {
  command: string;
  args: string[];
}

/**
 * The platform's opener for a URL, or why there is none. On Linux and the BSDs xdg-open needs a
 * graphical session: without one it would fall back to a text browser (lynx, w3m) that, with no
 * terminal of its own, would wait unseen.
 */
export function browserOpener(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ((url: string) => Opener) | { none: string } {
  if (platform === 'darwin') return (url) => ({ command: 'open', args: [url] });
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return (url) => ({ command: 'cmd', args: ['/c', 'start', '', url] });
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { none: 'there is no display' };
  return (url) => ({ command: 'xdg-open', args: [url] });
}

/**
 * Asks the default browser to open `url`, detached and with its output ignored: the browser
 * outlives this process and its chatter is not ours. The opener is handed a private page that
 * redirects to `url` (redirect-file.ts), never `url` itself: its arguments, and the browser's,
 * are readable by every local user, and `url` carries the launch token. `onFailure` is called (at
 * most once) with the reason when no browser could be opened; that is never an error of the
 * command itself. Returns the page's removal, for when the host stops (exit removes it too).
 */
export function openInBrowser(
  url: string,
  onFailure: (reason: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): () => void {
  // Asked before the page is written: with no opener there is nothing for it to do.
  const openerFor = browserOpener(env, platform);
  if ('none' in openerFor) {
    onFailure(openerFor.none);
    return () => {};
  }
  let redirect: ReturnType<typeof writeRedirectFile>;
  try {
    redirect = writeRedirectFile(url);
  } catch (error) {
    onFailure(`the page that opens it could not be written: ${(error as Error).message}`);
    return () => {};
  }
  let reported = false;
  const fail = (reason: string) => {
    if (reported) return;
    reported = true;
    redirect.remove();
    onFailure(reason);
  };
  const opener = openerFor(redirect.url);
  try {
    const child = spawn(opener.command, opener.args, {
      detached: true,
      stdio: 'ignore',
      env,
      windowsHide: true,
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? `${opener.command} was not found`
          : `${opener.command} failed: ${error.message}`,
      ),
    );
    child.once('exit', (code) => {
      if (code !== 0) fail(`${opener.command} found no browser (exit code ${code})`);
    });
    // The listeners above must not keep a process alive that has nothing else to do.
    child.unref();
  } catch (error) {
    fail(`${opener.command} could not start: ${(error as Error).message}`);
  }
  return redirect.remove;
}
