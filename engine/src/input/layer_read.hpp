// One layer of a source read whole: its features through the fastest path the source allows
// (SQLite for a GeoPackage table, GDAL's Arrow stream, or feature by feature), then the checks of
// its raw values that path needs. The reader (reader.cpp) finds the layers and decides the CRS.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "panhuo/input/reader.hpp"
#include "panhuo/model/layer_specs.hpp"
#include "panhuo/sources/raw_layer.hpp"
#include "panhuo/sources/raw_value_checks.hpp"
#include "panhuo/sources/zh_schema.hpp"  // FieldSource

namespace panhuo::detail {

// GDAL's last error message, "unknown reason" when it left none.
std::string LastGdalError();

// A layer as GDAL opened it, and the source it came from.
struct OpenedLayer {
  std::string source;
  GDALDataset* ds = nullptr;
  OGRLayer* layer = nullptr;
};

// A layer found for its contract layer, its fields matched and its CRS taken: what reading it needs.
struct PendingLayer {
  const LayerSpec* spec = nullptr;
  OpenedLayer opened;
  std::vector<int> field_index;  // per spec field, -1 when absent
  std::vector<FieldSource> sources;  // per spec field: source field and unit
  std::unique_ptr<OGRSpatialReference> srs;
  OGREnvelope extent;
  bool has_extent = false;
  bool required = false;
  bool arrow = true;  // ReadOptions::arrow
  bool sqlite = false;  // a GeoPackage table read through SQLite in one pass (sqlite_read.hpp)
  bool read_by_sqlite = false;  // and it was
  bool crs_assumed = false;  // the layer has no CRS of its own: --crs names it
  std::optional<size_t> raw_check_job;  // its raw-value query (GeoPackage), see RawValueChecks
  std::optional<size_t> integrity_job;  // its file's integrity check (GeoPackage), see RawValueChecks
};

// One layer, every feature or a failure naming file and layer: a failure GDAL raises anywhere
// during the read (a damaged page, a stream that stops early) fails the read, never a part of
// the layer taken for all of it. `working` is the CRS the geometry is brought into.
Status ReadFeatures(PendingLayer& pl, const OGRSpatialReference* working, RawLayer& raw, LayerReport& report,
                    RawValueChecks& checks);

}  // namespace panhuo::detail
