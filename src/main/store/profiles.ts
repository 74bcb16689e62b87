import { PortholeError } from '../../shared/errors';
import type { Profile } from '../../shared/history';
import {
  SCAN_REQUEST_KEYS,
  ScanRequestSchema,
  type ScanRequestInput,
} from '../../shared/scan-request';
import type { StoreContext } from './statements';

interface ProfileRow {
  name: string;
  request_json: string;
  created_at: number;
  updated_at: number;
}

const toProfile = (row: ProfileRow): Profile => ({
  name: row.name,
  request: JSON.parse(row.request_json) as ScanRequestInput,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listProfiles(ctx: StoreContext): Profile[] {
  const rows = ctx.statements
    .get(
      `SELECT name, request_json, created_at, updated_at FROM profiles ORDER BY name COLLATE NOCASE`,
    )
    .all() as ProfileRow[];
  return rows.map(toProfile);
}

export function getProfile(ctx: StoreContext, name: string): Profile | null {
  const row = ctx.statements
    .get(`SELECT name, request_json, created_at, updated_at FROM profiles WHERE name = ?`)
    .get(name.trim()) as ProfileRow | undefined;
  return row ? toProfile(row) : null;
}

/** How many profiles a history keeps: a list a person picks from, not a store for anything sent. */
export const MAX_PROFILES = 100;

/**
 * Creates or replaces a profile by name (names are case-insensitive). The request is checked with
 * the scan request schema (64 KiB per text field) and stored with only the fields a request has,
 * as the person gave them (trimmed): defaults they left out stay out, so a profile follows a
 * changed default. A new name is refused once MAX_PROFILES are saved; replacing one never is.
 */
export function saveProfile(
  ctx: StoreContext,
  name: string,
  request: ScanRequestInput,
  now = Date.now(),
): Profile {
  const checked = ScanRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.map(String).join('.');
    throw new PortholeError(
      'input',
      `profile ${name}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid request'}`,
      'request',
    );
  }
  const stored = givenFields(request, checked.data);
  ctx.sqlite.transaction(() => {
    const exists = ctx.statements.get(`SELECT 1 FROM profiles WHERE name = ?`).get(name.trim());
    if (!exists && profileCount(ctx) >= MAX_PROFILES) {
      throw new PortholeError(
        'input',
        `profile ${name}: ${MAX_PROFILES} profiles are saved, the most a history keeps; ` +
          'delete one or save over an existing name',
        'name',
      );
    }
    ctx.statements
      .get(
        `INSERT INTO profiles (name, request_json, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name,
           request_json = excluded.request_json, updated_at = excluded.updated_at`,
      )
      .run(name.trim(), JSON.stringify(stored), now, now);
  })();
  return getProfile(ctx, name)!;
}

/** The request's own fields that the caller gave, with their validated values; nothing else. */
function givenFields(given: ScanRequestInput, parsed: ScanRequestInput): ScanRequestInput {
  const out: Record<string, unknown> = {};
  for (const key of SCAN_REQUEST_KEYS) {
    if (Object.hasOwn(given, key) && given[key] !== undefined) out[key] = parsed[key];
  }
  return out as ScanRequestInput;
}

function profileCount(ctx: StoreContext): number {
  return (ctx.statements.get(`SELECT count(*) AS n FROM profiles`).get() as { n: number }).n;
}

/**
 * Renames a profile, keeping its request and creation time. Names are case-insensitive, as saving
 * has them: `web` may become `Web`, but not the name of another saved profile (it would be
 * replaced without a word; the person deletes or renames that one first).
 */
export function renameProfile(
  ctx: StoreContext,
  name: string,
  newName: string,
  now = Date.now(),
): Profile {
  const from = name.trim();
  const to = newName.trim();
  const byName = ctx.statements.get(`SELECT id, name FROM profiles WHERE name = ?`);
  return ctx.sqlite
    .transaction((): Profile => {
      const profile = byName.get(from) as { id: number; name: string } | undefined;
      if (!profile) throw new PortholeError('not-found', `profile ${from} is not saved`, 'name');
      const other = byName.get(to) as { id: number; name: string } | undefined;
      if (other && other.id !== profile.id) {
        throw new PortholeError(
          'input',
          `profile ${profile.name}: cannot take the name ${to}, profile ${other.name} has it; ` +
            'delete or rename that one first',
          'newName',
        );
      }
      ctx.statements
        .get(`UPDATE profiles SET name = ?, updated_at = ? WHERE id = ?`)
        .run(to, now, profile.id);
      return getProfile(ctx, to)!;
    })
    .immediate();
}

export function deleteProfile(ctx: StoreContext, name: string): boolean {
  return ctx.statements.get(`DELETE FROM profiles WHERE name = ?`).run(name.trim()).changes > 0;
}
