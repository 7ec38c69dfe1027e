// End to end through the panhuo binary on a small generated county: the output layers and
// fields of the contract, every area cross-checked against OGR/GEOS computed here
// independently, determinism across thread counts, and the failure modes of the CLI.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;
using panhuo::testing::Ds;
using panhuo::testing::Exec;
using panhuo::testing::Open;
using panhuo::testing::Outcome;




// One county for the whole suite (generation takes a moment).
class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // PANHUO_CROSSCHECK_INPUT runs the suite on another county (the sample, a scale-1 county)
    if (const char* other = std::getenv("PANHUO_CROSSCHECK_INPUT")) {
      county_ = other;
    } else {
      county_ = (dir_ / "county.gpkg").string();
      const Outcome g = Exec("generate --scale 0.02 --seed 11 -q -o " + county_);
      ASSERT_EQ(g.code, 0) << g.out;
    }
    scan_ = (dir_ / "scan.gpkg").string();
    const Outcome s = Exec("scan " + county_ + " --as-of 2021-12-31 -q --threads 2 -o " + scan_ + " --csv " +
                       (dir_ / "csv2").string());
    ASSERT_EQ(s.code, 0) << s.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
  static std::string county_, scan_;
};
fs::path Cli::dir_;
std::string Cli::county_, Cli::scan_;

TEST_F(Cli, WritesEveryContractLayerAndField) {
  Ds ds = Open(scan_);
  ASSERT_TRUE(ds);
  const std::map<std::string, std::vector<std::string>> want = {
      {"unsupplied", {"approval_id", "batch_no", "town_code", "approval_date", "age_days", "approved_ha",
                      "supplied_ha", "unsupplied_ha", "lapsed", "lapse_date", "basis"}},
      {"supply_status", {"supply_id", "town_code", "supply_date", "agreed_start", "land_use", "parcel_ha",
                         "built_ha", "built_ratio", "last_built", "status", "overdue_days", "action", "fee_wan",
                         "idle_from", "recover_from", "basis"}},
      {"idle", {"supply_id", "status", "action", "fee_wan", "idle_from", "recover_from", "mode", "holder", "price_wan",
                "idle_cause", "basis"}},
      {"warnings", {"kind", "feature_id", "town_code", "event_date", "days_left", "area_ha", "basis"}},
      {"towns", {"town_code", "town_name", "unsupplied_ha", "idle_ha", "supply_rate", "supplied_ha", "stock_ha",
                 "stock_share", "revitalized_ha", "target_ha", "completion", "tax_per_mu", "d_class_ha", "score",
                 "rank", "warn_lapse_n", "warn_lapse_ha", "warn_idle_n", "warn_idle_ha", "warn_recover_n",
                 "warn_recover_ha"}},
      {"efficiency", {"enterprise_id", "supply_id", "town_code", "land_mu", "tax_per_mu", "sales_per_mu",
                      "tax_per_energy", "tax_per_emission", "labour_productivity", "rnd_intensity", "score",
                      "class"}},
      {"rejects", {"layer", "fid", "feature_id", "reason"}},
      {"run", {"engine_version", "input", "as_of", "parameters", "encodings", "overlay_fallbacks", "rejected_total",
               "warn_days", "warnings_listed", "warnings"}}};
  for (const auto& [layer, fields] : want) {
    OGRLayer* l = ds->GetLayerByName(layer.c_str());
    ASSERT_TRUE(l) << layer;
    for (const auto& f : fields) EXPECT_GE(l->GetLayerDefn()->GetFieldIndex(f.c_str()), 0) << layer << "." << f;
  }
  OGRLayer* u = ds->GetLayerByName("unsupplied");
  EXPECT_EQ(u->GetLayerDefn()->GetFieldDefn(u->GetLayerDefn()->GetFieldIndex("approval_date"))->GetType(), OFTDate);
  EXPECT_GT(u->GetFeatureCount(), 0);
  EXPECT_GT(ds->GetLayerByName("idle")->GetFeatureCount(), 0);
  EXPECT_EQ(ds->GetLayerByName("towns")->GetFeatureCount(), 18);
  EXPECT_FALSE(fs::exists(scan_ + ".partial"));
}

