/**
 * Version 3: a scan id is never given out twice. `scans.id` alone would hand the id of a deleted
 * newest scan to the next one, and `porthole show 12` in someone's notes would then show another
 * scan. The highest id ever used is kept here; SQLite's AUTOINCREMENT would do the same but needs
 * the table rebuilt, with foreign keys off, outside a migration's transaction.
 */
export const v3ScanIds = `
CREATE TABLE scan_id_high_water (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 0),
  id         INTEGER NOT NULL
);
INSERT INTO scan_id_high_water (singleton, id) SELECT 0, coalesce(max(id), 0) FROM scans;
CREATE TRIGGER scans_raise_high_water AFTER INSERT ON scans BEGIN
  UPDATE scan_id_high_water SET id = NEW.id WHERE singleton = 0 AND id < NEW.id;
END;
`;
