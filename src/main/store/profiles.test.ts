import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { openDatabase, type HistoryDb } from './database';
import { tempDir } from './test-support';

let db: HistoryDb;
let remove: () => void;
beforeEach(() => {
  const t = tempDir();
  remove = t.remove;
  db = openDatabase(join(t.dir, 'porthole.db'));
});
afterEach(() => {
  db.close();
  remove();
});

describe('profiles', () => {
  it('saves, lists by name, replaces by name (case-insensitive) and deletes', () => {
    const web = db.saveProfile('Web', { targets: '10.0.0.0/24', ports: '80,443' });
    expect(web).toMatchObject({
      name: 'Web',
      request: { targets: '10.0.0.0/24', ports: '80,443' },
    });
    db.saveProfile('all', { targets: 'localhost', ports: '1-65535', timing: 4 });
    expect(db.listProfiles().map((p) => p.name)).toEqual(['all', 'Web']);
    db.saveProfile('web', { targets: '10.0.1.0/24', topPorts: 100 });
    expect(db.listProfiles()).toHaveLength(2);
    expect(db.getProfile('WEB')?.request).toEqual({ targets: '10.0.1.0/24', topPorts: 100 });
    expect(db.deleteProfile('Web')).toBe(true);
    expect(db.deleteProfile('Web')).toBe(false);
    expect(db.getProfile('web')).toBeNull();
  });

  it('refuses a request the scan schema refuses', () => {
    expect(() => db.saveProfile('bad', { targets: '', ports: '1' })).toThrow(PortholeError);
    expect(() => db.saveProfile('bad', { targets: 'x', ports: '1', topPorts: 5 })).toThrow(
      /profile bad: give either ports or topPorts/,
    );
    expect(db.listProfiles()).toEqual([]);
  });
});