// Per feature with OGR/GEOS only: area(a − ∪S(T)) for approvals and area(s ∩ ∪B(T)) for supplies.
TEST_F(Cli, EveryAreaMatchesOgrGeos) {
  Ds in = Open(county_), out = Open(scan_);
  ASSERT_TRUE(in && out);
  auto dated = [](OGRLayer* l, const char* date_field, const char* id_field) {
    std::vector<std::tuple<std::string, std::string, std::unique_ptr<OGRGeometry>>> v;
    l->ResetReading();
    while (OGRFeature* f = l->GetNextFeature()) {
      // GetFieldAsString's buffer for dates is reused: copy each value before the next call
      std::string id = f->GetFieldAsString(id_field);
      std::string date = f->GetFieldAsString(date_field);
      v.emplace_back(std::move(id), std::move(date), std::unique_ptr<OGRGeometry>(f->StealGeometry()));
      OGRFeature::DestroyFeature(f);
    }
    return v;
  };
  auto approvals = dated(in->GetLayerByName("approvals"), "approval_date", "approval_id");
  auto supplies = dated(in->GetLayerByName("supplies"), "supply_date", "supply_id");
  auto built = dated(in->GetLayerByName("construction"), "observed_date", "obs_id");
  const std::string T = "2021/12/31";  // OGR's text form of dates
  auto coverage = [&](const OGRGeometry* target, const auto& cands) {
    OGREnvelope e;
    target->getEnvelope(&e);
    // the union of the candidates, one GEOS union at a time
    std::unique_ptr<OGRGeometry> u(new OGRPolygon());
    for (const auto& [id, date, g] : cands) {
      if (date > T || !g) continue;
      OGREnvelope ce;
      g->getEnvelope(&ce);
      if (!e.Intersects(ce) || !target->Intersects(g.get())) continue;
      std::unique_ptr<OGRGeometry> valid(g->IsValid() ? g->clone() : g->MakeValid());
      u.reset(u->Union(valid.get()));
    }
    std::unique_ptr<OGRGeometry> inter(target->Intersection(u.get()));
    std::unique_ptr<OGRGeometry> diff(target->Difference(u.get()));
    auto area = [](const OGRGeometry* g) { return g ? OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))) : 0.0; };
    return std::make_pair(area(inter.get()), area(diff.get()));
  };
  std::map<std::string, double> unsupplied;
  for (auto& f : *out->GetLayerByName("unsupplied")) unsupplied[f->GetFieldAsString("approval_id")] = f->GetFieldAsDouble("unsupplied_ha");
  int checked = 0;
  std::set<std::string> seen;  // a repeated id is rejected; the first (lowest fid) is the one used
  for (const auto& [id, date, g] : approvals) {
    if (!seen.insert(id).second) continue;
    if (date > T || !g) continue;
    std::unique_ptr<OGRGeometry> valid(g->IsValid() ? g->clone() : g->MakeValid());
    const double ha = coverage(valid.get(), supplies).second / 1e4;
    auto it = unsupplied.find(id);
    if (it == unsupplied.end()) {
      EXPECT_LT(ha, 0.01) << "approval " << id << " not listed";
    } else {
      EXPECT_NEAR(it->second, ha, 1e-6 + 1e-6 * ha) << "approval " << id;
      ++checked;
    }
  }
  std::map<std::string, double> built_ha;
  for (auto& f : *out->GetLayerByName("supply_status")) built_ha[f->GetFieldAsString("supply_id")] = f->GetFieldAsDouble("built_ha");
  for (const auto& [id, date, g] : supplies) {
    if (date > T || !g) continue;
    auto it = built_ha.find(id);
    if (it == built_ha.end()) continue;  // rejected in input
    std::unique_ptr<OGRGeometry> valid(g->IsValid() ? g->clone() : g->MakeValid());
    const double ha = coverage(valid.get(), built).first / 1e4;
    EXPECT_NEAR(it->second, ha, 1e-6 + 1e-6 * ha) << "supply " << id;
    ++checked;
  }
  EXPECT_GT(checked, 100);
  std::printf("[cross-check] %d areas match OGR/GEOS (%zu approvals, %zu supplies, %zu listed)\n", checked,
              approvals.size(), supplies.size(), unsupplied.size());
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST_F(Cli, SameTablesWhateverTheThreadCount) {
  const std::string one = (dir_ / "scan1.gpkg").string();
  const Outcome r = Exec("scan " + county_ + " --as-of 2021-12-31 -q --threads 1 -o " + one + " --csv " + (dir_ / "csv1").string());
  ASSERT_EQ(r.code, 0) << r.out;
  int compared = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "csv2")) {
    const fs::path other = dir_ / "csv1" / e.path().filename();
    ASSERT_TRUE(fs::exists(other)) << other;
    if (e.path().filename() == "run.csv") continue;  // holds the input path only
    EXPECT_EQ(Slurp(e.path()), Slurp(other)) << e.path().filename();
    ++compared;
  }
  EXPECT_GE(compared, 7);
}

