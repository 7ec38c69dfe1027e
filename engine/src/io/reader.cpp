// Reading: sources and layers, field mapping, CRS decisions, then feature by feature.
#include "panhuo/io/reader.hpp"
#include "panhuo/io/postgis.hpp"
#include "field_match.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "arrow_read.hpp"
#include "columns.hpp"
#include "feature_values.hpp"
#include "gdal_errors.hpp"
#include "gpkg_checks.hpp"
#include "geometry_prep.hpp"
#include "layer_specs.hpp"
#include "raw_layer.hpp"
#include "raw_value_checks.hpp"

namespace panhuo {
namespace {

using detail::FieldType;
using detail::GeomKind;
using detail::LayerSpec;
using detail::RawLayer;
using detail::Value;

std::string LastGdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

struct LayerMapping {
  std::string layer;                          // source layer name, empty: contract name
  std::map<std::string, std::string> fields;  // contract field -> source field
};

Result<std::map<std::string, LayerMapping>> LoadFieldMap(const std::string& path) {
  std::map<std::string, LayerMapping> out;
  if (path.empty()) return out;
  std::ifstream in(path);
  if (!in) return Status::Error("cannot open field-mapping file '" + path + "'");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    return Status::Error("field-mapping file '" + path + "' is not valid JSON: " + e.what());
  }
  if (!j.is_object()) return Status::Error("field-mapping file '" + path + "': expected an object");
  const auto& names = ContractLayerNames();
  for (const auto& [layer, m] : j.items()) {
    if (std::find(names.begin(), names.end(), layer) == names.end())
      return Status::Error("field-mapping file '" + path + "': unknown layer '" + layer + "'");
    if (!m.is_object())
      return Status::Error("field-mapping file '" + path + "': '" + layer + "' must be an object");
    LayerMapping lm;
    for (const auto& [key, v] : m.items()) {
      if (key == "layer" && v.is_string()) {
        lm.layer = v.get<std::string>();
      } else if (key == "fields" && v.is_object()) {
        for (const auto& [f, src] : v.items()) {
          if (!src.is_string())
            return Status::Error("field-mapping file '" + path + "': " + layer + ".fields." + f +
                                 " must be a string");
          lm.fields[f] = src.get<std::string>();
        }
      } else {
        return Status::Error("field-mapping file '" + path + "': unknown or mistyped key '" +
                             layer + "." + key + "' (expected \"layer\": text, \"fields\": object)");
      }
    }
    out[layer] = std::move(lm);
  }
  return out;
}

struct OpenedLayer {
  std::string source;
  GDALDataset* ds = nullptr;
  OGRLayer* layer = nullptr;
};

class SourceCache {
 public:
  Result<GDALDataset*> Open(const std::string& source) {
    auto it = open_.find(source);
    if (it != open_.end()) return it->second.get();
    CPLErrorReset();
    GDALDataset* ds = GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
    if (ds == nullptr) {
      struct stat st;
      if (stat(source.c_str(), &st) != 0 && source.find(':') == std::string::npos)
        return Status::Error("cannot open '" + source + "': no such file");
      std::string why = LastGdalError();
      if (why == "unknown reason") why = "not a readable vector data source";
      return Status::Error("cannot open '" + MaskPassword(source) + "': " + MaskPassword(why));
    }
    open_[source].reset(ds);
    if (detail::IsGeoPackage(ds))
      if (Status s = detail::CheckGpkgIntegrity(ds, source); !s.ok()) return s;
    return ds;
  }

 private:
  struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
  };
  std::map<std::string, std::unique_ptr<GDALDataset, Closer>> open_;
};

std::string LayerList(GDALDataset* ds) {
  std::string s;
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    if (i) s += ", ";
    s += ds->GetLayer(i)->GetName();
  }
  return s.empty() ? "none" : s;
}

