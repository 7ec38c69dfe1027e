// panhuo batch end to end: six generated counties under `mpirun -np 3 --oversubscribe` (each
// county's output against its own `panhuo scan`, the province's layers against the county
// outputs), a broken county among good ones, a county's process that dies and --resume, and the list's and
// the resume record's rules on the plain (one-process) path.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;
using panhuo::testing::Ds;
using panhuo::testing::Exec;
using panhuo::testing::Open;
using panhuo::testing::Outcome;


std::string Mpirun() {
#ifdef PANHUO_MPIEXEC
  if (::access(PANHUO_MPIEXEC, X_OK) == 0)
    return std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + PANHUO_MPIEXEC +
           " -np 3 --oversubscribe ";
#endif
  return "";
}

#define REQUIRE_MPIRUN()                                                                      \
  if (Mpirun().empty()) GTEST_SKIP() << "mpirun not found or panhuo built without MPI: "      \
                                        "install libopenmpi-dev and openmpi-bin and rebuild"



using Row = std::map<std::string, std::string>;  // field → OGR's text (full precision for reals)

std::vector<Row> Rows(const std::string& path, const std::string& layer) {
  std::vector<Row> rows;
  Ds ds = Open(path);
  if (!ds) return rows;
  OGRLayer* l = ds->GetLayerByName(layer.c_str());
  if (!l) return rows;
  while (OGRFeature* f = l->GetNextFeature()) {
    Row r;
    for (int i = 0; i < f->GetFieldCount(); ++i) {
      const OGRFieldDefn* d = f->GetFieldDefnRef(i);
      char buf[64];
      if (f->IsFieldNull(i)) r[d->GetNameRef()] = "null";
      else if (d->GetType() == OFTReal) r[d->GetNameRef()] = (std::snprintf(buf, sizeof buf, "%.17g", f->GetFieldAsDouble(i)), buf);
      else r[d->GetNameRef()] = f->GetFieldAsString(i);
    }
    rows.push_back(r);
    OGRFeature::DestroyFeature(f);
  }
  return rows;
}

double Num(const Row& r, const std::string& field) { return std::stod(r.at(field)); }

const std::vector<std::string> kCodes = {"320281", "320282", "320283", "320284", "320285", "320286"};

class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_batch_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "in");
    for (size_t k = 0; k < kCodes.size(); ++k) {
      const Outcome g = Exec("generate --scale 0.02 --seed " + std::to_string(k + 1) + " --county-code " + kCodes[k] +
                             " --county-name 县" + std::to_string(k + 1) + " -q -o " + Input(kCodes[k]));
      ASSERT_EQ(g.code, 0) << g.out;
    }
    // targets for four of the six counties; 320283's is 0 (no completion), 320286 has none
    std::ofstream t(dir_ / "targets.csv");
    t << "county_code,year,target_ha\n320281,2021,40\n320282,2021,25\n320283,2021,0\n320284,2021,30\n"
         "320285,2021,30\n320285,2020,5\n";
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string Input(const std::string& code) { return (dir_ / "in" / (code + ".gpkg")).string(); }

  // A list (relative inputs) of `codes` plus `extra` rows; returns its path.
  static std::string List(const std::string& name, const std::vector<std::string>& codes, const std::string& extra = "") {
    const fs::path path = dir_ / (name + ".csv");
    std::ofstream out(path);
    out << "county_code,county_name,input\n";
    for (const auto& c : codes) out << c << ",县" << c.substr(5) << ",in/" << c << ".gpkg\n";
    out << extra;
    return path.string();
  }

  // The main run: all six counties over three ranks, and each county's own scan.
  static const fs::path& MainRun() {
    static bool done = false;
    if (!done) {
      done = true;
      const Outcome b = Exec("batch " + List("all", kCodes) + " -o " + (dir_ / "out").string() +
                                 " --as-of 2021-12-31 --threads 1 -q --county-targets " + (dir_ / "targets.csv").string(),
                             Mpirun());
      EXPECT_EQ(b.code, 0) << b.out;
      for (const auto& c : kCodes) {
        const Outcome s = Exec("scan " + Input(c) + " --as-of 2021-12-31 --threads 1 -q -o " + Single(c));
        EXPECT_EQ(s.code, 0) << s.out;
      }
    }
    return dir_;
  }
  static std::string Single(const std::string& code) { return (dir_ / ("single_" + code + ".gpkg")).string(); }
  static std::string Out(const std::string& folder, const std::string& code) {
    return (dir_ / folder / (code + ".gpkg")).string();
  }

  static fs::path dir_;
};
fs::path Batch::dir_;