TEST_F(Cli, CheckAccountsForEveryFeature) {
  const Outcome r = Exec("check " + county_ + " --summary json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"working_crs\": \"EPSG:4549\""), std::string::npos) << r.out;
  // read = used + rejected is printed per layer; parse the simple JSON shape
  size_t pos = 0;
  int layers = 0;
  while ((pos = r.out.find("\"read\": ", pos)) != std::string::npos) {
    const long read = std::stol(r.out.substr(pos + 8));
    const size_t rj = r.out.find("\"rejected\": ", pos);
    const size_t us = r.out.find("\"used\": ", pos);
    const long rejected = std::stol(r.out.substr(rj + 12));
    const long used = std::stol(r.out.substr(us + 8));
    EXPECT_EQ(read, used + rejected);
    ++layers;
    ++pos;
  }
  EXPECT_EQ(layers, 8);
}

TEST_F(Cli, RefusesToOverwriteAndNamesTheProblem) {
  Outcome r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + scan_);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("exists; use --overwrite"), std::string::npos) << r.out;
  r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o /nonexistent/dir/x.gpkg");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
  r = Exec("scan " + county_ + " --as-of 2021-02-30 -q -o " + (dir_ / "x.gpkg").string());
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("not a date"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "x.gpkg"));
  r = Exec("check " + (dir_ / "missing.gpkg").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("missing.gpkg': no such file"), std::string::npos) << r.out;
}

TEST_F(Cli, WarnDaysBoundsTheWarningsAndIsRecorded) {
  const std::string out = (dir_ / "warn.gpkg").string();
  Outcome r = Exec("scan " + county_ + " --as-of 2021-06-30 -q --warn-days 365 -o " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  Ds ds = Open(out);
  ASSERT_TRUE(ds);
  OGRLayer* w = ds->GetLayerByName("warnings");
  ASSERT_TRUE(w);
  EXPECT_GT(w->GetFeatureCount(), 0);
  std::set<std::string> kinds;
  std::string last_date;
  for (auto& f : *w) {
    kinds.insert(f->GetFieldAsString("kind"));
    EXPECT_GE(f->GetFieldAsInteger("days_left"), 1);
    EXPECT_LE(f->GetFieldAsInteger("days_left"), 365);
    EXPECT_GT(f->GetFieldAsDouble("area_ha"), 0);
    EXPECT_TRUE(f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty());
    const std::string date = f->GetFieldAsString("event_date");
    EXPECT_LE(last_date, date);  // rows by event date
    last_date = date;
  }
  EXPECT_EQ(kinds.size(), 4u);
  for (auto& f : *ds->GetLayerByName("run")) {
    EXPECT_NE(std::string(f->GetFieldAsString("parameters")).find("warn_days=365"), std::string::npos);
    EXPECT_EQ(f->GetFieldAsInteger64("warnings_listed"), w->GetFeatureCount());
  }
  r = Exec("scan " + county_ + " --as-of 2021-06-30 -q --warn-days -1 -o " + (dir_ / "bad.gpkg").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("warn_days must lie in [0, 36600]"), std::string::npos) << r.out;
  r = Exec("scan " + county_ + " --as-of 2021-06-30 --warn-days 30 -o " + out + " --overwrite");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("w_laps w_laps_ha w_idle w_idle_ha w_recv w_recv_ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warnings (w_) in the next 30 days, to 2021-07-30"), std::string::npos) << r.out;
}

TEST_F(Cli, TimelineMatchesSeparateScans) {
  const Outcome t = Exec("timeline " + county_ + " --from 2021-05 --to 2021-06 -q --csv " + (dir_ / "tl.csv").string());
  ASSERT_EQ(t.code, 0) << t.out;
  const Outcome s = Exec("scan " + county_ + " --as-of 2021-06-30 -q -o " + (dir_ / "june.gpkg").string());
  ASSERT_EQ(s.code, 0) << s.out;
  Ds june = Open((dir_ / "june.gpkg").string());
  std::map<std::string, double> idle;
  std::map<std::string, int> warn_idle, warn_recover;
  for (auto& f : *june->GetLayerByName("towns")) {
    idle[f->GetFieldAsString("town_code")] = f->GetFieldAsDouble("idle_ha");
    warn_idle[f->GetFieldAsString("town_code")] = f->GetFieldAsInteger("warn_idle_n");
    warn_recover[f->GetFieldAsString("town_code")] = f->GetFieldAsInteger("warn_recover_n");
  }
  std::ifstream csv(dir_ / "tl.csv");
  std::string line;
  std::getline(csv, line);
  int rows = 0;
  while (std::getline(csv, line)) {
    if (line.rfind("2021-06-30", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) cells.push_back(c);
    EXPECT_NEAR(std::stod(cells[4]), idle.at(cells[1]), 1e-9) << line;
    EXPECT_EQ(std::stoi(cells[10]), warn_idle.at(cells[1])) << line;  // warn_idle_n
    EXPECT_EQ(std::stoi(cells[12]), warn_recover.at(cells[1])) << line;  // warn_recover_n
    ++rows;
  }
  EXPECT_EQ(rows, 18);
}

}  // namespace
