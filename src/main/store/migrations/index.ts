import { v1History } from './001-history';
import { v2Profiles } from './002-profiles';
import { v3ScanIds } from './003-scan-ids';
import { v4HostCounts } from './004-host-counts';

/**
 * Every schema change, in order: migration N takes a database from user_version N-1 to N.
 * Append only; a shipped migration is never edited (a database that has it applied already exists).
 */
export const MIGRATIONS: readonly string[] = [v1History, v2Profiles, v3ScanIds, v4HostCounts];

export const LATEST_VERSION = MIGRATIONS.length;