std::string CrsName(const OGRSpatialReference* srs) {
  if (srs == nullptr) return "none";
  const char* auth = srs->GetAuthorityName(nullptr);
  const char* code = srs->GetAuthorityCode(nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = srs->GetName();
  return name ? name : "unnamed CRS";
}

// --- CRS ----------------------------------------------------------------------------------

struct LayerCrs {
  std::unique_ptr<OGRSpatialReference> srs;  // null: none found
};

Result<OGRSpatialReference> ChooseWorkingCrs(std::vector<const OGRSpatialReference*> crs,
                                             const std::vector<std::string>& names,
                                             const std::vector<OGREnvelope>& extents) {
  // Majority vote among the spatial layers; a tie goes to `supplies`.
  int best = -1, best_votes = 0;
  for (size_t i = 0; i < crs.size(); ++i) {
    if (!crs[i]) continue;
    int votes = 0;
    for (size_t j = 0; j < crs.size(); ++j)
      if (crs[j] && crs[i]->IsSame(crs[j])) ++votes;
    const bool supplies = names[i] == "supplies";
    if (votes > best_votes || (votes == best_votes && supplies)) {
      best = static_cast<int>(i);
      best_votes = votes;
    }
  }
  if (best < 0) return Status::Error("no layer has a CRS");
  OGRSpatialReference chosen(*crs[static_cast<size_t>(best)]);
  chosen.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!chosen.IsGeographic()) {
    if (!chosen.IsProjected())
      return Status::Error("the layers' CRS " + CrsName(&chosen) + " is neither projected nor geographic");
    return chosen;
  }
  // Geographic: the CGCS2000 3-degree Gauss-Krüger zone of the data's centre.
  OGRSpatialReference wgs;
  wgs.SetWellKnownGeogCS("WGS84");
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double minx = 1e300, maxx = -1e300;
  for (size_t i = 0; i < crs.size(); ++i) {
    if (!crs[i] || !crs[i]->IsGeographic()) continue;
    OGRSpatialReference s(*crs[i]);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&s, &wgs));
    double xs[2] = {extents[i].MinX, extents[i].MaxX}, ys[2] = {extents[i].MinY, extents[i].MaxY};
    if (ct && ct->Transform(2, xs, ys)) {
      minx = std::min(minx, xs[0]);
      maxx = std::max(maxx, xs[1]);
    }
  }
  if (minx > maxx) return Status::Error("cannot find the centre of the geographic data");
  const double centre = 0.5 * (minx + maxx);
  const int cm = static_cast<int>(std::lround(centre / 3.0)) * 3;
  if (cm < 75 || cm > 135)
    return Status::Error("data centre at longitude " + std::to_string(centre) +
                         " is outside the CGCS2000 3-degree zones (75E..135E)");
  OGRSpatialReference gk;
  const int epsg = 4534 + (cm - 75) / 3;
  if (gk.importFromEPSG(epsg) != OGRERR_NONE)
    return Status::Error("cannot load EPSG:" + std::to_string(epsg));
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return gk;
}

// --- one layer ----------------------------------------------------------------------------

struct PendingLayer {
  const LayerSpec* spec;
  OpenedLayer opened;
  std::vector<int> field_index;  // per spec field, -1 when absent
  std::unique_ptr<OGRSpatialReference> srs;
  OGREnvelope extent;
  bool has_extent = false;
  bool required = false;
  bool arrow = true;  // ReadOptions::arrow
  std::optional<size_t> raw_check_job;  // its raw-value query (GeoPackage), see RawValueChecks
};

