// End to end through the panhuo binary on a small generated county: the output layers and
// fields of the contract, every area cross-checked against OGR/GEOS computed here
// independently, determinism across thread counts, and the failure modes of the CLI.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"
#include "ledger_support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <regex>
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

// PANHUO_TRACE=1 prints, in order, every step of a scan with its time and resident memory:
// each layer read, the checks' thread, each scan phase, each output layer; without it, nothing.
// The integrity check's verdict is taken after the scan's phases (it runs beside them) and
// before anything is written.
TEST_F(Cli, TraceNamesEveryPhaseInOrderOnlyWhenAsked) {
  const std::string out = (dir_ / "trace.gpkg").string();
  const Outcome traced = Exec("scan " + county_ + " --as-of 2021-12-31 -q --overwrite -o " + out, "PANHUO_TRACE=1 ");
  ASSERT_EQ(traced.code, 0) << traced.out;
  size_t at = 0;
  for (const char* step : {"read: start", "read: features of construction", "checks: integrity", "scan: approvals",
                           "scan: towns", "checks: verdict taken", "write: supply_status", "write: committed"}) {
    const size_t found = step == std::string("checks: integrity") ? traced.out.find(step) : traced.out.find(step, at);
    ASSERT_NE(found, std::string::npos) << step << " missing or out of order in\n" << traced.out;
    if (step != std::string("checks: integrity")) at = found;  // the checks' thread runs beside the read
  }
  EXPECT_NE(traced.out.find(" MB  read: start"), std::string::npos) << traced.out;
  const Outcome quiet = Exec("scan " + county_ + " --as-of 2021-12-31 -q --overwrite -o " + out);
  ASSERT_EQ(quiet.code, 0) << quiet.out;
  EXPECT_EQ(quiet.out.find("[trace]"), std::string::npos) << quiet.out;
}

