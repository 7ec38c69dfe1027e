// Writing scenario results: one GeoPackage, four layers per scenario, the comparison table, one
// row per scenario in `scenarios` and the `run` table every command writes; atomic like the
// scan's output (written to "<out>.partial", renamed only after a clean close).
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>

#include "ogr_util.hpp"
#include "panhuo/sinks/scenario_writer.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/tables/run_table.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

using detail::GdalError;
OGRMultiPolygon* ToOgr(const MultiPolygon& mp) { return detail::ToOgrMultiPolygon(mp); }

using Field = detail::OutputField;

// One output layer of polygons (or a table), written in one transaction.
class Layer : public detail::LayerWriter {
 public:
  Layer(GDALDataset* ds, const std::string& name, bool geometry, const OGRSpatialReference* srs,
        const std::vector<Field>& fields, Status& st)
      : LayerWriter(ds, name, geometry ? wkbMultiPolygon : wkbNone, srs, fields, st) {}
};

void SetReal(OGRFeature* f, const char* field, std::optional<double> v) {
  if (!v || std::isnan(*v)) f->SetFieldNull(f->GetFieldIndex(field));
  else f->SetField(field, *v);
}
void SetText(OGRFeature* f, const char* field, const std::string& s) {
  if (s.empty()) f->SetFieldNull(f->GetFieldIndex(field));
  else f->SetField(field, s.c_str());
}

#define PANHUO_TRY(expr)          \
  do {                            \
    if (Status s_ = (expr); !s_.ok()) return s_; \
  } while (0)

class Writer {
 public:
  Writer(const County& c, const ScanResult& scan, const std::vector<ScenarioResult>& results,
         const std::vector<ComparisonRow>& comparison, const ScenarioWriteOptions& o)
      : d_(c.data()), scan_(scan), results_(results), comparison_(comparison), o_(o) {}

  Status Run(GDALDataset* ds) {
    srs_.importFromWkt(d_.working_crs_wkt.c_str());
    if (d_.working_crs_wkt.empty()) srs_.SetFromUserInput(d_.working_crs_name.c_str());
    srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (const auto& r : results_) {
      PANHUO_TRY(Plots(ds, r));
      PANHUO_TRY(Towns(ds, r));
      PANHUO_TRY(Riverside(ds, r));
      PANHUO_TRY(Clear(ds, r));
    }
    PANHUO_TRY(Comparison(ds));
    PANHUO_TRY(Scenarios(ds));
    const Table run = RunTable(d_, {o_.input, {{"as_of", scan_.params.as_of}}, scan_.params.Describe(), o_.warnings});
    return detail::WriteTableLayer(ds, run, nullptr);
  }

 private:
  std::string Code(int32_t t) const { return t < 0 ? std::string() : d_.towns.code[static_cast<size_t>(t)]; }

  Status Plots(GDALDataset* ds, const ScenarioResult& r) {
    Status st;
    Layer w(ds, r.scenario.name + "_plots", true, &srs_,
            {{"plot_id", OFTString}, {"village", OFTString}, {"kind", OFTString}, {"retained", OFTInteger},
             {"idle", OFTInteger}, {"town_code", OFTString}, {"priority_order", OFTInteger},
             {"plot_ha", OFTReal}, {"reclaimed_ha", OFTReal}},
            st);
    if (!st.ok()) return st;
    const RuralPlotsLayer& p = d_.rural_plots;
    for (const SelectedPlot& s : r.plots) {
      OGRFeature* f = w.New();
      f->SetField("plot_id", p.id[s.plot].c_str());
      SetText(f, "village", p.village[s.plot]);
      SetText(f, "kind", p.kind[s.plot]);
      if (p.retained[s.plot] >= 0) f->SetField("retained", p.retained[s.plot]);
      else f->SetFieldNull(f->GetFieldIndex("retained"));
      if (p.idle[s.plot] >= 0) f->SetField("idle", p.idle[s.plot]);
      else f->SetFieldNull(f->GetFieldIndex("idle"));
      SetText(f, "town_code", Code(s.town));
      f->SetField("priority_order", static_cast<int>(s.order));
      f->SetField("plot_ha", s.plot_ha);
      f->SetField("reclaimed_ha", s.reclaimed_ha);
      f->SetGeometryDirectly(ToOgr(p.geom[s.plot]));
      PANHUO_TRY(w.Commit());
    }
    return w.Finish();
  }

