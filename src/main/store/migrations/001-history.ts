/**
 * Version 1: scans, the hosts each scan reached, and one result per scan/host/port/protocol.
 * Hosts belong to a scan so that deleting a scan cascades through an index prefix, never a table scan.
 */
export const v1History = `
CREATE TABLE scans (
  id              INTEGER PRIMARY KEY,
  name            TEXT,
  status          TEXT NOT NULL
                  CHECK (status IN ('running','paused','completed','cancelled','failed','interrupted')),
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER,
  request_json    TEXT NOT NULL,
  targets         TEXT NOT NULL,
  -- The targets as a set (tokens lowercased, sorted): "the previous scan of the same targets".
  targets_key     TEXT NOT NULL,
  ports           TEXT NOT NULL,
  open_count      INTEGER NOT NULL DEFAULT 0,
  closed_count    INTEGER NOT NULL DEFAULT 0,
  filtered_count  INTEGER NOT NULL DEFAULT 0,
  error_count     INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  -- The process that runs the scan: recovery interrupts only scans whose process is gone.
  owner_pid       INTEGER
);
CREATE INDEX scans_by_start ON scans (started_at, id);
CREATE INDEX scans_by_status ON scans (status, started_at);
CREATE INDEX scans_by_targets ON scans (targets_key, started_at);

CREATE TABLE hosts (
  id        INTEGER PRIMARY KEY,
  scan_id   INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  address   TEXT NOT NULL,
  -- '' when the target was an address: NULLs would be distinct in the UNIQUE constraint.
  hostname  TEXT NOT NULL DEFAULT '',
  -- A family byte then the address bytes (address-key.ts): hosts sort numerically.
  sort_key  BLOB NOT NULL,
  UNIQUE (scan_id, address, hostname)
);
CREATE UNIQUE INDEX hosts_by_scan_id ON hosts (scan_id, id);
CREATE INDEX hosts_in_order ON hosts (scan_id, sort_key);

-- WITHOUT ROWID: the primary key is the one b-tree, so an insert touches one tree, not two.
-- No CHECK constraints here: state and port come typed from the engine, and the checks cost about
-- a fifth of the insert time on the writer's hot path (measured, scripts/bench/store.ts).
CREATE TABLE results (
  scan_id     INTEGER NOT NULL,
  host_id     INTEGER NOT NULL,
  port        INTEGER NOT NULL,
  protocol    TEXT NOT NULL,
  state       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  rtt_us      INTEGER,
  service     TEXT,
  banner      TEXT,
  scanned_at  INTEGER NOT NULL,
  PRIMARY KEY (scan_id, host_id, port, protocol),
  -- Composite key: the cascade from a host finds its results through the primary key's prefix.
  FOREIGN KEY (scan_id, host_id) REFERENCES hosts (scan_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
-- Closed ports are most of most scans and are found by walking the primary key; the states people
-- filter for are indexed. Queries repeat the WHERE term so the planner can use this partial index.
CREATE INDEX results_by_state ON results (scan_id, state, host_id, port) WHERE state <> 'closed';
`;