// Every geometry layer has its GeoPackage R-tree (built while its features were written), sound
// by SQLite's rtreecheck and holding each feature once, with its envelope as float32 rounded
// outwards, as GDAL's own index would.
TEST_F(Cli, EveryGeometryLayerHasASoundCompleteSpatialIndex) {
  Ds ds = Open(scan_);
  ASSERT_TRUE(ds);
  auto one = [&](const std::string& sql) {
    OGRLayer* r = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    EXPECT_TRUE(r) << sql;
    if (!r) return std::string();
    std::unique_ptr<OGRFeature> f(r->GetNextFeature());
    std::string v = f ? f->GetFieldAsString(0) : "";
    ds->ReleaseResultSet(r);
    return v;
  };
  int indexed = 0;
  for (OGRLayer* l : ds->GetLayers()) {
    if (l->GetGeomType() == wkbNone) continue;
    const std::string t = l->GetName(), rtree = "rtree_" + t + "_" + l->GetGeometryColumn();
    EXPECT_EQ(one("SELECT count(*) FROM gpkg_extensions WHERE table_name = '" + t +
                  "' AND extension_name = 'gpkg_rtree_index'"), "1") << t;
    EXPECT_EQ(one("SELECT rtreecheck('" + rtree + "')"), "ok") << t;
    // one entry per feature with a geometry (plan_status rows of resolved and unknown plans have
    // none), none without it, each holding its feature's envelope
    EXPECT_EQ(one("SELECT count(*) FROM \"" + rtree + "\""),
              one("SELECT count(*) FROM \"" + t + "\" WHERE geom IS NOT NULL")) << t;
    EXPECT_EQ(one("SELECT count(*) FROM \"" + t + "\" f LEFT JOIN \"" + rtree + "\" r ON r.id = f.row_id "
                  "WHERE f.geom IS NOT NULL AND (r.id IS NULL OR r.minx > ST_MinX(f.geom) OR r.maxx < ST_MaxX(f.geom) "
                  "OR r.miny > ST_MinY(f.geom) OR r.maxy < ST_MaxY(f.geom))"), "0") << t;
    ++indexed;
  }
  EXPECT_GE(indexed, 8);
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
  EXPECT_EQ(layers, 12);  // the eight layers of contract v1 and reserves, constraints, holder_groups, plans
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
  r = Exec("scan " + county_ + " --as-of 2021-06-30 --warn-days 30 -o " + out + " --overwrite --lang en");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* column : {" unsupp_ha ", " stock_sh ", " p_late ", " no_plan"})
    EXPECT_NE(r.out.find(column), std::string::npos) << column << "\n" << r.out;
  EXPECT_NE(r.out.find("warn: lapse, idle and recover events in the next 30 days, to 2021-07-30"), std::string::npos)
      << r.out;
  // in Chinese by default, within 132 columns (a CJK character takes two)
  r = Exec("scan " + county_ + " --as-of 2021-06-30 --warn-days 30 -o " + out + " --overwrite");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("今后30日内（至2021-07-30）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("完成率"), std::string::npos) << r.out;
  size_t at = 0, table_lines = 0;
  while (at < r.out.size()) {
    const size_t end = std::min(r.out.find('\n', at), r.out.size());
    const std::string line = r.out.substr(at, end - at);
    size_t columns = 0;
    for (size_t i = 0; i < line.size();) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      // CJK and full-width forms take two columns; ▼ (U+25BC) one
      columns += n == 3 && !(c == 0xE2 && static_cast<unsigned char>(line[i + 1]) == 0x96) ? 2 : 1;
      i += n;
    }
    if (line.rfind("   1 ", 0) == 0 || line.rfind("名次", 0) == 0 || line.rfind("   2 ", 0) == 0) {
      ++table_lines;
      EXPECT_LE(columns, 132u) << line;
    }
    at = end + 1;
  }
  EXPECT_GE(table_lines, 2u);
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
    // a code that reads as a number is quoted so that it stays text
    while (std::getline(ss, c, ',')) cells.push_back(c.size() > 1 && c.front() == '"' ? c.substr(1, c.size() - 2) : c);
    EXPECT_NEAR(std::stod(cells[4]), idle.at(cells[1]), 1e-9) << line;
    EXPECT_EQ(std::stoi(cells[10]), warn_idle.at(cells[1])) << line;  // warn_idle_n
    EXPECT_EQ(std::stoi(cells[12]), warn_recover.at(cells[1])) << line;  // warn_recover_n
    ++rows;
  }
  EXPECT_EQ(rows, 18);
}

}  // namespace

namespace {

std::string FileText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The scan's CSV files as Excel on Chinese Windows and GDAL read them: UTF-8 with a byte-order
// mark, ISO dates, the geometry as WKT in the last column (none with --csv-geometry none), and
// GDAL gets back the GeoPackage's rows, fields and geometries.
TEST_F(Cli, CsvHasByteOrderMarkIsoDatesAndGeometryLast) {
  const fs::path csv = dir_ / "csv2";
  for (const std::string layer : {"idle", "towns", "run", "rejects"}) {
    const std::string text = FileText(csv / (layer + ".csv"));
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << layer << " starts without a byte-order mark";
    const std::string header = text.substr(3, text.find('\n') - 3);
    const bool geo = layer != "run";
    EXPECT_EQ(header.size() >= 4 && header.compare(header.size() - 4, 4, ",WKT") == 0, geo) << header;
  }
  const std::string idle = FileText(csv / "idle.csv");
  EXPECT_FALSE(std::regex_search(idle, std::regex(R"(\d{4}/\d{2}/\d{2})"))) << "a date not in ISO 8601";
  EXPECT_TRUE(std::regex_search(idle, std::regex(R"(,\d{4}-\d{2}-\d{2},)")));
  Ds gpkg = Open(scan_);
  Ds back = Open((csv / "idle.csv").string());
  ASSERT_TRUE(gpkg && back);
  OGRLayer* a = gpkg->GetLayerByName("idle");
  OGRLayer* b = back->GetLayer(0);
  ASSERT_EQ(a->GetFeatureCount(), b->GetFeatureCount());
  ASSERT_GT(a->GetFeatureCount(), 0);
  a->ResetReading();
  b->ResetReading();
  for (auto& fa : *a) {
    OGRFeature* fb = b->GetNextFeature();
    ASSERT_NE(fb, nullptr);
    EXPECT_STREQ(fb->GetFieldAsString("supply_id"), fa->GetFieldAsString("supply_id"));
    int y, m, d, hh, mi, tz;
    float ss;
    ASSERT_TRUE(fa->GetFieldAsDateTime(fa->GetFieldIndex("supply_date"), &y, &m, &d, &hh, &mi, &ss, &tz));
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    EXPECT_STREQ(fb->GetFieldAsString("supply_date"), iso);
    ASSERT_NE(fb->GetGeometryRef(), nullptr);
    EXPECT_NEAR(fb->GetGeometryRef()->toMultiPolygon()->get_Area(), fa->GetGeometryRef()->toMultiPolygon()->get_Area(),
                1e-6);
    OGRFeature::DestroyFeature(fb);
  }
  const Outcome none = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + (dir_ / "nogeom.gpkg").string() +
                            " --csv " + (dir_ / "csv_nogeom").string() + " --csv-geometry none");
  ASSERT_EQ(none.code, 0) << none.out;
  const std::string plain = FileText(dir_ / "csv_nogeom" / "idle.csv");
  EXPECT_EQ(plain.find("WKT"), std::string::npos);
  EXPECT_EQ(plain.find("POLYGON"), std::string::npos);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), '\n'), std::count(idle.begin(), idle.end(), '\n'));
}

