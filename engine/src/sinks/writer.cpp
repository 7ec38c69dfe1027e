#include "panhuo/core/trace.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "csv_files.hpp"
#include "ogr_util.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/tables/run_table.hpp"
#include "stock_layers.hpp"
#include "writer_plans.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>

namespace panhuo {
namespace {

using detail::GdalError;
using detail::ToOgrMultiPolygon;
using detail::WriteGpkgAtomically;
namespace fs = std::filesystem;

std::unique_ptr<OGRMultiPolygon> ToOgr(const MultiPolygon& mp) {
  return std::unique_ptr<OGRMultiPolygon>(ToOgrMultiPolygon(mp));
}

using Field = detail::OutputField;
using detail::LayerWriter;

using detail::SetDate;
using detail::SetReal;
using detail::SetText;

class Writer {
 public:
  Writer(const County& c, const ScanResult& r, const WriteOptions& o) : c_(c), d_(c.data()), r_(r), o_(o) {}

  Status Run(GDALDataset* ds) {
    srs_.importFromWkt(d_.working_crs_wkt.c_str());
    srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::vector<std::pair<const char*, std::function<Status(GDALDataset*)>>> layers = {
        {"unsupplied", [&](GDALDataset* x) { return Unsupplied(x); }},
        {"supply_status", [&](GDALDataset* x) { return Supplies(x, "supply_status", false); }},
        {"idle", [&](GDALDataset* x) { return Supplies(x, "idle", true); }},
        {"warnings", [&](GDALDataset* x) { return Warnings(x); }},
        {"towns", [&](GDALDataset* x) { return Towns(x); }},
        {"efficiency", [&](GDALDataset* x) { return Efficiency(x); }},
        {"d_class_parcels", [&](GDALDataset* x) { return DClass(x); }},
        {"reserve_unsupplied", [&](GDALDataset* x) { return detail::WriteReserveLayer(x, c_, r_, &srs_); }},
        {"unfit_for_supply", [&](GDALDataset* x) { return detail::WriteUnfitLayer(x, c_, r_, &srs_); }},
        {"low_efficiency", [&](GDALDataset* x) { return detail::WriteLowEfficiencyLayer(x, c_, r_, &srs_); }},
        {"holders", [&](GDALDataset* x) { return detail::WriteHoldersLayer(x, r_); }},
        {"rejects", [&](GDALDataset* x) { return Rejects(x); }},
        {"undetermined", [&](GDALDataset* x) { return Undetermined(x); }},
        {"run", [&](GDALDataset* x) { return Run_(x); }},
        // v3: work plans
        {"plan_status", [&](GDALDataset* x) { return detail::WritePlanStatus(x, c_, r_, &srs_); }},
    };
    for (size_t i = 0; i < layers.size(); ++i) {
      if (o_.progress && !o_.progress(static_cast<double>(i) / layers.size(), layers[i].first, o_.progress_user))
        return Status::Error("cancelled");
      if (Status s = layers[i].second(ds); !s.ok()) return s;
      detail::TraceMark((std::string("write: ") + layers[i].first).c_str());
    }
    for (const auto& t : o_.tables)
      if (Status s = detail::WriteTableLayer(ds, t, &srs_); !s.ok()) return s;
    if (o_.progress) o_.progress(1.0, "written", o_.progress_user);
    return {};
  }

 private:
  std::string TownCode(int32_t t) const { return t < 0 ? std::string() : d_.towns.code[static_cast<size_t>(t)]; }

  Status Unsupplied(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "unsupplied", wkbMultiPolygon, &srs_, detail::SchemaFields("unsupplied"), st);
    if (!st.ok()) return st;
    for (const auto& f : r_.approvals) {
      if (!f.listed) continue;
      OGRFeature* o = w.New();
      const size_t a = f.approval;
      o->SetField("approval_id", d_.approvals.id[a].c_str());
      SetText(o, "batch_no", d_.approvals.batch_no[a]);
      SetText(o, "town_code", TownCode(f.town));
      SetDate(o, "approval_date", d_.approvals.date[a]);
      o->SetField("age_days", f.age_days);
      o->SetField("approved_ha", f.approved_ha);
      o->SetField("supplied_ha", f.supplied_ha);
      o->SetField("unsupplied_ha", f.unsupplied_ha);
      o->SetField("lapsed", f.lapsed ? 1 : 0);
      SetDate(o, "lapse_date", f.lapse_date);
      o->SetField("basis", f.basis.c_str());
      detail::SetPlanFields(o, d_, f.plan);  // v3
      o->SetGeometryDirectly(ToOgr(f.remainder).release());
      if (Status s = w.Commit(); !s.ok()) return s;
    }
    return w.Finish();
  }

