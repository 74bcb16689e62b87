import { PortholeError } from '../../shared/errors';
import type { Profile } from '../../shared/history';
import { ScanRequestSchema, type ScanRequestInput } from '../../shared/scan-request';
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

/** Creates or replaces a profile by name (names are case-insensitive). The request is checked first. */
export function saveProfile(
  ctx: StoreContext,
  name: string,
  request: ScanRequestInput,
  now = Date.now(),
): Profile {
  const checked = ScanRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new PortholeError(
      'input',
      `profile ${name}: ${issue?.message ?? 'invalid request'}`,
      'request',
    );
  }
  ctx.statements
    .get(
      `INSERT INTO profiles (name, request_json, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET name = excluded.name, request_json = excluded.request_json,
         updated_at = excluded.updated_at`,
    )
    .run(name.trim(), JSON.stringify(request), now, now);
  return getProfile(ctx, name)!;
}

export function deleteProfile(ctx: StoreContext, name: string): boolean {
  return ctx.statements.get(`DELETE FROM profiles WHERE name = ?`).run(name.trim()).changes > 0;
}