TEST_F(Batch, EachCountyEqualsItsOwnScanFigureForFigure) {
  REQUIRE_MPIRUN();
  MainRun();
  for (const auto& c : kCodes) {
    const auto batch = Rows(Out("out", c), "towns"), single = Rows(Single(c), "towns");
    ASSERT_EQ(batch.size(), 18u) << c;
    EXPECT_EQ(batch, single) << c;
    for (const char* layer : {"unsupplied", "supply_status", "idle", "efficiency", "rejects"})
      EXPECT_EQ(Rows(Out("out", c), layer).size(), Rows(Single(c), layer).size()) << c << " " << layer;
    EXPECT_EQ(Rows(Out("out", c), "unsupplied"), Rows(Single(c), "unsupplied")) << c;
  }
}

TEST_F(Batch, ProvinceSumsEqualTheCountyOutputs) {
  REQUIRE_MPIRUN();
  MainRun();
  const std::string province = (dir_ / "out" / "province.gpkg").string();
  const auto counties = Rows(province, "counties");
  const auto towns = Rows(province, "all_towns");
  ASSERT_EQ(counties.size(), kCodes.size());
  size_t town_rows = 0;
  std::set<std::string> town_codes;
  for (const Row& county : counties) {
    const std::string code = county.at("county_code");
    double unsupplied = 0, idle = 0, revitalized = 0, d_class = 0, lapsed = 0;
    for (const Row& t : Rows(Out("out", code), "towns")) {
      unsupplied += Num(t, "unsupplied_ha");
      idle += Num(t, "idle_ha");
      revitalized += Num(t, "revitalized_ha");
      d_class += Num(t, "d_class_ha");
      lapsed += Num(t, "lapsed_approvals");
      town_codes.insert(t.at("town_code"));
      EXPECT_EQ(t.at("town_code").substr(0, 6), code);  // generated counties share no code
      ++town_rows;
    }
    EXPECT_NEAR(Num(county, "unsupplied_ha"), unsupplied, 1e-9 * unsupplied) << code;
    EXPECT_NEAR(Num(county, "idle_ha"), idle, 1e-9 * idle) << code;
    EXPECT_NEAR(Num(county, "revitalized_ha"), revitalized, 1e-9 * revitalized) << code;
    EXPECT_NEAR(Num(county, "d_class_ha"), d_class, 1e-9 * d_class + 1e-12) << code;
    EXPECT_EQ(Num(county, "lapsed_approvals"), lapsed) << code;
    EXPECT_GT(unsupplied, 0) << code;
  }
  EXPECT_EQ(towns.size(), town_rows);
  EXPECT_EQ(town_codes.size(), town_rows);
  for (const Row& t : towns) EXPECT_EQ(t.at("town_code").substr(0, 6), t.at("county_code"));
  const auto run = Rows(province, "run");
  ASSERT_EQ(run.size(), kCodes.size());
  std::set<std::string> ranks;
  for (const Row& r : run) {
    EXPECT_EQ(r.at("status"), "ok") << r.at("county_code");
    ranks.insert(r.at("rank"));
  }
  EXPECT_EQ(ranks.count("0"), 0u);  // rank 0 dispatches, ranks 1 and 2 scan
}

TEST_F(Batch, CountiesRankedByCompletionThenCodeWithoutTargetLast) {
  REQUIRE_MPIRUN();
  MainRun();
  const auto counties = Rows((dir_ / "out" / "province.gpkg").string(), "counties");
  ASSERT_EQ(counties.size(), kCodes.size());
  const std::map<std::string, double> targets = {{"320281", 40}, {"320282", 25}, {"320284", 30}, {"320285", 30}};
  double previous = 1e300;
  bool without = false;
  for (size_t k = 0; k < counties.size(); ++k) {
    const Row& c = counties[k];
    EXPECT_EQ(c.at("rank"), std::to_string(k + 1));
    const auto it = targets.find(c.at("county_code"));
    if (it == targets.end()) {
      EXPECT_EQ(c.at("completion"), "null") << c.at("county_code");
      if (without) {
        EXPECT_LT(counties[k - 1].at("county_code"), c.at("county_code"));
      }
      without = true;
      continue;
    }
    EXPECT_FALSE(without) << "a county with a target ranked after one without";
    const double completion = Num(c, "revitalized_ha") / it->second;
    EXPECT_NEAR(Num(c, "completion"), completion, 1e-12);
    EXPECT_LE(completion, previous);
    previous = completion;
  }
}