  Status Towns(GDALDataset* ds, const ScenarioResult& r) {
    Status st;
    Layer w(ds, r.scenario.name + "_towns", true, &srs_,
            {{"scope", OFTString}, {"town_code", OFTString}, {"town_name", OFTString}, {"plots", OFTInteger},
             {"plot_ha", OFTReal}, {"reclaimed_ha", OFTReal}, {"resettlement_ha", OFTReal}, {"quota_ha", OFTReal},
             {"demand_table_ha", OFTReal}, {"demand_layer_ha", OFTReal}, {"demand_ha", OFTReal},
             {"balance_ha", OFTReal}, {"over_use", OFTInteger}},
            st);
    if (!st.ok()) return st;
    auto put = [&](const TownBalance& b, const char* scope) -> Status {
      OGRFeature* f = w.New();
      f->SetField("scope", scope);
      SetText(f, "town_code", Code(b.town));
      SetText(f, "town_name", b.town < 0 ? std::string() : d_.towns.name[static_cast<size_t>(b.town)]);
      f->SetField("plots", b.plots);
      f->SetField("plot_ha", b.plot_ha);
      f->SetField("reclaimed_ha", b.reclaimed_ha);
      f->SetField("resettlement_ha", b.resettlement_ha);
      f->SetField("quota_ha", b.quota_ha);
      f->SetField("demand_table_ha", b.demand_table_ha);
      f->SetField("demand_layer_ha", b.demand_layer_ha);
      f->SetField("demand_ha", b.demand_ha);
      f->SetField("balance_ha", b.balance_ha);
      f->SetField("over_use", b.over_use ? 1 : 0);
      if (b.town >= 0) f->SetGeometryDirectly(ToOgr(d_.towns.geom[static_cast<size_t>(b.town)]));
      return w.Commit();
    };
    for (const auto& b : r.towns) PANHUO_TRY(put(b, b.town < 0 ? "no_town" : "town"));
    PANHUO_TRY(put(r.county, "county"));
    return w.Finish();
  }

  Status Riverside(GDALDataset* ds, const ScenarioResult& r) {
    Status st;
    Layer w(ds, r.scenario.name + "_riverside", false, nullptr,
            {{"distance_m", OFTReal}, {"scope", OFTString}, {"town_code", OFTString}, {"land_ha", OFTReal},
             {"developed_before_ha", OFTReal}, {"intensity_before", OFTReal}, {"cleared_ha", OFTReal},
             {"developed_after_ha", OFTReal}, {"intensity_after", OFTReal}},
            st);
    if (!st.ok()) return st;
    for (const RiversideFigures& x : r.riverside) {
      OGRFeature* f = w.New();
      f->SetField("distance_m", x.distance_m);
      f->SetField("scope", x.town < 0 ? "county" : "town");
      SetText(f, "town_code", Code(x.town));
      f->SetField("land_ha", x.land_ha);
      f->SetField("developed_before_ha", x.developed_before_ha);
      SetReal(f, "intensity_before", x.intensity_before);
      f->SetField("cleared_ha", x.cleared_ha);
      f->SetField("developed_after_ha", x.developed_after_ha);
      SetReal(f, "intensity_after", x.intensity_after);
      PANHUO_TRY(w.Commit());
    }
    return w.Finish();
  }

