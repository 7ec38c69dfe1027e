// Reading: sources and layers, field mapping, CRS decisions, then feature by feature.
#include "panhuo/input/reader.hpp"
#include "panhuo/core/text.hpp"
#include "panhuo/sources/field_match.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "arrow_read.hpp"
#include "sqlite_read.hpp"
#include "columns.hpp"
#include "panhuo/sources/pg_checks.hpp"
#include "panhuo/sources/dbf_checks.hpp"
#include "feature_values.hpp"
#include "panhuo/sources/gdal_errors.hpp"
#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/sources/ledger_plans.hpp"
#include "geometry_prep.hpp"
#include "panhuo/model/layer_specs.hpp"
#include "panhuo/sources/raw_layer.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/sources/raw_value_checks.hpp"
#include "panhuo/sources/source_cache.hpp"
#include "working_crs.hpp"
#include "panhuo/sources/zh_schema.hpp"
#include "panhuo/core/trace.hpp"

namespace panhuo {
namespace {

using detail::FieldType;
using detail::GeomKind;
using detail::LayerMapping;
using detail::LayerSpec;
using detail::ChooseWorkingCrs;
using detail::CrsName;
using detail::RawLayer;
using detail::Value;
using detail::SourceCache;

std::string LastGdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

struct OpenedLayer {
  std::string source;
  GDALDataset* ds = nullptr;
  OGRLayer* layer = nullptr;
};

// A Shapefile layer read in the encoding the rule gives (io/encoding.hpp), which `encoding`
// records; any other layer as it is.
Result<OpenedLayer> WithEncoding(SourceCache& cache, OpenedLayer ol, const std::string& given,
                                 std::string& encoding) {
  if (!detail::IsShapefile(ol.ds)) return ol;
  std::string name = given, how = "--encoding";
  if (name.empty()) {
    encoding = detail::EncodingGdalFound(ol.layer);
    if (!encoding.empty()) return ol;
    if (detail::AllTextUtf8(ol.layer)) {
      encoding = "UTF-8 (content)";
      return ol;
    }
    name = "GB18030", how = "content";
  }
  auto ds = cache.Open(ol.source, name);
  if (!ds.ok()) return ds.status();
  OGRLayer* layer = (*ds)->GetLayerByName(ol.layer->GetName());
  if (!layer) return Status::Error("'" + ol.source + "': cannot reopen layer '" + ol.layer->GetName() + "' as " + name);
  encoding = name + " (" + how + ")";
  return OpenedLayer{ol.source, *ds, layer};
}

// "; ...: try --schema zh" when the names look like bureau data read without its schema.
std::string SchemaHint(const std::vector<std::string>& names, const ReadOptions& o) {
  for (const auto& n : names)
    if (!CPLIsUTF8(n.c_str(), -1))
      return "; the names are not valid UTF-8: name their encoding with --encoding (e.g. --encoding CP936)";
  if (o.schema.empty() && detail::LooksChinese(names))
    return "; the names are Chinese: try --schema zh (and --encoding CP936 if they read garbled)";
  if (detail::LooksChinese(names))
    return "; if these names read garbled, name the text encoding with --encoding (e.g. --encoding CP936)";
  return {};
}

std::vector<std::string> LayerNames(GDALDataset* ds) {
  std::vector<std::string> v;
  for (int i = 0; i < ds->GetLayerCount(); ++i) v.push_back(ds->GetLayer(i)->GetName());
  return v;
}

std::vector<std::string> FieldNames(OGRFeatureDefn* defn) {
  std::vector<std::string> v;
  for (int i = 0; i < defn->GetFieldCount(); ++i) v.push_back(defn->GetFieldDefn(i)->GetNameRef());
  return v;
}

// "a, b, c" of `names`, "none" when there are none.
std::string List(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

// --- one layer ----------------------------------------------------------------------------

struct PendingLayer {
  const LayerSpec* spec;
  OpenedLayer opened;
  std::vector<int> field_index;  // per spec field, -1 when absent
  std::vector<detail::FieldSource> sources;  // per spec field: source field and unit
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

constexpr size_t kChunk = 32768;

// The field each contract field is read from, and the report's account of them: every
// required or mapped field must be found.
Status MatchLayerFields(PendingLayer& pl, const LayerMapping* mapping, const ReadOptions& o, LayerReport& report) {
  const auto& spec = *pl.spec;
  OGRFeatureDefn* defn = pl.opened.layer->GetLayerDefn();
  const std::vector<std::string> have = FieldNames(defn);
  static const std::map<std::string, std::string> none;
  pl.sources = detail::MatchFields(o.schema, spec, have, mapping ? mapping->fields : none);
  std::vector<bool> used(have.size(), false);
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    const auto& fs = spec.fields[k];
    const auto& src = pl.sources[k];
    const bool mapped = mapping && mapping->fields.count(fs.name);
    const std::string fname = mapped ? mapping->fields.at(fs.name) : fs.name;
    if (src.index < 0 && (fs.required || mapped))
      return Status::Error("'" + MaskPassword(pl.opened.source) + "' layer '" + pl.opened.layer->GetName() + "': missing " +
                           (fs.required ? "required " : "mapped ") + "field '" + fname + "'" +
                           (fname != fs.name ? std::string(" (for ") + fs.name + ")" : "") +
                           detail::DidYouMean(fname, have) + "; " + detail::SourceFields(defn) + SchemaHint(have, o));
    pl.field_index.push_back(src.index);
    if (src.index < 0) {
      report.unfed_fields.push_back(fs.name);
      continue;
    }
    used[static_cast<size_t>(src.index)] = true;
    // names go into reports as valid UTF-8 too, whatever the source's encoding
    const std::string name = detail::ValidUtf8(have[static_cast<size_t>(src.index)]);
    report.fields_from.emplace_back(fs.name, src.unit.note.empty() ? name : name + " (" + src.unit.note + ")");
  }
  for (size_t i = 0; i < have.size(); ++i)
    if (!used[i]) report.unused_fields.push_back(detail::ValidUtf8(have[i]));
  return {};
}


// Fids, values and prepared geometry of every feature: through the Arrow stream for a
// GeoPackage (its raw values are checked afterwards), feature by feature otherwise.
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

// One layer, every feature or a failure naming file and layer: a failure GDAL raises anywhere
// during the read (a damaged page, a stream that stops early) fails the read, never a part of
// the layer taken for all of it.
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

// A --crs that fits the layer's coordinates, for the message of a layer without a CRS.
std::string CrsHint(const PendingLayer& pl) {
  const OGREnvelope& e = pl.extent;
  if (!pl.has_extent) return "e.g. --crs EPSG:4549";
  if (e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90)
    return "the coordinates are degrees of longitude and latitude: --crs EPSG:4490 (CGCS2000) or --crs "
           "EPSG:4326 (WGS 84)";
  const int zone = static_cast<int>(e.MinX / 1e6);
  if (zone >= 25 && zone <= 45 && static_cast<int>(e.MaxX / 1e6) == zone)
    return "the eastings carry the zone number " + std::to_string(zone) + ": --crs EPSG:" + std::to_string(4488 + zone) +
           " (CGCS2000 3-degree Gauss-Kruger zone " + std::to_string(zone) + ", central meridian " +
           std::to_string(zone * 3) + "E)";
  if (e.MinX > 0 && e.MaxX < 1e6 && e.MinY > 0 && e.MaxY < 1e7)
    return "the coordinates are metres of a Gauss-Kruger zone without its number: --crs EPSG:4534 + (central "
           "meridian - 75) / 3, e.g. --crs EPSG:4549 for 120E";
  return "e.g. --crs EPSG:4549";
}

// The layer's CRS, or the one `assume_crs` names for a layer without one (an error when none).
Status TakeCrs(PendingLayer& pl, const std::string& assume_crs, LayerReport& report) {
  // GeoPackage reports "Undefined geographic SRS" or "Undefined Cartesian SRS" for a layer
  // saved without a CRS (srs_id 0 and -1): that is no CRS
  const OGRSpatialReference* found = pl.opened.layer->GetSpatialRef();
  if (found && (found->IsLocal() || (found->GetName() && std::string(found->GetName()).rfind("Undefined ", 0) == 0)))
    found = nullptr;
  if (const OGRSpatialReference* srs = found) {
    pl.srs = std::make_unique<OGRSpatialReference>(*srs);
    pl.srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  // a PostGIS geography column is in its type's SRID, which GDAL does not report
  if (!pl.srs && detail::IsPostgisDataset(pl.opened.ds))
    if (const auto srid = detail::GeographySrid(pl.opened.ds, pl.opened.layer)) {
      pl.srs = std::make_unique<OGRSpatialReference>();
      if (pl.srs->importFromEPSG(*srid) != OGRERR_NONE) pl.srs.reset();
      else pl.srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
  report.crs = CrsName(pl.srs.get());
  pl.has_extent = pl.opened.layer->GetExtent(&pl.extent, TRUE) == OGRERR_NONE;
  if (!pl.srs) {
    if (assume_crs.empty())
      return Status::Error("'" + MaskPassword(pl.opened.source) + "' layer '" + pl.opened.layer->GetName() +
                           "' has no CRS; name one with --crs (" + CrsHint(pl) + ")");
    pl.srs = std::make_unique<OGRSpatialReference>();
    if (pl.srs->SetFromUserInput(assume_crs.c_str()) != OGRERR_NONE)
      return Status::Error("cannot understand the CRS '" + assume_crs + "'");
    pl.srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    pl.crs_assumed = true;
    report.crs = CrsName(pl.srs.get()) + " (assumed)";
  }
  return {};
}

// The source layer standing for `spec`: the field map's name, else the contract name, else one of
// the schema's names; a source of the layer's own with one layer only: that one.
OGRLayer* FindLayer(GDALDataset* ds, const LayerSpec& spec, const LayerMapping* mapping, const std::string& schema,
                    bool own_source) {
  const bool named = mapping && !mapping->layer.empty();
  OGRLayer* layer = ds->GetLayerByName(named ? mapping->layer.c_str() : spec.name);
  if (!layer && !named)
    if (const int i = detail::MatchLayer(schema, spec.name, LayerNames(ds)); i >= 0) layer = ds->GetLayer(i);
  if (!layer && own_source && ds->GetLayerCount() == 1) layer = ds->GetLayer(0);
  return layer;
}

}  // namespace

const char* ToString(IdleCause c) {
  switch (c) {
    case IdleCause::kNone: return "";
    case IdleCause::kEnterprise: return "enterprise";
    case IdleCause::kGovernment: return "government";
    case IdleCause::kForceMajeure: return "force_majeure";
    case IdleCause::kMixed: return "mixed";
  }
  return "";
}

const LayerReport* InputData::Report(const std::string& layer) const {
  for (const auto& r : reports)
    if (r.name == layer) return &r;
  return nullptr;
}

// The checks of every GeoPackage layer on the checks' thread: first each layer's raw-value
// query, taken as soon as its layer is read, then each file's integrity check (the longest),
// taken when every layer is read or as soon as a read fails.
void AddSourceChecks(std::vector<PendingLayer>& pending, detail::RawValueChecks& checks) {
  for (auto& pl : pending)
    if (detail::IsGeoPackage(pl.opened.ds) && !pl.sqlite)
      pl.raw_check_job = checks.Add(pl.opened.source, detail::RawValueQueryOf(pl.opened.layer, *pl.spec, pl.field_index), pl.spec);
  std::map<std::string, size_t> integrity;
  for (auto& pl : pending) {
    if (!detail::IsGeoPackage(pl.opened.ds)) continue;
    auto it = integrity.find(pl.opened.source);
    if (it == integrity.end()) it = integrity.emplace(pl.opened.source, checks.AddIntegrityCheck(pl.opened.source)).first;
    pl.integrity_job = it->second;
  }
}

// 1. Every layer of the contract found in its source, with its fields and CRS: into `pending`
// (to read) and the reports of `data`.
Status FindLayers(const ReadOptions& options, const std::map<std::string, LayerMapping>& fmap, SourceCache& cache,
                  InputData& data, std::vector<PendingLayer>& pending) {
  for (const auto& spec : detail::LayerSpecs()) {
    LayerReport report;
    report.name = spec.name;
    const auto src_it = options.layer_sources.find(spec.name);
    const bool own_source = src_it != options.layer_sources.end();
    const std::string source = own_source ? src_it->second : options.source;
    const bool required = std::find(options.required_layers.begin(), options.required_layers.end(),
                                    spec.name) != options.required_layers.end();
    report.source = source;
    if (source.empty()) {
      if (required) return Status::Error(std::string("no source given for required layer '") + spec.name + "'");
      data.reports.push_back(report);
      continue;
    }
    auto ds = cache.Open(source);
    if (!ds.ok()) return ds.status();
    // v3: a ledger handed back as plans: the plan rows of its sheets
    if (own_source && spec.name == std::string("plans")) {
      std::string sheets;
      if (GDALDataset* ledger = detail::LedgerPlans(*ds, source, sheets)) ds = cache.Keep("plans of " + source, ledger);
    }
    const LayerMapping* mapping = nullptr;
    if (auto it = fmap.find(spec.name); it != fmap.end()) mapping = &it->second;
    const std::string layer_name = mapping && !mapping->layer.empty() ? mapping->layer : spec.name;
    OGRLayer* layer = FindLayer(*ds, spec, mapping, options.schema, own_source);
    if (!layer) {
      if (required) {
        const std::vector<std::string> names = LayerNames(*ds);
        return Status::Error("'" + source + "': no layer '" + layer_name + "' (required layer '" +
                             spec.name + "'; the source has: " + List(names) + ")" + SchemaHint(names, options));
      }
      data.reports.push_back(report);
      continue;
    }
    PendingLayer pl;
    pl.spec = &spec;
    auto opened = WithEncoding(cache, {source, *ds, layer}, options.encoding, report.encoding);
    if (!opened.ok()) return opened.status();
    pl.opened = *opened;
    layer = pl.opened.layer;
    if (auto w = options.layer_filters.find(spec.name); w != options.layer_filters.end()) {
      CPLErrorReset();
      if (layer->SetAttributeFilter(w->second.c_str()) != OGRERR_NONE)
        return Status::Error("'" + source + "': layer '" + layer_name + "': cannot apply --where '" + w->second +
                             "': " + LastGdalError());
    }
    if (mapping)
      if (Status st = detail::CheckMappedKeys(spec, mapping->fields, options.field_map_path); !st.ok()) return st;
    // a required field, or one the field map names, must be there: a misspelt map is no null
    if (Status st = MatchLayerFields(pl, mapping, options, report); !st.ok()) return st;
    if (spec.geom != GeomKind::kNone && layer->GetLayerDefn()->GetGeomFieldCount() == 0)
      return Status::Error("'" + MaskPassword(source) + "' layer '" + layer->GetName() +
                           "' has no geometry column (it must hold " +
                           (spec.geom == GeomKind::kPolygon ? "polygons" : "lines or polygons") + ")");
    if (spec.geom != GeomKind::kNone)
      if (Status st = TakeCrs(pl, options.assume_crs, report); !st.ok()) return st;
    pl.arrow = options.arrow;
    pl.sqlite = options.arrow && options.sqlite && detail::SqliteReadable(pl.opened.ds, layer, pl.field_index);
    pl.required = required;  // an empty required layer is found by reading it: cached counts can be stale
    report.present = true;
    report.source_layer = detail::ValidUtf8(layer->GetName());
    data.reports.push_back(report);
    pending.push_back(std::move(pl));
  }
  return {};
}

// Every layer through `cache`, which opens each source once.
Result<InputData> ReadThrough(const ReadOptions& options, SourceCache& cache) {
  auto fmap = detail::LoadFieldMap(options.field_map_path);
  if (!fmap.ok()) return fmap.status();
  InputData data;
  std::vector<PendingLayer> pending;

  if (Status st = FindLayers(options, *fmap, cache, data, pending); !st.ok()) return cache.DamageOr(st);

  detail::TraceMark("read: layers found");
  // 2. The working CRS.
  std::vector<const OGRSpatialReference*> crs;
  std::vector<std::string> names;
  std::vector<OGREnvelope> extents;
  for (auto& pl : pending) {
    if (pl.spec->geom == GeomKind::kNone) continue;
    crs.push_back(pl.srs.get());
    names.push_back(pl.spec->name);
    extents.push_back(pl.extent);
  }
  auto working = ChooseWorkingCrs(crs, names, extents);
  if (!working.ok()) return working.status();
  if (!working->IsProjected() || std::fabs(working->GetLinearUnits() - 1.0) > 1e-9)
    return Status::Error("the working CRS " + CrsName(&*working) + " is not in metres");
  {
    char* wkt = nullptr;
    working->exportToWkt(&wkt);
    data.working_crs_wkt = wkt ? wkt : "";
    CPLFree(wkt);
    data.working_crs_name = CrsName(&*working);
  }

  // 3. Features, layer by layer; then typed columns, rejects and the report.
  const size_t n_layers = pending.size();
  // the checks live as long as the data when their verdict is left to the caller
  auto checks_held = std::make_shared<detail::RawValueChecks>();
  detail::RawValueChecks& checks = *checks_held;
  if (options.concurrent_raw_checks) AddSourceChecks(pending, checks);
  checks.Start();
  for (size_t li = 0; li < n_layers; ++li) {
    PendingLayer& pl = pending[li];
    LayerReport* report = nullptr;
    for (auto& r : data.reports)
      if (r.name == pl.spec->name) report = &r;
    if (options.progress &&
        !options.progress(static_cast<double>(li) / static_cast<double>(n_layers),
                          (std::string("reading ") + pl.spec->name).c_str(), options.progress_user))
      return Status::Error("cancelled");
    RawLayer raw;
    if (Status s = ReadFeatures(pl, &*working, raw, *report, checks); !s.ok()) return s;
    detail::TraceMark((std::string("read: features of ") + pl.spec->name).c_str());
    detail::ApplyUnitsAndFlags(raw, pl.sources);
    if (pl.srs && pl.spec->geom != GeomKind::kNone && !pl.srs->IsSame(&*working))
      report->reprojected = report->read;
    detail::FillColumns(raw, data, *report);
    detail::TraceMark((std::string("read: columns of ") + pl.spec->name).c_str());
  }
  std::vector<size_t> integrity_jobs;
  for (auto& pl : pending)
    if (pl.integrity_job) integrity_jobs.push_back(*pl.integrity_job);
  auto verdict = [checks_held, integrity_jobs]() -> Status {
    for (size_t job : integrity_jobs)
      if (Status s = checks_held->Take(job); !s.ok()) return s;
    detail::TraceMark("checks: verdict taken");
    return {};
  };
  if (!options.defer_source_checks || integrity_jobs.empty())
    if (Status s = verdict(); !s.ok()) return s;
  if (options.progress) options.progress(1.0, "read", options.progress_user);
  detail::FinishInput(data);
  if (Status st = detail::CheckRejectShare(data, options.required_layers, options.accept_rejects); !st.ok()) {
    if (Status damaged = verdict(); !damaged.ok()) return damaged;  // a damaged file is named as such
    return st;
  }
  if (options.defer_source_checks && !integrity_jobs.empty()) data.source_verdict = std::move(verdict);
  return data;
}

Result<InputData> ReadInput(const ReadOptions& options) {
  detail::TraceMark("read: start");
  SourceCache cache(!options.concurrent_raw_checks);
  auto data = ReadThrough(options, cache);
  // a source replaced or written while it was read gives a mix of two files: whatever the read
  // made of it (or whatever failed), that is the error
  if (Status changed = cache.Unchanged(); !changed.ok()) return changed;
  return data;
}

}  // namespace panhuo
