import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabaseFile, defaultDataDir } from './paths';

describe('the default database file, shared by the CLI and the desktop app', () => {
  it("is Electron's userData folder for the app name Porthole on each platform", () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Porthole'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Porthole'));
    expect(defaultDataDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Porthole'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'Porthole'),
    );
    expect(defaultDatabaseFile({}, 'linux')).toBe(
      join(homedir(), '.config', 'Porthole', 'porthole.db'),
    );
  });

  it('is overridden by PORTHOLE_DB', () => {
    expect(defaultDatabaseFile({ PORTHOLE_DB: '/data/h.db' }, 'linux')).toBe('/data/h.db');
  });
});
