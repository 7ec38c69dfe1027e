// Reading: sources and layers, field mapping, CRS decisions, then layer by layer
// (layer_read.cpp reads one).
#include "panhuo/input/reader.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <memory>

#include "columns.hpp"
#include "layer_read.hpp"
#include "panhuo/core/text.hpp"
#include "panhuo/core/trace.hpp"
#include "panhuo/model/layer_specs.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/sources/field_match.hpp"
#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/sources/ledger_plans.hpp"
#include "panhuo/sources/pg_checks.hpp"
#include "panhuo/sources/raw_layer.hpp"
#include "panhuo/sources/raw_value_checks.hpp"
#include "panhuo/sources/source_cache.hpp"
#include "panhuo/sources/zh_schema.hpp"
#include "sqlite_read.hpp"
#include "working_crs.hpp"

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
using detail::LastGdalError;
using detail::OpenedLayer;
using detail::PendingLayer;

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