  Status Supplies(GDALDataset* ds, const char* name, bool idle_only) {
    Status st;
    LayerWriter w(ds, name, wkbMultiPolygon, &srs_, detail::SchemaFields(name), st);
    if (!st.ok()) return st;
    for (const auto& f : r_.supplies) {
      if (idle_only && !IsIdle(f.status)) continue;
      OGRFeature* o = w.New();
      const size_t s = f.supply;
      o->SetField("supply_id", d_.supplies.id[s].c_str());
      SetText(o, "town_code", TownCode(f.town));
      SetDate(o, "supply_date", d_.supplies.date[s]);
      SetDate(o, "agreed_start", d_.supplies.agreed_start[s]);
      SetText(o, "land_use", d_.supplies.land_use[s]);
      // what an idle-land notice (闲置土地认定书) names besides the figures
      SetText(o, "mode", d_.supplies.mode[s]);
      SetText(o, "holder", d_.supplies.holder[s]);
      SetReal(o, "price_wan", d_.supplies.price_wan[s]);
      SetText(o, "idle_cause", d_.supplies.idle_cause[s] == IdleCause::kNone ? "" : ToString(d_.supplies.idle_cause[s]));
      o->SetField("parcel_ha", f.parcel_ha);
      SetReal(o, "built_ha", f.built_ha);  // null when undetermined
      SetReal(o, "built_ratio", f.built_ratio);
      SetDate(o, "last_built", f.last_built);
      SetText(o, "status", f.undetermined.empty() ? ToString(f.status) : "");
      o->SetField("overdue_days", f.overdue_days);
      SetText(o, "action", ToString(f.action));
      SetReal(o, "fee_wan", f.fee_wan);
      SetDate(o, "idle_from", f.idle_from);
      SetDate(o, "recover_from", f.recover_from);
      o->SetField("basis", f.basis.c_str());
      SetText(o, "group_name", r_.supply_group.empty() ? "" : r_.supply_group[static_cast<size_t>(&f - r_.supplies.data())]);
      detail::SetPlanFields(o, d_, f.plan);  // v3
      o->SetGeometryDirectly(ToOgr(d_.supplies.geom[s]).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status Warnings(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "warnings", wkbMultiPolygon, &srs_, detail::SchemaFields("warnings"), st);
    if (!st.ok()) return st;
    for (const auto& f : r_.warnings) {
      OGRFeature* o = w.New();
      const bool lapse = f.kind == WarningKind::kLapse;
      const ApprovalFinding* a = lapse ? &r_.approvals[f.finding] : nullptr;
      const SupplyFinding* s = lapse ? nullptr : &r_.supplies[f.finding];
      o->SetField("kind", ToString(f.kind));
      o->SetField("feature_id", lapse ? d_.approvals.id[a->approval].c_str() : d_.supplies.id[s->supply].c_str());
      SetText(o, "town_code", TownCode(f.town));
      SetDate(o, "event_date", f.event_date);
      o->SetField("days_left", f.days_left);
      o->SetField("area_ha", f.area_ha);
      o->SetField("basis", f.basis.c_str());
      o->SetGeometryDirectly(ToOgr(lapse ? a->remainder : d_.supplies.geom[s->supply]).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status Towns(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "towns", wkbMultiPolygon, &srs_, detail::SchemaFields("towns"), st);
    if (!st.ok()) return st;
    for (const auto& t : r_.towns) {
      OGRFeature* o = w.New();
      o->SetField("town_code", d_.towns.code[t.town].c_str());
      SetText(o, "town_name", d_.towns.name[t.town]);
      o->SetField("unsupplied_ha", t.unsupplied_ha);
      o->SetField("idle_ha", t.idle_ha);
      SetReal(o, "supply_rate", t.supply_rate);
      o->SetField("supplied_ha", t.supplied_ha);
      o->SetField("stock_ha", t.stock_ha);
      SetReal(o, "stock_share", t.stock_share);
      o->SetField("revitalized_ha", t.revitalized_ha);
      SetReal(o, "target_ha", t.target_ha);
      SetReal(o, "completion", t.completion);
      SetReal(o, "tax_per_mu", t.tax_per_mu);
      o->SetField("d_class_ha", t.d_class_ha);
      SetReal(o, "score", t.score);
      o->SetField("rank", t.rank);
      o->SetField("digested_ha", t.digested_ha);
      o->SetField("idle_resolved_ha", t.idle_resolved_ha);
      o->SetField("window_approved_ha", t.window_approved_ha);
      o->SetField("window_supplied_ha", t.window_supplied_ha);
      o->SetField("below_stock_floor", t.below_stock_floor ? 1 : 0);
      o->SetField("below_supply_rate_floor", t.below_supply_rate_floor ? 1 : 0);
      o->SetField("lapsed_approvals", t.lapsed);
      o->SetField("warn_lapse_n", t.warn_lapse_n);
      o->SetField("warn_lapse_ha", t.warn_lapse_ha);
      o->SetField("warn_idle_n", t.warn_idle_n);
      o->SetField("warn_idle_ha", t.warn_idle_ha);
      o->SetField("warn_recover_n", t.warn_recover_n);
      o->SetField("warn_recover_ha", t.warn_recover_ha);
      o->SetField("undetermined_n", t.undetermined);
      SetReal(o, "reserve_ha", t.reserve_ha);  // null when the input they come from is absent
      SetReal(o, "unfit_ha", t.unfit_ha);
      SetReal(o, "low_efficiency_ha", t.low_efficiency_ha);
      detail::SetTownPlanFields(o, t);  // v3
      o->SetGeometryDirectly(ToOgr(d_.towns.geom[t.town]).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status Efficiency(GDALDataset* ds) {
    static const char* kInd[6] = {"tax_per_mu", "sales_per_mu", "tax_per_energy", "tax_per_emission",
                                  "labour_productivity", "rnd_intensity"};
    Status st;
    LayerWriter w(ds, "efficiency", wkbNone, nullptr, detail::SchemaFields("efficiency"), st);
    if (!st.ok()) return st;
    const auto& e = d_.enterprises;
    for (const auto& f : r_.efficiency) {
      OGRFeature* o = w.New();
      o->SetField("enterprise_id", e.id[f.row].c_str());
      o->SetField("supply_id", e.supply_id[f.row].c_str());
      SetText(o, "town_code", TownCode(f.town));
      o->SetField("year", e.year[f.row]);
      o->SetField("land_mu", f.land_mu);
      for (int k = 0; k < 6; ++k) SetReal(o, kInd[k], f.indicator[static_cast<size_t>(k)]);
      SetReal(o, "score", f.score);
      o->SetField("class", ToString(f.cls));
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status DClass(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "d_class_parcels", wkbMultiPolygon, &srs_, detail::SchemaFields("d_class_parcels"), st);
    if (!st.ok()) return st;
    const auto& e = d_.enterprises;
    for (const auto& f : r_.efficiency) {
      if (f.cls != EfficiencyClass::kD) continue;
      OGRFeature* o = w.New();
      o->SetField("supply_id", e.supply_id[f.row].c_str());
      o->SetField("enterprise_id", e.id[f.row].c_str());
      SetText(o, "town_code", TownCode(f.town));
      o->SetField("land_mu", f.land_mu);
      SetReal(o, "score", f.score);
      o->SetGeometryDirectly(ToOgr(d_.supplies.geom[e.supply[f.row]]).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status Rejects(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "rejects", wkbMultiPolygon, &srs_, detail::SchemaFields("rejects"), st);
    if (!st.ok()) return st;
    for (const auto& r : d_.rejects) {
      OGRFeature* o = w.New();
      o->SetField("layer", r.layer.c_str());
      o->SetField("fid", static_cast<GIntBig>(r.fid));
      SetText(o, "feature_id", r.feature_id);
      o->SetField("reason", r.reason.c_str());
      if (!r.geom.empty()) o->SetGeometryDirectly(ToOgr(r.geom).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  // Determinations that could not be made (every overlay path failed), with the reason.
  Status Undetermined(GDALDataset* ds) {
    Status st;
    LayerWriter w(ds, "undetermined", wkbMultiPolygon, &srs_, detail::SchemaFields("undetermined"), st);
    if (!st.ok()) return st;
    for (const auto& u : r_.undetermined) {
      const bool supply = u.layer == "supplies", reserve = u.layer == "reserves";
      const PolygonColumn& col = supply ? static_cast<const PolygonColumn&>(d_.supplies)
                                 : reserve ? static_cast<const PolygonColumn&>(d_.reserves) : d_.approvals;
      OGRFeature* o = w.New();
      o->SetField("layer", u.layer.c_str());
      o->SetField("fid", static_cast<GIntBig>(col.fid[u.index]));
      SetText(o, "feature_id", (supply ? d_.supplies.id : reserve ? d_.reserves.id : d_.approvals.id)[u.index]);
      SetText(o, "town_code", TownCode(supply ? c_.supply_town(u.index) : reserve ? c_.reserve_town(u.index) : c_.approval_town(u.index)));
      o->SetField("determination", u.determination.c_str());
      o->SetField("error", u.error.c_str());
      o->SetGeometryDirectly(ToOgr(col.geom[u.index]).release());
      if (Status x = w.Commit(); !x.ok()) return x;
    }
    return w.Finish();
  }

  Status Run_(GDALDataset* ds) {
    using T = Table::Type;
    std::vector<std::pair<std::string, Date>> dates = o_.run_dates;
    if (dates.empty()) dates = {{"as_of", r_.params.as_of}};
    Table t = RunTable(d_, {o_.input, dates, r_.params.Describe(), o_.warnings});
    AddRunColumn(t, "ranking", T::kText,
                 std::string(r_.params.rank_by == "score"
                                 ? "weighted score of completion, stock_share and supply_rate, descending; ties by town_code"
                                 : "completion descending, ties by town_code; towns without a target last, by town_code"));
    AddRunColumn(t, "efficiency_year", T::kInteger, int64_t{r_.efficiency_year});
    AddRunColumn(t, "overlay_fallbacks", T::kInteger, r_.counts.overlay_fallbacks);
    AddRunColumn(t, "overlay_failures", T::kInteger, r_.counts.overlay_failures);
    AddRunColumn(t, "approvals_listed", T::kInteger, r_.counts.approvals_listed);
    AddRunColumn(t, "approvals_lapsed", T::kInteger, r_.counts.approvals_lapsed);
    AddRunColumn(t, "supplies_idle", T::kInteger, r_.counts.idle);
    AddRunColumn(t, "warn_days", T::kInteger, int64_t{r_.params.warn_days});
    AddRunColumn(t, "warnings_listed", T::kInteger, r_.counts.warnings);
    AddRunColumn(t, "reserves_listed", T::kInteger, r_.counts.reserves_listed);
    AddRunColumn(t, "unfit_listed", T::kInteger, r_.counts.unfit_listed);
    AddRunColumn(t, "low_efficiency_listed", T::kInteger, r_.counts.low_efficiency);
    AddRunColumn(t, "holders_listed", T::kInteger, r_.counts.holders_listed);
    return detail::WriteTableLayer(ds, t, nullptr);
  }

  const County& c_;
  const InputData& d_;
  const ScanResult& r_;
  const WriteOptions& o_;
  OGRSpatialReference srs_;
};


// A date field as ISO 8601 (GDAL's text for it is 2021/12/31), empty when null.
std::string IsoDate(OGRFeature& f, int field) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
  float ss = 0;
  if (!f.IsFieldSetAndNotNull(field) || !f.GetFieldAsDateTime(field, &y, &m, &d, &hh, &mm, &ss, &tz)) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// One CSV file per layer of the written GeoPackage, dates as ISO 8601, geometry as WKT in a last
// column (none without `geometry`); all written and closed without error before any is renamed
// (detail::CsvBatch).
Status WriteCsv(const std::string& gpkg, const std::string& dir, bool overwrite, bool geometry) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Error("cannot create CSV folder '" + dir + "': " + ec.message());
  detail::DatasetPtr src(
      GDALDataset::Open(FinishedPath(gpkg).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!src) return Status::Error("cannot reopen '" + gpkg + "': " + GdalError());
  detail::CsvBatch batch;
  for (OGRLayer* l : src->GetLayers()) {
    if (std::string(l->GetName()) == "layer_styles") continue;  // styles are for QGIS, not a table
    const std::string path = (fs::path(dir) / (std::string(l->GetName()) + ".csv")).string();
    if (fs::exists(path, ec) && !overwrite) return Status::Error("'" + path + "' exists; use --overwrite to replace it");
    if (Status s = batch.Open(path); !s.ok()) return s;
    OGRFeatureDefn* defn = l->GetLayerDefn();
    const bool geo = geometry && l->GetGeomType() != wkbNone;
    std::vector<std::string> cells;
    for (int k = 0; k < defn->GetFieldCount(); ++k) cells.push_back(detail::CsvQuote(defn->GetFieldDefn(k)->GetNameRef()));
    if (geo) cells.push_back("WKT");
    if (Status s = batch.Row(cells); !s.ok()) return s;
    l->ResetReading();
    for (auto& f : *l) {
      cells.clear();
      for (int k = 0; k < defn->GetFieldCount(); ++k) {
        if (defn->GetFieldDefn(k)->GetType() == OFTDate) {
          cells.push_back(IsoDate(*f, k));
          continue;
        }
        const char* text = f->IsFieldSetAndNotNull(k) ? f->GetFieldAsString(k) : nullptr;
        // quoted as GDAL's CSV driver quotes them (the files stay as they were): 32-bit integers, and
        // text that reads as a number ("0701") so that it stays text
        const OGRFieldType type = defn->GetFieldDefn(k)->GetType();
        const bool ambiguous =
            text && (type == OFTInteger || (type == OFTString && CPLGetValueType(text) != CPL_VALUE_STRING));
        cells.push_back(!text ? std::string() : ambiguous ? "\"" + std::string(text) + "\"" : detail::CsvQuote(text));
      }
      if (geo) {
        std::string wkt;
        if (const OGRGeometry* g = f->GetGeometryRef()) wkt = g->exportToWkt();
        cells.push_back(detail::CsvQuote(wkt));
      }
      if (Status s = batch.Row(cells); !s.ok()) return s;
    }
  }
  return batch.Commit();
}

}  // namespace

const std::vector<std::string>& ScanLayerNames() {
  static const std::vector<std::string> names = {"unsupplied",         "supply_status",    "idle",
                                                 "warnings",           "towns",            "efficiency",
                                                 "d_class_parcels",    "reserve_unsupplied", "unfit_for_supply",
                                                 "low_efficiency",     "holders",          "rejects",
                                                 "undetermined",       "run",              "plan_status"};
  return names;
}

Status CheckOutputWritable(const std::string& output, bool overwrite, const std::string& out_schema) {
  if (output.empty()) return Status::Error("no output file given");
  if (IsPostgis(output)) return CheckPostgisWritable(output, out_schema, overwrite);
  if (!out_schema.empty()) return Status::Usage("--out-schema is for a PostGIS output (-o PG:...)");
  std::error_code ec;
  if (fs::exists(output, ec) && !overwrite)
    return Status::Error("'" + output + "' exists; use --overwrite to replace it");
  fs::path dir = fs::path(output).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec)) return Status::Error("cannot write '" + output + "': folder '" + dir.string() + "' does not exist");
  const std::string probe = (dir / (".panhuo-probe-" + std::to_string(::getpid()))).string();
  if (FILE* f = std::fopen(probe.c_str(), "w")) {
    std::fclose(f);
    std::remove(probe.c_str());
  } else {
    return Status::Error("cannot write '" + output + "': folder '" + dir.string() + "' is not writable");
  }
  return {};
}

// A PostGIS output: the GeoPackage written to a temporary file first, then copied in.
static Status WriteScanToPostgis(const County& county, const ScanResult& result, const WriteOptions& o) {
  WriteOptions local = o;
  local.output = (fs::temp_directory_path() / ("panhuo-" + std::to_string(::getpid()) + "-postgis.gpkg")).string();
  local.overwrite = true;
  local.out_schema.clear();
  Status s = WriteScan(county, result, local);
  if (s.ok()) s = CopyToPostgis(local.output, o.output, o.out_schema, o.overwrite);
  DiscardOutput(local.output);
  return s;
}

Status WriteScan(const County& county, const ScanResult& result, const WriteOptions& o) {
  if (IsPostgis(o.output)) return WriteScanToPostgis(county, result, o);
  if (Status s = CheckOutputWritable(o.output, o.overwrite, o.out_schema); !s.ok()) return s;
  detail::TraceMark("write: start");
  Writer w(county, result, o);
  if (Status s = WriteGpkgAtomically(o.output, [&](GDALDataset* ds) { return w.Run(ds); }); !s.ok()) return s;
  detail::TraceMark("write: committed");
  if (!o.csv_dir.empty())
    if (Status s = WriteCsv(o.output, o.csv_dir, o.overwrite, o.csv_geometry); !s.ok()) return s;
  if (o.xlsx.empty()) return {};
  const InputData& d = county.data();
  LedgerDoc doc{o.lang, DocumentCountyName(d, o.county), o.issuer, {}};
  for (size_t t = 0; t < d.towns.size(); ++t) doc.town_names.emplace(d.towns.code[t], d.towns.name[t]);
  return WriteLedger(o.output, o.xlsx, doc, o.overwrite);
}

}  // namespace panhuo
