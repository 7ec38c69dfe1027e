// Generate(): builds the county layout, generates every town's features in parallel (one
// independent random stream per town), then writes the GeoPackage sequentially in contract
// order, assigning the ids (which need county-wide counters) as it goes.
#include "panhuo/gen/generator.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>

#include "gpkg_writer.hpp"

namespace panhuo::gen {

int64_t GenerateSummary::Count(std::string_view layer) const {
  for (const LayerCount& c : layers)
    if (c.layer == layer) return c.features;
  return 0;
}

int64_t GenerateSummary::TotalFeatures() const {
  int64_t n = 0;
  for (const LayerCount& c : layers) n += c.features;
  return n;
}

namespace {

using namespace detail;
namespace fs = std::filesystem;

const std::string kDefaultCountyCode = "320281";  // Jiangyin, the county the towns are laid out as

// Sets a GDAL config option for this thread only, restoring the previous value on exit.
class ThreadConfig {
 public:
  ThreadConfig(const char* key, const char* value) : key_(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) had_ = true, old_ = old;
    CPLSetThreadLocalConfigOption(key, value);
  }
  ~ThreadConfig() { CPLSetThreadLocalConfigOption(key_, had_ ? old_.c_str() : nullptr); }
  ThreadConfig(const ThreadConfig&) = delete;
  ThreadConfig& operator=(const ThreadConfig&) = delete;

