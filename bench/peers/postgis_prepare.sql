-- PostGIS peer, after loading (tools/compare_peers.sh): the indexes and statistics any PostGIS
-- user would add before querying. Timed as part of the load.
CREATE INDEX approvals_geom_gist ON approvals USING gist (geom);
CREATE INDEX supplies_geom_gist ON supplies USING gist (geom);
CREATE INDEX construction_geom_gist ON construction USING gist (geom);
CREATE INDEX supplies_date_idx ON supplies (supply_date);
CREATE INDEX construction_date_idx ON construction (observed_date);
ANALYZE approvals;
ANALYZE supplies;
ANALYZE construction;