// --xlsx on timeline, compare and scenario: a sheet with a Chinese name for every list of the
// output (styles aside), with its rows, no geometry, and mu beside every hectare column.
TEST_F(Cli, LedgerOfTimelineCompareAndScenarioHasEveryList) {
  const std::string scenarios = std::string(PANHUO_SOURCE_DIR) + "/datasets/scenarios/";
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"timeline", "timeline " + county_ + " --from 2021-10 --to 2021-12"},
      {"compare", "compare " + county_ + " --from 2020-12-31 --to 2021-12-31"},
      {"scenario", "scenario " + county_ + " --scenario " + scenarios + "conservative.toml --as-of 2021-12-31"}};
  for (const auto& [name, args] : runs) {
    const std::string gpkg = (dir_ / (name + "_ledger.gpkg")).string(), xlsx = (dir_ / (name + ".xlsx")).string();
    const Outcome r = Exec(args + " -q -o " + gpkg + " --xlsx " + xlsx);
    ASSERT_EQ(r.code, 0) << name << ": " << r.out;
    Ds out = Open(gpkg);
    std::vector<std::string> names;
    const auto book = panhuo::testing::ReadLedger(xlsx, &names);
    ASSERT_TRUE(out && !book.empty()) << name;
    std::multiset<GIntBig> layer_rows, sheet_rows;
    for (OGRLayer* l : out->GetLayers())
      if (std::string(l->GetName()) != "layer_styles") layer_rows.insert(l->GetFeatureCount());
    for (size_t k = 0; k < book.size(); ++k) {
      const auto& sheet = book[k];
      sheet_rows.insert(static_cast<GIntBig>(sheet.rows.size()));
      EXPECT_GT(static_cast<unsigned char>(names[k].back()), 0x7F) << name << ": sheet '" << names[k] << "' has no Chinese name";
      EXPECT_NE(sheet.title.find(names[k]), std::string::npos) << name << ": " << sheet.title;
      for (size_t i = 0; i < sheet.header.size(); ++i) {
        const std::string& header = sheet.header[i];
        if (header.find("（公顷）") == std::string::npos) continue;
        ASSERT_LT(i + 1, sheet.header.size()) << header;
        EXPECT_NE(sheet.header[i + 1].find("（亩）"), std::string::npos) << header;
      }
    }
    EXPECT_EQ(layer_rows, sheet_rows) << name;
    EXPECT_EQ(book.size(), layer_rows.size()) << name;
  }
}

}  // namespace
