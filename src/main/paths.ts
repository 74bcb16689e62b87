import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron calls userData for the app name "Porthole". The CLI and the desktop app
 * compute it here, in one place, so a scan from either shows up in both.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform) {
  const home = homedir();
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Porthole');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Porthole');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Porthole');
}

/** `PORTHOLE_DB` overrides the default file; the CLI's `--db` overrides both. */
export function defaultDatabaseFile(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
) {
  return env.PORTHOLE_DB || join(defaultDataDir(env, platform), 'porthole.db');
}