 private:
  const char* key_;
  bool had_ = false;
  std::string old_;
};

// GDAL messages are carried into our Status, not printed.
class QuietGdal {
 public:
  QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
  ~QuietGdal() { CPLPopErrorHandler(); }
};

// ---- v3: work plans ----
struct PlanPlot {
  std::string id;
  int town = 0;
  bool supply = false;
};

// A work plan for most of the plots likely listed at the end of 2021 (approvals still waiting
// for supply, parcels not built as agreed), due around 2021-12-31; drawn from a generator of
// its own so that the other layers stay as they were.
Status WritePlans(const County& county, const std::vector<PlanPlot>& plots, Writer& w) {
  static const char* kApprovalMeasures[] = {"加快供地", "调整规划后供地", "申请核减", "招商后供地"};
  static const char* kSupplyMeasures[] = {"督促开工", "协议收回", "征收闲置费", "临时利用", "置换"};
  static const char* kLeaders[] = {"王副镇长", "李副镇长", "张副主任", "陈副书记", "刘副镇长", "周副主任"};
  Rng rng(county.seed ^ 0x706c616e73ULL);
  const Date year_end = Date::FromYmd(2021, 12, 31);
  for (const PlanPlot& p : plots) {
    if (!rng.Bern(0.85)) continue;
    OGRFeature* f = w.Feature(kPlans);
    f->SetField(0, p.id.c_str());
    f->SetField(1, p.supply ? kSupplyMeasures[rng.Int(0, 4)] : kApprovalMeasures[rng.Int(0, 3)]);
    const Town& town = county.towns[static_cast<size_t>(p.town)];
    f->SetField(2, (town.name + (rng.Bern(0.5) ? "自然资源所" : "建设局")).c_str());
    f->SetField(3, kLeaders[rng.Int(0, 5)]);
    SetDate(f, 4, Date{year_end.days + rng.Int(-150, 180)});
    PANHUO_TRY(w.Write(kPlans));
  }
  return {};
}
// ---- end v3: work plans ----

// `id_prefix` goes before every feature id ("" for the default county, else "<county_code>-").
Status WriteAll(const County& county, std::vector<TownData>& towns, const std::string& id_prefix, Writer& w,
                std::string& first_approval) {
  static const char* kApprovalKinds[] = {"conversion", "expropriation"};
  static const char* kCauses[] = {"enterprise", "government", "force_majeure", "mixed"};
  static const char* kPlotKinds[] = {"homestead", "vacant", "unused", "other"};

  // v3: the plots likely listed at the end of 2021, for the work plans
  std::vector<PlanPlot> plots;
  if (!w.Report("writing towns")) return Status::Error("cancelled");
  for (const Town& t : county.towns) {
    OGRFeature* f = w.Feature(kTowns);
    f->SetField(0, t.code.c_str());
    f->SetField(1, t.name.c_str());
    f->SetField(2, ToString(t.kind));
    auto* poly = new OGRPolygon();
    poly->addRingDirectly(RingOf(t.ring));
    f->SetGeometryDirectly(poly);
    PANHUO_TRY(w.Write(kTowns));
  }

  if (!w.Report("writing approvals")) return Status::Error("cancelled");
  std::vector<int> per_batch(county.batches.size(), 0);
  for (TownData& td : towns) {
    for (size_t k = 0; k < td.approvals.size(); ++k) {
      const ApprovalRec& a = td.approvals[k];
      const Batch& b = county.batches[static_cast<size_t>(a.batch)];
      OGRFeature* f = w.Feature(kApprovals);
      char seq[48];
      std::snprintf(seq, sizeof seq, "PZ%d-%03d-%03d", b.year, b.seq,
                    ++per_batch[static_cast<size_t>(a.batch)]);
      const std::string id = id_prefix + seq;
      if (first_approval.empty()) first_approval = id;
      f->SetField(0, id.c_str());
      f->SetField(1, b.batch_no.c_str());
      SetDate(f, 2, b.date);
      f->SetField(3, kApprovalKinds[a.kind]);
      f->SetGeometryDirectly(MakeGeometry(td.approvals_geom, k, true));
      PANHUO_TRY(w.Write(kApprovals));
      if (a.waiting_2021) plots.push_back({id, static_cast<int>(&td - towns.data()), false});
    }
    td.approvals_geom = {};
  }

  // Supplies; their ids are kept per town for the enterprises.
  if (!w.Report("writing supplies")) return Status::Error("cancelled");
  std::vector<std::vector<std::string>> supply_ids(towns.size());
  std::vector<int> per_year(200, 0);
  for (size_t t = 0; t < towns.size(); ++t) {
    TownData& td = towns[t];
    for (size_t k = 0; k < td.supplies.size(); ++k) {
      const SupplyRec& s = td.supplies[k];
      const int year = s.date.Year();
      supply_ids[t].push_back(
          id_prefix + Format("GD%d-%04d", year, ++per_year[static_cast<size_t>(year - 1950)]));
      OGRFeature* f = w.Feature(kSupplies);
      f->SetField(0, supply_ids[t].back().c_str());
      SetDate(f, 1, s.date);
      f->SetField(2, s.mode == 1 ? "allocation" : "grant");
      f->SetField(3, kLandUses[s.land_use].code);
      SetDate(f, 4, s.agreed_start);
      SetReal(f, 5, s.price_wan);
      f->SetField(6, s.holder.c_str());
      if (s.cause < 0)
        f->SetFieldNull(7);
      else
        f->SetField(7, kCauses[s.cause]);
      f->SetGeometryDirectly(MakeGeometry(td.supplies_geom, k, true));
      PANHUO_TRY(w.Write(kSupplies));
      if (s.troubled && AddYears(s.agreed_start, 1) <= Date::FromYmd(2021, 12, 31))
        plots.push_back({supply_ids[t].back(), static_cast<int>(t), true});
    }
    td.supplies_geom = {};
  }

  if (!w.Report("writing construction")) return Status::Error("cancelled");
  std::fill(per_year.begin(), per_year.end(), 0);
  for (TownData& td : towns) {
    for (size_t k = 0; k < td.construction.size(); ++k) {
      const Date d = td.construction[k];
      const int year = d.Year();
      OGRFeature* f = w.Feature(kConstruction);
      f->SetField(0, (id_prefix + Format("JZ%d-%06d", year, ++per_year[static_cast<size_t>(year - 1950)])).c_str());
      SetDate(f, 1, d);
      f->SetGeometryDirectly(MakeGeometry(td.construction_geom, k, false));
      PANHUO_TRY(w.Write(kConstruction));
    }
    td.construction_geom = {};
  }

  if (!w.Report("writing enterprises")) return Status::Error("cancelled");
  uint32_t enterprise_base = 0;
  for (size_t t = 0; t < towns.size(); ++t) {
    for (const EnterpriseRow& e : towns[t].enterprises) {
      OGRFeature* f = w.Feature(kEnterprises);
      char id[24];
      std::snprintf(id, sizeof id, "E%06u", enterprise_base + e.enterprise + 1);
      f->SetField(0, (id_prefix + id).c_str());
      f->SetField(1, supply_ids[t][e.supply].c_str());
      f->SetField(2, e.year);
      SetReal(f, 3, e.tax);
      SetReal(f, 4, e.sales);
      SetReal(f, 5, e.value_added);
      SetReal(f, 6, e.energy);
      SetReal(f, 7, e.emission);
      SetReal(f, 8, e.rnd);
      if (e.employees < 0)
        f->SetFieldNull(9);
      else
        f->SetField(9, e.employees);
      PANHUO_TRY(w.Write(kEnterprises));
    }
    enterprise_base += towns[t].enterprise_count;
  }

  if (!w.Report("writing rural plots")) return Status::Error("cancelled");
  int plot_seq = 0;
  for (TownData& td : towns) {
    for (size_t k = 0; k < td.plots.size(); ++k) {
      const PlotRec& p = td.plots[k];
      const Village& v = county.villages[p.village];
      OGRFeature* f = w.Feature(kRuralPlots);
      char id[24];
      std::snprintf(id, sizeof id, "NC%07d", ++plot_seq);
      f->SetField(0, (id_prefix + id).c_str());
      f->SetField(1, v.name.c_str());
      f->SetField(2, kPlotKinds[p.kind]);
      f->SetField(3, v.retained ? 1 : 0);
      f->SetField(4, static_cast<int>(p.idle));
      f->SetGeometryDirectly(MakeGeometry(td.plots_geom, k, false));
      PANHUO_TRY(w.Write(kRuralPlots));
    }
    td.plots_geom = {};
  }

  // The Yangtze: the water body and the shoreline.
  {
    OGRFeature* f = w.Feature(kRiver);
    f->SetField(0, "长江");
    auto* poly = new OGRPolygon();
    poly->addRingDirectly(RingOf(county.river_ring));
    f->SetGeometryDirectly(poly);
    PANHUO_TRY(w.Write(kRiver));
    f = w.Feature(kRiver);
    f->SetField(0, "长江");
    auto* line = new OGRLineString();
    for (const XY& p : county.shoreline) line->addPoint(p.x, p.y);
    f->SetGeometryDirectly(line);
    PANHUO_TRY(w.Write(kRiver));
  }

  for (const Target& t : county.targets) {
    OGRFeature* f = w.Feature(kTargets);
    f->SetField(0, county.towns[static_cast<size_t>(t.town)].code.c_str());
    f->SetField(1, t.year);
    f->SetField(2, t.target_ha);
    PANHUO_TRY(w.Write(kTargets));
  }
  return WritePlans(county, plots, w);  // v3
}

// The deliberate defects of GenerateOptions::defects, one feature each, after the clean data.
// `county_code` makes the target's unknown town code (<county_code>999).
Status WriteDefects(const std::string& first_approval, const std::string& county_code, Writer& w) {
  auto fresh = [&](size_t k) {
    OGRFeature* f = w.Feature(k);
    for (int i = 0; i < f->GetFieldCount(); ++i) f->SetFieldNull(i);
    f->SetGeometryDirectly(nullptr);
    return f;
  };
  auto square = [](double x, double y, double side) {
    auto* p = new OGRPolygon();
    p->addRingDirectly(RingOf({{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}}));
    return p;
  };
  const double x = 529000, y = 3515000;  // inside the county
  // an approval repeating the id of another
  OGRFeature* f = fresh(kApprovals);
  f->SetField("approval_id", first_approval.c_str());
  f->SetField("batch_no", "2015-苏政地-999");
  f->SetField("approval_date", 2015, 6, 1);
  f->SetField("kind", "conversion");
  f->SetGeometryDirectly(square(x, y, 50));
  PANHUO_TRY(w.Write(kApprovals));
  // a supply without geometry, and one with an idle cause outside the code list
  f = fresh(kSupplies);
  f->SetField("supply_id", "GD-DEFECT-01");
  f->SetField("supply_date", 2016, 3, 1);
  f->SetField("agreed_start", 2016, 9, 1);
  f->SetField("land_use", "0601");
  PANHUO_TRY(w.Write(kSupplies));
  f = fresh(kSupplies);
  f->SetField("supply_id", "GD-DEFECT-02");
  f->SetField("supply_date", 2016, 3, 1);
  f->SetField("agreed_start", 2016, 9, 1);
  f->SetField("land_use", "0601");
  f->SetField("idle_cause", "weather");
  f->SetGeometryDirectly(square(x + 100, y, 40));
  PANHUO_TRY(w.Write(kSupplies));
  // a self-intersecting footprint (repaired) and one with an absurd date
  f = fresh(kConstruction);
  f->SetField("obs_id", "OBS-DEFECT-01");
  f->SetField("observed_date", 2019, 6, 1);
  f->SetGeometryDirectly(new OGRPolygon());
  f->GetGeometryRef()->toPolygon()->addRingDirectly(
      RingOf({{x + 200, y}, {x + 230, y + 30}, {x + 230, y}, {x + 200, y + 30}, {x + 200, y}}));
  PANHUO_TRY(w.Write(kConstruction));
  f = fresh(kConstruction);
  f->SetField("obs_id", "OBS-DEFECT-02");
  f->SetField("observed_date", 1900, 1, 1);
  f->SetGeometryDirectly(square(x + 300, y, 20));
  PANHUO_TRY(w.Write(kConstruction));
  // an enterprise row naming no supply, a target naming no town
  f = fresh(kEnterprises);
  f->SetField("enterprise_id", "E-DEFECT-01");
  f->SetField("supply_id", "GD-NONE");
  f->SetField("year", 2021);
  PANHUO_TRY(w.Write(kEnterprises));
  f = fresh(kTargets);
  f->SetField("town_code", (county_code + "999").c_str());
  f->SetField("year", 2021);
  f->SetField("target_ha", 10.0);
  PANHUO_TRY(w.Write(kTargets));
  PANHUO_TRY(WriteStockDefects(x, y, w));
  // v3: plans naming no plot, a plot planned twice, a plan without a due date
  for (const char* id : {"PZ-NONE-001", "GD-NONE-002"}) {
    f = fresh(kPlans);
    f->SetField("feature_id", id);
    f->SetField("measure", "核查");
    f->SetField("due_date", 2021, 11, 30);
    PANHUO_TRY(w.Write(kPlans));
  }
  for (int k = 0; k < 2; ++k) {
    f = fresh(kPlans);
    f->SetField("feature_id", first_approval.c_str());
    f->SetField("measure", k == 0 ? "加快供地" : "重复填报");
    f->SetField("due_date", 2021, 12, 31);
    PANHUO_TRY(w.Write(kPlans));
  }
  f = fresh(kPlans);
  f->SetField("feature_id", first_approval.c_str());
  f->SetField("measure", "未填时限");
  PANHUO_TRY(w.Write(kPlans));
  return {};
}

#undef PANHUO_TRY

bool IsCountyCode(const std::string& code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Another county on the same geography: town codes under its county code (the town part kept),
// its name in the town governments that hold allocated land.
void Rename(County& county, const std::string& code, const std::string& name) {
  const std::string old_name = "江阴市";
  for (Town& t : county.towns) {
    t.code = code + t.code.substr(kDefaultCountyCode.size());
    if (!name.empty() && t.government.rfind(old_name, 0) == 0) t.government = name + t.government.substr(old_name.size());
  }
}

}  // namespace

Result<GenerateSummary> Generate(const GenerateOptions& options, ProgressFn progress,
                                 void* progress_user) {
  const auto t0 = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  if (options.output.empty()) return Status::Error("no output path given");
  if (!options.county_code.empty() && !IsCountyCode(options.county_code))
    return Status::Error("county code must be 6 digits, got '" + options.county_code + "'");
  if (!(options.scale > 0.0 && options.scale <= 1000.0))
    return Status::Error("scale must be in (0, 1000], got " + std::to_string(options.scale));
  std::error_code ec;
  const fs::path out(options.output);
  if (fs::exists(out, ec) && !options.overwrite)
    return Status::Error("'" + options.output + "' already exists (overwrite not requested)");
  if (fs::is_directory(out, ec)) return Status::Error("'" + options.output + "' is a directory");
  const fs::path tmp(options.output + ".tmp");
  fs::remove(tmp, ec);  // a leftover of a failed run

  if (progress && !progress(0.0, "generating", progress_user)) return Status::Error("cancelled");
  GenerateSummary summary;
  summary.output = options.output;
  County county;
  std::vector<TownData> towns;
  StockData stock;
  try {
    county = BuildCounty(options.seed, options.scale);
    if (!options.county_code.empty()) Rename(county, options.county_code, options.county_name);
    towns.resize(county.towns.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, towns.size(), 1),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t t = r.begin(); t != r.end(); ++t)
                          towns[t] = GenerateTown(county, static_cast<int>(t));
                      });
    stock = GenerateStock(county, towns);
  } catch (const std::exception& e) {
    return Status::Error(std::string("generation failed: ") + e.what());
  }
  summary.generate_seconds = seconds();

  int64_t total = static_cast<int64_t>(county.towns.size() + county.targets.size() + 2);
  for (const TownData& td : towns)
    total += static_cast<int64_t>(td.approvals.size() + td.supplies.size() +
                                  td.construction.size() + td.enterprises.size() + td.plots.size());
  total += static_cast<int64_t>(stock.reserves.size() + stock.constraint_kind.size() + stock.holder_groups.size());
  Status status;
  std::vector<int64_t> counts;
  {
    QuietGdal quiet;
    ThreadConfig sync("OGR_SQLITE_SYNCHRONOUS", "OFF");
    ThreadConfig journal("OGR_SQLITE_JOURNAL", "MEMORY");
    ThreadConfig cache("OGR_SQLITE_CACHE", "512");
    ThreadConfig date("OGR_CURRENT_DATE", "2023-01-01T00:00:00.000Z");  // stable gpkg_contents
    Writer writer(progress, progress_user, 0.1, 0.99, total);
    status = writer.Create(tmp.string());
    std::string first_approval;
    const std::string id_prefix = options.county_code.empty() ? "" : options.county_code + "-";
    if (status.ok()) status = WriteAll(county, towns, id_prefix, writer, first_approval);
    if (status.ok()) status = WriteStock(stock, id_prefix, writer);
    stock = {};
    if (status.ok() && options.defects)
      status = WriteDefects(first_approval, options.county_code.empty() ? kDefaultCountyCode : options.county_code, writer);
    if (status.ok()) status = writer.Close(tmp.string());
    counts = writer.counts();
  }
  if (!status.ok()) {
    fs::remove(tmp, ec);
    return status;
  }
  fs::rename(tmp, out, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::Error("cannot rename '" + tmp.string() + "' to '" + options.output +
                         "': " + ec.message());
  }
  for (size_t k = 0; k < Specs().size(); ++k)
    summary.layers.push_back({Specs()[k].name, counts[k]});
  summary.output_bytes = static_cast<uint64_t>(fs::file_size(out, ec));
  summary.seconds = seconds();
  if (progress) progress(1.0, "done", progress_user);
  return summary;
}

}  // namespace panhuo::gen
