import { describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import type { ScanRequestInput } from '../../shared/scan-request';
import { MAX_PROFILES } from './profiles';
import { useTempDatabase } from './test-support';

const tempDb = useTempDatabase('each');

/** What the file holds for a profile, as SQLite has it: not what the store makes of it. */
const storedJson = (name: string): unknown => {
  const row = tempDb()
    .ctx.sqlite.prepare(`SELECT request_json FROM profiles WHERE name = ?`)
    .get(name) as { request_json: string } | undefined;
  return row ? JSON.parse(row.request_json) : undefined;
};

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

  it('refuses a request the scan schema refuses, naming the field', () => {
    expect(() => tempDb().saveProfile('bad', { targets: '', ports: '1' })).toThrow(PortholeError);
    expect(() => tempDb().saveProfile('bad', { targets: 'x', ports: '1', topPorts: 5 })).toThrow(
      /profile bad: ports: give either a port list or a top-ports count/,
    );
    expect(() => tempDb().saveProfile('big', { targets: 'x'.repeat(65_537) })).toThrow(
      /profile big: targets: must be at most 65,536 characters/,
    );
    expect(tempDb().listProfiles()).toEqual([]);
  });

  it("stores only a request's own fields, as given: unknown keys dropped, defaults left out", () => {
    const sent = {
      targets: ' 10.0.0.1 ',
      ports: '22',
      timing: 3,
      rate: undefined,
      junk: 'x'.repeat(10_000),
      nested: { deep: true },
    } as ScanRequestInput;
    const saved = tempDb().saveProfile('lab', sent);
    const expected = { targets: '10.0.0.1', ports: '22', timing: 3 };
    expect(saved.request).toEqual(expected);
    // The file itself has nothing else: no junk, and no defaults (banners, order…) filled in.
    expect(storedJson('lab')).toEqual(expected);
  });

  it(`keeps at most ${MAX_PROFILES} profiles; replacing one is always allowed`, () => {
    const db = tempDb();
    for (let i = 1; i <= MAX_PROFILES; i++)
      db.saveProfile(`profile ${i}`, { targets: `10.0.0.${i}` });
    let refused: unknown;
    try {
      db.saveProfile('one more', { targets: '10.0.1.1' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PortholeError);
    expect((refused as PortholeError).toData()).toEqual({
      kind: 'input',
      field: 'name',
      message: `profile one more: ${MAX_PROFILES} profiles are saved, the most a history keeps; delete one or save over an existing name`,
    });
    expect(db.getProfile('one more')).toBeNull();
    // Full, yet an existing name (in any case) is saved over.
    db.saveProfile('PROFILE 7', { targets: '10.0.7.7' });
    expect(db.getProfile('profile 7')?.request).toEqual({ targets: '10.0.7.7' });
    expect(db.listProfiles()).toHaveLength(MAX_PROFILES);
    expect(db.deleteProfile('profile 1')).toBe(true);
    db.saveProfile('one more', { targets: '10.0.1.1' });
    expect(db.listProfiles()).toHaveLength(MAX_PROFILES);
  });

  it('renames a profile, keeping its request; a change of case only is allowed', () => {
    const web = tempDb().saveProfile('Web', { targets: '10.0.0.0/24', ports: '80,443' });
    const renamed = tempDb().renameProfile(' web ', 'Internet');
    expect(renamed).toMatchObject({
      name: 'Internet',
      request: { targets: '10.0.0.0/24', ports: '80,443' },
      createdAt: web.createdAt,
    });
    expect(tempDb().getProfile('Web')).toBeNull();
    expect(tempDb().renameProfile('internet', 'INTERNET').name).toBe('INTERNET');
    expect(
      tempDb()
        .listProfiles()
        .map((p) => p.name),
    ).toEqual(['INTERNET']);
    expect(storedJson('INTERNET')).toEqual({ targets: '10.0.0.0/24', ports: '80,443' });
  });

  it('refuses to rename onto another profile, or a profile that is not saved', () => {
    tempDb().saveProfile('web', { targets: '10.0.0.0/24' });
    tempDb().saveProfile('Lab', { targets: '10.0.1.0/24' });
    const refusal = (name: string, newName: string): unknown => {
      try {
        tempDb().renameProfile(name, newName);
      } catch (error) {
        return (error as PortholeError).toData();
      }
      return undefined;
    };
    expect(refusal('web', 'LAB')).toEqual({
      kind: 'input',
      field: 'newName',
      message:
        'profile web: cannot take the name LAB, profile Lab has it; delete or rename that one first',
    });
    expect(refusal('nope', 'other')).toEqual({
      kind: 'not-found',
      field: 'name',
      message: 'profile nope is not saved',
    });
    expect(() => tempDb().renameProfile('web', '  ')).toThrow(PortholeError);
    // Nothing moved.
    expect(tempDb().getProfile('web')?.request).toEqual({ targets: '10.0.0.0/24' });
    expect(tempDb().getProfile('lab')?.request).toEqual({ targets: '10.0.1.0/24' });
    expect(tempDb().getProfile('other')).toBeNull();
  });
});
