// One layer of a source read whole (see layer_read.hpp).
#include "layer_read.hpp"

#include <cpl_error.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cstdlib>
#include <unordered_map>

#include "arrow_read.hpp"
#include "feature_values.hpp"
#include "geometry_prep.hpp"
#include "panhuo/sources/dbf_checks.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/sources/gdal_errors.hpp"
#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/sources/pg_checks.hpp"
#include "sqlite_read.hpp"
#include "working_crs.hpp"

namespace panhuo::detail {

std::string LastGdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

namespace {

constexpr size_t kChunk = 32768;

// Fids, values and prepared geometry of every feature: through SQLite for a GeoPackage table it
// can read (sqlite_read.hpp), else through GDAL's Arrow stream for a GeoPackage (its raw values
// are checked afterwards), else feature by feature.
Status ReadRecords(PendingLayer& pl, const OGRSpatialReference* working, RawLayer& raw,
                   detail::ErrorRecorder& errors) {
  const LayerSpec& spec = *pl.spec;
  raw.spec = &spec;
  const size_t nf = spec.fields.size();
  // One coordinate transformation per worker thread (they are not thread-safe).
  std::vector<std::unique_ptr<OGRCoordinateTransformation>> cts;
  if (spec.geom != GeomKind::kNone && pl.srs && working && !pl.srs->IsSame(working)) {
    const int workers = tbb::this_task_arena::max_concurrency();
    for (int i = 0; i < workers; ++i) {
      cts.emplace_back(OGRCreateCoordinateTransformation(pl.srs.get(), working));
      if (!cts.back())
        return Status::Error("'" + pl.opened.source + "' layer '" + pl.opened.layer->GetName() +
                             "': cannot reproject from " + CrsName(pl.srs.get()) + ": " + LastGdalError());
    }
  }
  OGRLayer* layer = pl.opened.layer;
  auto ct_for_this_thread = [&]() -> OGRCoordinateTransformation* {
    if (cts.empty()) return nullptr;
    const int slot = tbb::this_task_arena::current_thread_index();
    return cts[static_cast<size_t>(slot) % cts.size()].get();
  };
  const bool with_lines = spec.geom == GeomKind::kLineOrPolygon;
  auto store = [&](size_t row, detail::PreparedGeometry& prepared) {
    if (!prepared.reject.empty() && raw.reject[row].empty()) raw.reject[row] = prepared.reject;
    raw.polygons[row] = std::move(prepared.polygons);
    if (with_lines) raw.lines[row] = std::move(prepared.lines);
    raw.repaired[row] = prepared.repaired;
  };
  // Rows [first, first + n) of the geometry columns, each prepared by prepare(i) on every core:
  // what every path does with a batch of geometries, whatever it parsed them from.
  auto prepare_rows = [&](size_t first, size_t n, const auto& prepare) {
    detail::ErrorRecorder::Paused paused(errors);
    raw.polygons.resize(first + n);
    if (with_lines) raw.lines.resize(first + n);
    raw.repaired.resize(first + n);
    tbb::parallel_for(size_t{0}, n, [&](size_t i) {
      detail::PreparedGeometry prepared = prepare(i);
      store(first + i, prepared);
    });
  };
  // Fast path: the Arrow stream, geometry parsed from WKB straight into Boost. GeoPackage only:
  // GDAL 3.6's generic stream (PostgreSQL, Shapefile, FileGDB, GeoJSON, ...) gives dates before
  // 1970 one day late and rolls impossible dates over, so those layers take the
  // feature-by-feature path.
  auto on_geometry = [&](size_t first, const std::vector<detail::WkbView>& views) {
    prepare_rows(first, views.size(), [&](size_t i) {
      return detail::PrepareWkb(views[i].data, views[i].size, spec.geom, ct_for_this_thread());
    });
  };
  // Fastest: a GeoPackage table through SQLite, every value as stored, in one pass.
  Status sqlite_error;
  pl.read_by_sqlite = pl.sqlite && detail::ReadSqlite(pl.opened.ds, layer, spec, pl.field_index, raw, on_geometry, sqlite_error);
  if (!sqlite_error.ok())
    return Status::Error("'" + pl.opened.source + "' layer '" + layer->GetName() + "': " + sqlite_error.message());
  if (pl.read_by_sqlite) return {};
  Status arrow_error;
  const bool arrow = pl.arrow && detail::IsGeoPackage(pl.opened.ds) &&
                     detail::ReadArrow(layer, spec, pl.field_index, raw, on_geometry, arrow_error);
  if (!arrow_error.ok())
    return Status::Error("'" + pl.opened.source + "' layer '" + layer->GetName() + "': " + arrow_error.message());
  if (arrow) return {};
  layer->ResetReading();
  // GDAL says so when it converts a number in part ("12-34" read as 12): the feature is rejected
  CPLConfigOptionSetter numeric_warnings("OGR_SETFIELD_NUMERIC_WARNING", "YES", false);
  std::vector<std::unique_ptr<OGRGeometry>> geoms;
  size_t chunk_start = 0;
  auto flush = [&]() {
    prepare_rows(chunk_start, geoms.size(), [&](size_t i) {
      detail::PreparedGeometry prepared = detail::PrepareGeometry(geoms[i].get(), spec.geom, ct_for_this_thread());
      geoms[i].reset();
      return prepared;
    });
    chunk_start += geoms.size();
    geoms.clear();
  };
  while (true) {
    CPLErrorReset();
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    if (!f) {
      if (CPLGetLastErrorType() == CE_Failure)
        return Status::Error("'" + pl.opened.source + "' layer '" + layer->GetName() +
                             "': read failed after " + std::to_string(raw.size()) +
                             " features: " + LastGdalError());
      break;
    }
    raw.fid.push_back(f->GetFID());
    raw.reject.emplace_back();
    if (std::string w = errors.TakeValueWarning(); !w.empty()) raw.reject.back() = "unparseable number: " + w;
    for (size_t k = 0; k < nf; ++k)
      raw.values.push_back(detail::ReadValue(*f, pl.field_index[k], spec.fields[k].type));
    if (spec.geom != GeomKind::kNone) {
      geoms.emplace_back(f->StealGeometry());
      if (geoms.size() == kChunk) flush();
    }
  }
  if (spec.geom != GeomKind::kNone) flush();
  return {};
}

// A PostGIS row whose geometry is in an SRID other than the layer's is rejected with both named
// (GDAL would take its coordinates in the layer's CRS).
Status RejectRowsOfOtherSrid(const PendingLayer& pl, RawLayer& raw) {
  const int srid = std::atoi(pl.srs->GetAuthorityCode(nullptr));
  auto rows = detail::RowsOfOtherSrid(pl.opened.ds, pl.opened.layer, srid);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return {};
  std::unordered_map<int64_t, size_t> row_of;
  for (size_t r = 0; r < raw.size(); ++r) row_of.emplace(raw.fid[r], r);
  for (const auto& [fid, other] : *rows)
    if (const auto it = row_of.find(fid); it != row_of.end())
      raw.reject[it->second] = "geometry in SRID " + std::to_string(other) + ", not the layer's SRID " +
                               std::to_string(srid) + " (reproject it with ST_Transform)";
  return {};
}

}  // namespace

Status ReadFeatures(PendingLayer& pl, const OGRSpatialReference* working, RawLayer& raw, LayerReport& report,
                    detail::RawValueChecks& checks) {
  const std::string where = "'" + pl.opened.source + "' layer '" + pl.opened.layer->GetName() + "'";
  Status s;
  {
    detail::ErrorRecorder errors;
    s = ReadRecords(pl, working, raw, errors);
    if (s.ok() && !errors.Failure().empty())
      s = Status::Error(where + ": read failed after " + std::to_string(raw.size()) + " features: " +
                        errors.Failure());
  }
  if (s.ok() && pl.read_by_sqlite) {
    // its values were checked as they were read
  } else if (s.ok() && pl.raw_check_job) {
    std::vector<detail::RawCorrection> corrections;
    if (Status r = checks.Take(*pl.raw_check_job, corrections); !r.ok()) s = Status::Error(where + ": " + r.message());
    else detail::ApplyRawCorrections(corrections, raw);
  } else if (s.ok() && detail::IsGeoPackage(pl.opened.ds)) {
    if (Status r = detail::TakeRawValues(pl.opened.ds, pl.opened.layer, *pl.spec, pl.field_index, raw); !r.ok())
      s = Status::Error(where + ": " + r.message());
  } else if (s.ok() && detail::IsPostgisDataset(pl.opened.ds) && pl.srs && !pl.crs_assumed &&
             pl.srs->GetAuthorityCode(nullptr)) {
    if (Status r = RejectRowsOfOtherSrid(pl, raw); !r.ok()) s = Status::Error(where + ": " + r.message());
  } else if (s.ok() && detail::IsShapefile(pl.opened.ds)) {
    std::vector<detail::RawCorrection> corrections;
    if (Status r = detail::CheckDbfNumbers(pl.opened.ds, pl.opened.layer, *pl.spec, pl.field_index, corrections); !r.ok())
      s = Status::Error(where + ": " + r.message());
    else detail::ApplyRawCorrections(corrections, raw);
  }
  report.read = static_cast<int64_t>(raw.size());
  if (s.ok() && pl.required && raw.size() == 0)
    s = Status::Error(where + " (" + pl.spec->name + ") is empty");
  // a damaged file is named as such, whatever failed first while it was read
  if (!s.ok() && pl.integrity_job)
    if (Status damaged = checks.Take(*pl.integrity_job); !damaged.ok()) return damaged;
  return s;
}

}  // namespace panhuo::detail
