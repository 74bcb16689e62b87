/**
 * Version 4: each host keeps its ports' counts by state, as each scan does. The explorer's host
 * pages show "65,530 closed" for every host, and the port map needs a host's port count; counting
 * a host's rows costs ~5 ms per 62,500 ports, so a page of hosts would otherwise read the whole
 * scan. The writer adds to them in the transaction that commits the rows; existing scans are
 * counted here, once (one pass over the results in primary-key order, no sort).
 */
export const v4HostCounts = `
ALTER TABLE hosts ADD COLUMN open_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN closed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN filtered_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
UPDATE hosts SET
  open_count = c.open, closed_count = c.closed, filtered_count = c.filtered, error_count = c.error
FROM (
  SELECT scan_id, host_id,
    sum(state = 'open') AS open, sum(state = 'closed') AS closed,
    sum(state = 'filtered') AS filtered, sum(state = 'error') AS error
  FROM results GROUP BY scan_id, host_id
) AS c
WHERE hosts.scan_id = c.scan_id AND hosts.id = c.host_id;
`;
