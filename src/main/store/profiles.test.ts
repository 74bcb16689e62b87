import { describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { useTempDatabase } from './test-support';

const tempDb = useTempDatabase('each');

describe('profiles', () => {
  it('saves, lists by name, replaces by name (case-insensitive) and deletes', () => {
    const web = tempDb().saveProfile('Web', { targets: '10.0.0.0/24', ports: '80,443' });
    expect(web).toMatchObject({
      name: 'Web',
      request: { targets: '10.0.0.0/24', ports: '80,443' },
    });
    tempDb().saveProfile('all', { targets: 'localhost', ports: '1-65535', timing: 4 });
    expect(
      tempDb()
        .listProfiles()
        .map((p) => p.name),
    ).toEqual(['all', 'Web']);
    tempDb().saveProfile('web', { targets: '10.0.1.0/24', topPorts: 100 });
    expect(tempDb().listProfiles()).toHaveLength(2);
    expect(tempDb().getProfile('WEB')?.request).toEqual({ targets: '10.0.1.0/24', topPorts: 100 });
    expect(tempDb().deleteProfile('Web')).toBe(true);
    expect(tempDb().deleteProfile('Web')).toBe(false);
    expect(tempDb().getProfile('web')).toBeNull();
  });

  it('refuses a request the scan schema refuses', () => {
    expect(() => tempDb().saveProfile('bad', { targets: '', ports: '1' })).toThrow(PortholeError);
    expect(() => tempDb().saveProfile('bad', { targets: 'x', ports: '1', topPorts: 5 })).toThrow(
      /profile bad: give either a port list or a top-ports count/,
    );
    expect(tempDb().listProfiles()).toEqual([]);
  });
});