TEST_F(Batch, BrokenCountyIsReportedAndTheOthersComplete) {
  REQUIRE_MPIRUN();
  std::ofstream(dir_ / "in" / "broken.gpkg") << "not a GeoPackage at all";
  const std::string list = List("broken", {"320281", "320282"},
                                "320290,坏县,in/broken.gpkg\n320291,缺县,in/missing.gpkg\n");
  const Outcome b = Exec("batch " + list + " -o " + (dir_ / "out_broken").string() + " --as-of 2021-12-31 --threads 1",
                         Mpirun());
  EXPECT_EQ(b.code, 1) << b.out;
  EXPECT_NE(b.out.find("county 320291 (缺县): cannot open"), std::string::npos) << b.out;
  const auto run = Rows((dir_ / "out_broken" / "province.gpkg").string(), "run");
  ASSERT_EQ(run.size(), 4u);
  for (const Row& r : run) {
    const bool bad = r.at("county_code") >= "320290";
    EXPECT_EQ(r.at("status"), bad ? "failed" : "ok") << r.at("county_code");
    const char* file = r.at("county_code") == "320290" ? "broken.gpkg" : "missing.gpkg";
    if (bad) {
      EXPECT_NE(r.at("message").find(file), std::string::npos) << r.at("message");
    }
    EXPECT_EQ(fs::exists(Out("out_broken", r.at("county_code"))), !bad) << r.at("county_code");
  }
  EXPECT_EQ(Rows((dir_ / "out_broken" / "province.gpkg").string(), "counties").size(), 2u);
}

// The process scanning 320283 is killed (SIGKILL, as the out-of-memory killer would): that county
// alone fails, the five others complete and are ranked, and --resume re-runs only the lost one.
void KillOneCountyThenResume(const fs::path& dir, const std::string& list, const std::string& name,
                             const std::string& launcher) {
  const std::string out = (dir / name).string();
  auto output = [&](const std::string& c) { return (dir / name / (c + ".gpkg")).string(); };
  const std::string args = "batch " + list + " -o " + out + " --as-of 2021-12-31 --threads 1 -q";
  const Outcome killed = Exec(args, "PANHUO_BATCH_TEST_KILL_COUNTY=320283 " + launcher);
  EXPECT_EQ(killed.code, 1) << killed.out;
  EXPECT_NE(killed.out.find("killed by signal 9"), std::string::npos) << killed.out;
  const auto first = Rows((fs::path(out) / "province.gpkg").string(), "run");
  ASSERT_EQ(first.size(), kCodes.size()) << killed.out;
  std::map<std::string, fs::file_time_type> kept;
  for (const Row& r : first) {
    const std::string c = r.at("county_code");
    EXPECT_EQ(r.at("status"), c == "320283" ? "failed" : "ok") << c << ": " << r.at("message");
    EXPECT_EQ(fs::exists(output(c)), c != "320283") << c;
    if (c != "320283") kept[c] = fs::last_write_time(output(c));
  }
  EXPECT_EQ(Rows((fs::path(out) / "province.gpkg").string(), "counties").size(), kCodes.size() - 1);
  const Outcome resumed = Exec(args + " --resume", launcher);
  ASSERT_EQ(resumed.code, 0) << resumed.out;
  for (const Row& r : Rows((fs::path(out) / "province.gpkg").string(), "run")) {
    const std::string c = r.at("county_code");
    EXPECT_EQ(r.at("status"), "ok") << c;
    EXPECT_EQ(r.at("reused"), c == "320283" ? "0" : "1") << c;
    if (kept.count(c)) {
      EXPECT_EQ(fs::last_write_time(output(c)), kept[c]) << c << " was written again";
    }
  }
  const std::string single = (dir / (name + "_single.gpkg")).string();
  const Outcome scan = Exec("scan " + (dir / "in" / "320283.gpkg").string() + " --as-of 2021-12-31 --threads 1 -q -o " + single);
  ASSERT_EQ(scan.code, 0) << scan.out;
  EXPECT_EQ(Rows(output("320283"), "towns"), Rows(single, "towns"));
}

TEST_F(Batch, KilledCountyProcessUnderMpiLosesOnlyItsCounty) {
  REQUIRE_MPIRUN();
  KillOneCountyThenResume(dir_, List("killed", kCodes), "out_killed", Mpirun());
}

TEST_F(Batch, KilledCountyProcessWithoutMpiLosesOnlyItsCounty) {
  KillOneCountyThenResume(dir_, List("killed_plain", kCodes), "out_killed_plain", "");
}