constexpr size_t kChunk = 32768;

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
  auto store = [&](size_t row, detail::PreparedGeometry& prepared) {
    if (!prepared.reject.empty() && raw.reject[row].empty()) raw.reject[row] = prepared.reject;
    raw.polygons[row] = std::move(prepared.polygons);
    raw.lines[row] = std::move(prepared.lines);
    raw.repaired[row] = prepared.repaired;
  };
  // Fast path: the Arrow stream, geometry parsed from WKB straight into Boost. GeoPackage only:
  // GDAL 3.6's generic stream (PostgreSQL, Shapefile, FileGDB, GeoJSON, ...) gives dates before
  // 1970 one day late and rolls impossible dates over, so those layers take the
  // feature-by-feature path.
  Status arrow_error;
  const bool arrow = pl.arrow && detail::IsGeoPackage(pl.opened.ds) && detail::ReadArrow(
      layer, spec, pl.field_index, raw,
      [&](size_t first, const std::vector<detail::WkbView>& views) {
        detail::ErrorRecorder::Paused paused(errors);
        const size_t n = views.size();
        raw.polygons.resize(first + n);
        raw.lines.resize(first + n);
        raw.repaired.resize(first + n);
        tbb::parallel_for(size_t{0}, n, [&](size_t i) {
          auto prepared = detail::PrepareWkb(views[i].data, views[i].size, spec.geom, ct_for_this_thread());
          store(first + i, prepared);
        });
      },
      arrow_error);
  if (!arrow_error.ok())
    return Status::Error("'" + pl.opened.source + "' layer '" + layer->GetName() + "': " + arrow_error.message());
  if (arrow) return {};
  layer->ResetReading();
  std::vector<std::unique_ptr<OGRGeometry>> geoms;
  size_t chunk_start = 0;
  auto flush = [&]() {
    detail::ErrorRecorder::Paused paused(errors);
    const size_t n = geoms.size();
    raw.polygons.resize(chunk_start + n);
    raw.lines.resize(chunk_start + n);
    raw.repaired.resize(chunk_start + n);
    tbb::parallel_for(size_t{0}, n, [&](size_t i) {
      auto prepared = detail::PrepareGeometry(geoms[i].get(), spec.geom, ct_for_this_thread());
      store(chunk_start + i, prepared);
      geoms[i].reset();
    });
    chunk_start += n;
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
  if (s.ok() && pl.raw_check_job) {
    std::vector<detail::RawCorrection> corrections;
    if (Status r = checks.Take(*pl.raw_check_job, corrections); !r.ok()) s = Status::Error(where + ": " + r.message());
    else detail::ApplyRawCorrections(corrections, raw);
  } else if (s.ok() && detail::IsGeoPackage(pl.opened.ds)) {
    if (Status r = detail::TakeRawValues(pl.opened.ds, pl.opened.layer, *pl.spec, pl.field_index, raw); !r.ok())
      s = Status::Error(where + ": " + r.message());
  }
  report.read = static_cast<int64_t>(raw.size());
  if (s.ok() && pl.required && raw.size() == 0)
    s = Status::Error(where + " (" + pl.spec->name + ") is empty");
  return s;
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

Result<InputData> ReadInput(const ReadOptions& options) {
  auto fmap = LoadFieldMap(options.field_map_path);
  if (!fmap.ok()) return fmap.status();
  SourceCache cache;
  InputData data;
  std::vector<PendingLayer> pending;
  const auto& specs = detail::LayerSpecs();

  // 1. Find every layer and its fields.
  for (const auto& spec : specs) {
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
    const LayerMapping* mapping = nullptr;
    if (auto it = fmap->find(spec.name); it != fmap->end()) mapping = &it->second;
    std::string layer_name = mapping && !mapping->layer.empty() ? mapping->layer : spec.name;
    OGRLayer* layer = (*ds)->GetLayerByName(layer_name.c_str());
    if (!layer && own_source && (*ds)->GetLayerCount() == 1) layer = (*ds)->GetLayer(0);
    if (!layer) {
      if (required)
        return Status::Error("'" + source + "': no layer '" + layer_name + "' (required layer '" +
                             spec.name + "'; the source has: " + LayerList(*ds) + ")");
      data.reports.push_back(report);
      continue;
    }
    if (auto w = options.layer_filters.find(spec.name); w != options.layer_filters.end()) {
      CPLErrorReset();
      if (layer->SetAttributeFilter(w->second.c_str()) != OGRERR_NONE)
        return Status::Error("'" + source + "': layer '" + layer_name + "': cannot apply --where '" + w->second +
                             "': " + LastGdalError());
    }
    PendingLayer pl;
    pl.spec = &spec;
    pl.opened = {source, *ds, layer};
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    if (mapping)
      if (Status st = detail::CheckMappedKeys(spec, mapping->fields, options.field_map_path); !st.ok()) return st;
    for (const auto& fs : spec.fields) {
      std::string fname = fs.name;
      bool mapped = false;
      if (mapping)
        if (auto it = mapping->fields.find(fs.name); it != mapping->fields.end()) fname = it->second, mapped = true;
      const int idx = defn->GetFieldIndex(fname.c_str());  // case-insensitive
      // a required field, or one the field map names, must be there: a misspelt map is no null
      if (idx < 0 && (fs.required || mapped)) {
        std::vector<std::string> have;
        for (int i = 0; i < defn->GetFieldCount(); ++i) have.push_back(defn->GetFieldDefn(i)->GetNameRef());
        return Status::Error("'" + MaskPassword(source) + "' layer '" + layer->GetName() + "': missing " +
                             (fs.required ? "required " : "mapped ") + "field '" + fname + "'" +
                             (fname != fs.name ? std::string(" (for ") + fs.name + ")" : "") + detail::DidYouMean(fname, have) +
                             "; " + detail::SourceFields(defn));
      }
      pl.field_index.push_back(idx);
    }
    if (spec.geom != GeomKind::kNone && layer->GetLayerDefn()->GetGeomFieldCount() == 0)
      return Status::Error("'" + MaskPassword(source) + "' layer '" + layer->GetName() +
                           "' has no geometry column (it must hold " +
                           (spec.geom == GeomKind::kPolygon ? "polygons" : "lines or polygons") + ")");
    if (spec.geom != GeomKind::kNone) {
      // GeoPackage reports "Undefined geographic SRS" or "Undefined Cartesian SRS" for a layer
      // saved without a CRS (srs_id 0 and -1): that is no CRS
      const OGRSpatialReference* found = layer->GetSpatialRef();
      if (found && (found->IsLocal() || (found->GetName() && std::string(found->GetName()).rfind("Undefined ", 0) == 0)))
        found = nullptr;
      if (const OGRSpatialReference* srs = found) {
        pl.srs = std::make_unique<OGRSpatialReference>(*srs);
        pl.srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      }
      report.crs = CrsName(pl.srs.get());
      if (!pl.srs) {
        if (options.assume_crs.empty())
          return Status::Error("'" + source + "' layer '" + layer->GetName() +
                               "' has no CRS; name one with --crs (e.g. --crs EPSG:4549)");
        pl.srs = std::make_unique<OGRSpatialReference>();
        if (pl.srs->SetFromUserInput(options.assume_crs.c_str()) != OGRERR_NONE)
          return Status::Error("cannot understand the CRS '" + options.assume_crs + "'");
        pl.srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        report.crs = CrsName(pl.srs.get()) + " (assumed)";
      }
      pl.has_extent = layer->GetExtent(&pl.extent, TRUE) == OGRERR_NONE;
    }
    pl.arrow = options.arrow;
    pl.required = required;  // an empty required layer is found by reading it: cached counts can be stale
    report.present = true;
    report.source_layer = layer->GetName();
    data.reports.push_back(report);
    pending.push_back(std::move(pl));
  }

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
  detail::RawValueChecks checks;
  for (auto& pl : pending)
    if (options.concurrent_raw_checks && detail::IsGeoPackage(pl.opened.ds))
      pl.raw_check_job = checks.Add(pl.opened.source, detail::RawValueQueryOf(pl.opened.layer, *pl.spec, pl.field_index), pl.spec);
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
    if (pl.srs && pl.spec->geom != GeomKind::kNone && !pl.srs->IsSame(&*working))
      report->reprojected = report->read;
    detail::FillColumns(raw, data, *report);
  }
  if (options.progress) options.progress(1.0, "read", options.progress_user);
  detail::FinishInput(data);
  if (Status st = detail::CheckRejectShare(data, options.required_layers, options.accept_rejects); !st.ok()) return st;
  return data;
}

}  // namespace panhuo
