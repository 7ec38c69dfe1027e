// Reading the contract's input layers from any GDAL vector source into InputData.
//
// Each layer comes from the default source or from a source of its own; a field-mapping file
// lets a bureau's own layer and field names stand for the contract's. CRS rules (contract):
// geographic data goes to the CGCS2000 3-degree Gauss-Krüger zone of its centre, a layer whose
// CRS differs from the others is reprojected to the CRS most layers share (a tie goes to that of
// `supplies`), and a layer with no CRS is an error unless the caller names one.
//
// Every feature read is either used or rejected with a reason (read = used + rejected, per
// layer). Invalid polygons are repaired with GEOS MakeValid (the "linework" method) and counted;
// a polygon that cannot be repaired to a non-empty polygon is rejected.
//
// Failures that make a layer unusable (cannot open the source, missing required layer or field,
// empty required layer, unknown CRS) are returned as a Status naming the file, layer and field.
// So is a damaged file: a GeoPackage is checked with SQLite's quick_check before it is read, and
// any failure GDAL raises while a layer is read fails the read (never a partial layer). Values
// are never changed on the way: a GeoPackage value GDAL would turn into 0, 1970-01-01 or another
// day is taken from the raw SQLite value (see sources/gpkg_checks.hpp); a coordinate beyond 1e8 m,
// a WKB count the bytes cannot hold, are rejects with their reason.
// GDAL is used from the calling thread only; geometry validation runs on the TBB pool.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/model/layers.hpp"

namespace panhuo {

struct ReadOptions {
  // Source for every layer without a source of its own (a file, folder or connection string
  // such as "PG:dbname=county"). DEFAULT: none.
  std::string source;
  // Per-layer sources, contract layer name -> GDAL source. DEFAULT: none.
  std::map<std::string, std::string> layer_sources;
  // Attribute filter per contract layer (OGR SQL WHERE syntax), pushed down to the source where
  // the driver can (PostgreSQL does), e.g. {"towns": "town_code LIKE '320281%'"}. DEFAULT: none.
  std::map<std::string, std::string> layer_filters;
  // JSON field-mapping file: {"supplies": {"layer": "GDXX", "fields": {"supply_id": "DKBH"}}}.
  // DEFAULT: none (contract names).
  std::string field_map_path;
  // Built-in schema of layer and field names besides the contract's: "" (none) or "zh", the
  // Chinese names of docs/data.md, section 4. A field map given as well takes precedence.
  // DEFAULT: none.
  std::string schema;
  // Text encoding of Shapefile sources (GDAL's ENCODING open option, e.g. "CP936"), over what
  // .cpg, language driver byte or content say. DEFAULT: none (found per layer).
  std::string encoding;
  // CRS to assume for layers that carry none (anything OGRSpatialReference::SetFromUserInput
  // takes, e.g. "EPSG:4549"). DEFAULT: none, and such a layer is an error.
  std::string assume_crs;
  // Go on when a required layer lost more than half of its features (or all) to rejects; without
  // it that is an error naming the layer and the reasons. DEFAULT: false.
  bool accept_rejects = false;
  // Layers whose absence (or emptiness) is an error. DEFAULT: the four the scan needs.
  std::vector<std::string> required_layers = {"towns", "approvals", "supplies", "construction"};
  // Read GeoPackages through GDAL's Arrow stream (about twice as fast); false: feature by
  // feature, the path every other source takes. Both give the same result. DEFAULT: true.
  bool arrow = true;
  // With `arrow`: read each GeoPackage table through SQLite in one pass, every value as stored
  // and checked as it is read (no raw-value query), GDAL's Arrow stream only where SQLite cannot
  // (a field with a subtype). Same result. DEFAULT: true.
  bool sqlite = true;
  // Run each GeoPackage layer's raw-value query (values GDAL would not give faithfully) and each
  // GeoPackage's integrity check on a second handle and thread while the layers are read; false:
  // the integrity check when the file is opened and each query after its layer's read, on the
  // reading thread (the previous path). Same result either way. DEFAULT: true.
  bool concurrent_raw_checks = true;
  // With `concurrent_raw_checks`: return as soon as the layers are read, each file's integrity
  // check still running; the data's `source_verdict` then waits for it, and the caller must take
  // it (County::SourcesIntact) before anything made from the data leaves the process. A read
  // that fails meanwhile still waits for it, so that a damaged file is named as such. false:
  // the verdict is taken before ReadInput returns. DEFAULT: false.
  bool defer_source_checks = false;
  ProgressFn progress = nullptr;
  void* progress_user = nullptr;
};

Result<InputData> ReadInput(const ReadOptions& options);

}  // namespace panhuo