  Status Clear(GDALDataset* ds, const ScenarioResult& r) {
    Status st;
    Layer w(ds, r.scenario.name + "_clear", true, &srs_,
            {{"supply_id", OFTString}, {"town_code", OFTString}, {"land_use", OFTString}, {"holder", OFTString},
             {"status", OFTString}, {"class", OFTString}, {"enterprises", OFTInteger}, {"parcel_ha", OFTReal},
             {"within_ha", OFTReal}, {"built_ha", OFTReal}, {"rule", OFTInteger}},
            st);
    if (!st.ok()) return st;
    const SuppliesLayer& s = d_.supplies;
    for (const ClearedParcel& p : r.cleared) {
      OGRFeature* f = w.New();
      f->SetField("supply_id", s.id[p.supply].c_str());
      SetText(f, "town_code", Code(p.town));
      SetText(f, "land_use", s.land_use[p.supply]);
      SetText(f, "holder", s.holder[p.supply]);
      f->SetField("status", ToString(p.status));
      SetText(f, "class", p.cls ? ToString(*p.cls) : "");
      f->SetField("enterprises", p.enterprises);
      f->SetField("parcel_ha", p.parcel_ha);
      f->SetField("within_ha", p.within_ha);
      f->SetField("built_ha", p.built_ha);
      f->SetField("rule", p.rule);
      f->SetGeometryDirectly(ToOgr(s.geom[p.supply]));
      PANHUO_TRY(w.Commit());
    }
    return w.Finish();
  }

  Status Comparison(GDALDataset* ds) {
    std::vector<Field> fields = {{"figure", OFTString}, {"unit", OFTString}};
    for (const auto& r : results_) fields.push_back({r.scenario.name, OFTReal});
    fields.push_back({"meaning", OFTString});
    Status st;
    Layer w(ds, "comparison", false, nullptr, fields, st);
    if (!st.ok()) return st;
    for (const ComparisonRow& row : comparison_) {
      OGRFeature* f = w.New();
      f->SetField("figure", row.figure.c_str());
      f->SetField("unit", row.unit.c_str());
      for (size_t i = 0; i < results_.size(); ++i) SetReal(f, results_[i].scenario.name.c_str(), row.values[i]);
      f->SetField("meaning", row.meaning.c_str());
      PANHUO_TRY(w.Commit());
    }
    return w.Finish();
  }

  Status Scenarios(GDALDataset* ds) {
    Status st;
    Layer w(ds, "scenarios", false, nullptr,
            {{"name", OFTString}, {"description", OFTString}, {"source", OFTString}, {"as_of", OFTDate},
             {"input", OFTString}, {"engine_version", OFTString}, {"notes", OFTString}, {"seconds", OFTReal},
             {"overlay_fallbacks", OFTInteger64}, {"overlay_failures", OFTInteger64}},
            st);
    if (!st.ok()) return st;
    for (const auto& r : results_) {
      OGRFeature* f = w.New();
      f->SetField("name", r.scenario.name.c_str());
      SetText(f, "description", r.scenario.description);
      SetText(f, "source", r.scenario.source);
      int y, m, dd;
      scan_.params.as_of.ToYmd(y, m, dd);
      f->SetField("as_of", y, m, dd);
      SetText(f, "input", o_.input);
      f->SetField("engine_version", PANHUO_VERSION);
      std::string notes;
      for (const auto& n : r.notes) notes += (notes.empty() ? "" : "\n") + n;
      SetText(f, "notes", notes);
      f->SetField("seconds", r.seconds);
      f->SetField("overlay_fallbacks", static_cast<GIntBig>(r.overlay_fallbacks));
      f->SetField("overlay_failures", static_cast<GIntBig>(r.overlay_failures));
      PANHUO_TRY(w.Commit());
    }
    return w.Finish();
  }

  const InputData& d_;
  const ScanResult& scan_;
  const std::vector<ScenarioResult>& results_;
  const std::vector<ComparisonRow>& comparison_;
  const ScenarioWriteOptions& o_;
  OGRSpatialReference srs_;
};

}  // namespace

Status WriteScenarios(const County& county, const ScanResult& scan, const std::vector<ScenarioResult>& results,
                      const std::vector<ComparisonRow>& comparison, const ScenarioWriteOptions& o) {
  if (Status s = CheckOutputWritable(o.output, o.overwrite); !s.ok()) return s;
  for (size_t i = 0; i < results.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (results[i].scenario.name == results[j].scenario.name)
        return Status::Error("two scenarios are named '" + results[i].scenario.name + "' (" +
                             results[j].scenario.source + ", " + results[i].scenario.source +
                             "); their layers would clash");
  Writer w(county, scan, results, comparison, o);
  return detail::WriteGpkgAtomically(o.output, [&](GDALDataset* ds) { return w.Run(ds); });
}

}  // namespace panhuo
