-- PostGIS peer of panhuo's two area determinations at the as-of date :'asof' (psql variable),
-- written the way a PostGIS user would: for each target, ST_Union of the candidates found by
-- the GiST index (&&) and dated on or before T, then one ST_Difference / ST_Intersection.
--   unsupplied_ha per approval dated <= T:  area(a − ∪ supplies dated <= T)      (批而未供)
--   built_ha      per supply   dated <= T:  area(s ∩ ∪ construction dated <= T)  (供而未用)
-- Results go to two tables the script exports as CSV.
\set ON_ERROR_STOP on

DROP TABLE IF EXISTS peer_unsupplied;
CREATE TABLE peer_unsupplied AS
SELECT a.approval_id,
       ST_Area(CASE WHEN u.geom IS NULL THEN a.geom ELSE ST_Difference(a.geom, u.geom) END) / 10000.0
         AS unsupplied_ha
FROM approvals a
LEFT JOIN LATERAL (
  SELECT ST_Union(s.geom) AS geom
  FROM supplies s
  WHERE s.geom && a.geom AND s.supply_date <= :'asof'::date
) u ON true
WHERE a.approval_date <= :'asof'::date;

DROP TABLE IF EXISTS peer_built;
CREATE TABLE peer_built AS
SELECT s.supply_id,
       COALESCE(ST_Area(ST_Intersection(s.geom, b.geom)), 0.0) / 10000.0 AS built_ha
FROM supplies s
LEFT JOIN LATERAL (
  SELECT ST_Union(c.geom) AS geom
  FROM construction c
  WHERE c.geom && s.geom AND c.observed_date <= :'asof'::date
) b ON true
WHERE s.supply_date <= :'asof'::date;