// Without mpirun: one process runs every county. --resume keeps an unchanged county, re-runs one
// whose input changed, and re-runs every county when a parameter changed.
TEST_F(Batch, ResumeKeepsOnlyUnchangedCountiesWithoutMpi) {
  fs::create_directories(dir_ / "in2");
  for (const char* c : {"320281", "320282"}) fs::copy_file(Input(c), dir_ / "in2" / (std::string(c) + ".gpkg"));
  const fs::path list = dir_ / "in2" / "list.csv";  // inputs relative to the list's folder
  std::ofstream(list) << "county_code,county_name,input,field_map,layer:river,schema\n"
                         "320281,甲,320281.gpkg,,,\n320282,乙,320282.gpkg,,320281.gpkg,\n";
  const std::string out = (dir_ / "out_plain").string();
  const std::string args = "batch " + list.string() + " -o " + out + " --as-of 2021-12-31 -q";
  ASSERT_EQ(Exec(args).code, 0);
  auto reused = [&] {
    std::map<std::string, std::string> m;
    for (const Row& r : Rows(out + "/province.gpkg", "run")) m[r.at("county_code")] = r.at("reused");
    return m;
  };
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "0"}, {"320282", "0"}}));
  const Outcome again = Exec(args);
  EXPECT_EQ(again.code, 1) << "an existing output is kept without --overwrite or --resume";
  EXPECT_NE(again.out.find("--resume"), std::string::npos) << again.out;
  ASSERT_EQ(Exec(args + " --resume").code, 0);
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "1"}, {"320282", "1"}}));
  // 320282's river comes from 320281's file: touching that file re-runs both
  const fs::path input = dir_ / "in2" / "320281.gpkg";
  fs::last_write_time(input, fs::last_write_time(input) + std::chrono::seconds(5));
  ASSERT_EQ(Exec(args + " --resume").code, 0);
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "0"}, {"320282", "0"}}));
  ASSERT_EQ(Exec(args + " --resume --min-unsupplied-ha 0.5").code, 0);
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "0"}, {"320282", "0"}}));
  ASSERT_EQ(Exec(args + " --resume --min-unsupplied-ha 0.5").code, 0);
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "1"}, {"320282", "1"}}));
  // asking for CSV copies changes the run too, and writes them
  ASSERT_EQ(Exec(args + " --resume --min-unsupplied-ha 0.5 --csv").code, 0);
  EXPECT_EQ(reused(), (std::map<std::string, std::string>{{"320281", "0"}, {"320282", "0"}}));
  EXPECT_TRUE(fs::exists(fs::path(out) / "320282_csv" / "towns.csv"));
}

TEST_F(Batch, ListRefusesWhatTheEngineCannotRead) {
  auto run = [&](const std::string& text) {
    std::ofstream(dir_ / "bad.csv") << text;
    return Exec("batch " + (dir_ / "bad.csv").string() + " -o " + (dir_ / "out_bad").string() + " --as-of 2021-12-31");
  };
  Outcome r = run("county_code,county_name,input,crs\n320281,甲,in/320281.gpkg,EPSG:4549\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("line 1: unknown column 'crs'"), std::string::npos) << r.out;
  r = run("county_code,county_name,input,schema\n320281,甲,in/320281.gpkg,en\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("line 2, column 'schema': 'en' is not a schema"), std::string::npos) << r.out;
  r = run("county_code,county_name,input,layer:roads\n320281,甲,in/320281.gpkg,x.shp\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown column 'layer:roads'"), std::string::npos) << r.out;
  r = run("county_code,county_name,input\n320281,甲,in/320281.gpkg\n320281,乙,in/320282.gpkg\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("line 3: county 320281 listed twice"), std::string::npos) << r.out;
  r = run("county_name,input\n甲,in/320281.gpkg\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("no column 'county_code'"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "out_bad" / "province.gpkg"));
}

// A TOML list ([[county]] tables, [county.layers]) runs like the CSV list of the same counties, and
// breaks the same rules with the line of the county's table.
TEST_F(Batch, TomlListRunsLikeTheCsvList) {
  const fs::path toml = dir_ / "list.toml";
  std::ofstream(toml) << "[[county]]\ncounty_code = \"320281\"\ncounty_name = \"县1\"\ninput = \"in/320281.gpkg\"\n\n"
                         "[[county]]\ncounty_code = \"320282\"\ncounty_name = \"县2\"\ninput = \"in/320282.gpkg\"\n"
                         "[county.layers]\ntargets = \"in/320282.gpkg\"\n";
  const std::string tail = " --as-of 2021-12-31 --threads 1 -q";
  const Outcome t = Exec("batch " + toml.string() + " -o " + (dir_ / "out_toml").string() + tail);
  ASSERT_EQ(t.code, 0) << t.out;
  const Outcome c = Exec("batch " + List("as_csv", {"320281", "320282"}) + " -o " + (dir_ / "out_csv").string() + tail);
  ASSERT_EQ(c.code, 0) << c.out;
  auto figures = [](std::vector<Row> rows) {
    for (Row& r : rows) r.erase("seconds");
    return rows;
  };
  const auto counties = Rows((dir_ / "out_toml" / "province.gpkg").string(), "counties");
  EXPECT_EQ(counties.size(), 2u);
  EXPECT_EQ(figures(counties), figures(Rows((dir_ / "out_csv" / "province.gpkg").string(), "counties")));
  std::ofstream(toml) << "[[county]]\ncounty_code = \"320281\"\ncounty_name = \"县1\"\ninput = \"in/320281.gpkg\"\n\n"
                         "[[county]]\ncounty_code = 320282\n";
  Outcome bad = Exec("batch " + toml.string() + " -o " + (dir_ / "out_toml_bad").string() + tail);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("list.toml', line 7: 'county_code' must be text"), std::string::npos) << bad.out;
  std::ofstream(toml) << "[[county]]\ncounty_code = \"320281\"\ncounty_nam = \"县1\"\ninput = \"in/320281.gpkg\"\n";
  bad = Exec("batch " + toml.string() + " -o " + (dir_ / "out_toml_bad").string() + tail);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("line 1: unknown key 'county_nam'"), std::string::npos) << bad.out;
}

// --xlsx and --report: each county's ledger and report beside its GeoPackage, the ledger's sheets
// with the rows of the county's layers; asking for them later makes --resume write them.
TEST_F(Batch, LedgerAndReportOfEachCountyWhenAsked) {
  const std::string list = List("ledgers", {"320281", "320282"});
  const fs::path out = dir_ / "out_ledgers";
  const std::string args = "batch " + list + " -o " + out.string() + " --as-of 2021-12-31 --threads 1 -q";
  ASSERT_EQ(Exec(args).code, 0);
  EXPECT_FALSE(fs::exists(out / "320281.xlsx"));
  const Outcome r = Exec(args + " --resume --xlsx --report");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const std::string c : {"320281", "320282"}) {
    const char* const drivers[] = {"XLSX", nullptr};
    const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
    Ds gpkg = Open((out / (c + ".gpkg")).string());
    Ds book(static_cast<GDALDataset*>(GDALOpenEx((out / (c + ".xlsx")).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                 drivers, options, nullptr)));
    ASSERT_TRUE(gpkg && book) << c;
    OGRLayer* towns = book->GetLayerByName("乡镇排名");
    ASSERT_TRUE(towns) << c;
    // a title row naming the county of the list, the header row, a row per town
    EXPECT_EQ(towns->GetFeatureCount(), 2 + gpkg->GetLayerByName("towns")->GetFeatureCount()) << c;
    std::unique_ptr<OGRFeature> title(towns->GetNextFeature());
    EXPECT_EQ(std::string(title->GetFieldAsString(0)).rfind("县" + c.substr(5) + " · 乡镇排名", 0), 0u)
        << title->GetFieldAsString(0);
    std::ifstream html(out / (c + ".html"));
    const std::string page((std::istreambuf_iterator<char>(html)), {});
    EXPECT_NE(page.find("panhuo-data"), std::string::npos) << c;
  }
  for (const Row& row : Rows((out / "province.gpkg").string(), "run")) EXPECT_EQ(row.at("reused"), "0");
}

// Every process checks the list and the folder before the first county; none waits on another.
TEST_F(Batch, NoProcessStartsWhenTheOutputFolderCannotBeMade) {
  REQUIRE_MPIRUN();
  const Outcome r = Exec("batch " + List("nofolder", {"320281"}) + " -o " + Input("320281") + "/out --as-of 2021-12-31",
                         "timeout 60 env " + Mpirun());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("cannot create output folder"), std::string::npos) << r.out;
}

TEST_F(Batch, GeneratedCountiesShareNoIdOrTownCode) {
  std::set<std::string> approvals, towns;
  size_t n = 0;
  for (const char* c : {"320281", "320282"}) {
    for (const Row& r : Rows(Input(c), "approvals")) {
      EXPECT_EQ(r.at("approval_id").rfind(std::string(c) + "-PZ", 0), 0u) << r.at("approval_id");
      approvals.insert(r.at("approval_id"));
      ++n;
    }
    for (const Row& r : Rows(Input(c), "towns")) towns.insert(r.at("town_code"));
  }
  EXPECT_EQ(approvals.size(), n);
  EXPECT_EQ(towns.size(), 36u);
}

}  // namespace
