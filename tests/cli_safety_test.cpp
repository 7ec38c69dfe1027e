// The CLI keeps its word: no output ever touches an input, one exit-code table for every command,
// GDAL's -f for the output driver, -q silent on stdout, --overwrite for every file written,
// a run layer in every output, warnings for what looks wrong, validated arguments, and writes
// that never leave a complete-looking file behind.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "sinks/ogr_util.hpp"
#include "panhuo/sinks/writer.hpp"

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;


struct Outcome {
  int code;
  std::string out, err;
};

// Runs `prefix panhuo args` through the shell; stdout and stderr apart.
Outcome Exec(const std::string& args, const std::string& prefix = "") {
  static int n = 0;
  const fs::path err = fs::path(::testing::TempDir()) / ("panhuo_safety_err_" + std::to_string(::getpid()) + "_" +
                                                         std::to_string(++n));
  const std::string cmd = prefix + Cli() + " " + args + " 2>" + err.string();
  Outcome r{0, "", ""};
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  while (size_t k = fread(buf, 1, sizeof buf, p)) r.out.append(buf, k);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
  std::ifstream e(err);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  fs::remove(err);
  return r;
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

struct DsCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, DsCloser>;
Ds Open(const std::string& path, bool update = false) {
  GDALAllRegister();
  return Ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
}

// The one row of an output's run layer, field -> text ("" when null or absent).
std::map<std::string, std::string> RunRow(const std::string& gpkg) {
  std::map<std::string, std::string> row;
  Ds ds = Open(gpkg);
  if (!ds) return row;
  OGRLayer* run = ds->GetLayerByName("run");
  if (!run) return row;
  run->ResetReading();
  std::unique_ptr<OGRFeature> f(run->GetNextFeature());
  if (!f) return row;
  for (int k = 0; k < f->GetFieldCount(); ++k)
    row[f->GetFieldDefnRef(k)->GetNameRef()] = f->IsFieldSetAndNotNull(k) ? f->GetFieldAsString(k) : "";
  return row;
}

class CliSafety : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_safety_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    county_ = (dir_ / "county.gpkg").string();
    const Outcome g = Exec("generate --scale 0.02 --seed 5 -q -o " + county_);
    ASSERT_EQ(g.code, 0) << g.err;
    scenario_ = std::string(PANHUO_SOURCE_DIR) + "/datasets/scenarios/conservative.toml";
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string P(const std::string& name) { return (dir_ / name).string(); }

  // The command line of each command writing `out` from `in` (extra arguments appended).
  static std::map<std::string, std::string> Commands(const std::string& in, const std::string& out) {
    return {{"scan", "scan " + in + " --as-of 2021-12-31 -q -o " + out},
            {"compare", "compare " + in + " --from 2021-01-01 --to 2021-12-31 -q -o " + out},
            {"timeline", "timeline " + in + " --from 2021-11 --to 2021-12 -q -o " + out},
            {"scenario", "scenario " + in + " --scenario " + scenario_ + " --as-of 2021-12-31 -q -o " + out}};
  }
  static fs::path dir_;
  static std::string county_, scenario_;
};
fs::path CliSafety::dir_;
std::string CliSafety::county_, CliSafety::scenario_;

TEST_F(CliSafety, NoCommandWritesOverItsInputEvenWithOverwrite) {
  const std::string copy = P("input_copy.gpkg");
  fs::copy_file(county_, copy, fs::copy_options::overwrite_existing);
  const std::string before = Slurp(copy);
  fs::create_symlink(copy, P("link.gpkg"));
  fs::create_hard_link(copy, P("hard.gpkg"));
  const std::string relative = "./" + fs::relative(copy).string();
  for (const std::string& out : {copy, P("link.gpkg"), P("hard.gpkg"), relative})
    for (const auto& [name, cmd] : Commands(copy, out)) {
      const Outcome r = Exec(cmd + " --overwrite");
      EXPECT_EQ(r.code, 2) << name << " -o " << out << ": " << r.err;
      EXPECT_NE(r.err.find("would overwrite the input"), std::string::npos) << r.err;
    }
  // an output over a layer's own source, and CSV files over an input
  fs::copy_file(county_, P("supplies_src.gpkg"), fs::copy_options::overwrite_existing);
  Outcome r = Exec("scan " + copy + " --layer supplies=" + P("supplies_src.gpkg") + " --as-of 2021-12-31 -q --overwrite -o " +
               P("supplies_src.gpkg"));
  EXPECT_EQ(r.code, 2) << r.err;
  fs::copy_file(county_, P("timeline.csv"), fs::copy_options::overwrite_existing);
  r = Exec("timeline " + P("timeline.csv") + " --layer towns=" + copy + " --from 2021-11 --to 2021-12 -q --overwrite --csv " +
           P("timeline.csv"));
  EXPECT_EQ(r.code, 2) << r.err;
  // an input folder (of Shapefiles, say): nothing is written into it; checked before reading it
  fs::create_directories(P("folder_in"));
  r = Exec("scan " + P("folder_in") + " --as-of 2021-12-31 -q -o " + P("folder_in/out.gpkg"));
  EXPECT_EQ(r.code, 2) << r.err;
  r = Exec("scan " + P("folder_in") + " --as-of 2021-12-31 -q -o " + P("elsewhere.gpkg") + " --csv " + P("folder_in"));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(fs::is_empty(P("folder_in")));
  EXPECT_EQ(Slurp(copy), before);
  EXPECT_TRUE(fs::is_symlink(P("link.gpkg")));
}

TEST_F(CliSafety, ExitCodesFollowOneTable) {
  const std::string missing = P("missing.gpkg");
  for (const auto& [name, cmd] : Commands(county_, P("ok_" + std::string("x") + ".gpkg"))) {
    const std::string out = P("ok_" + name + ".gpkg");
    const std::string line = Commands(county_, out).at(name);
    EXPECT_EQ(Exec(line).code, 0) << name;
    EXPECT_EQ(Exec(line).code, 1) << name << ": the output exists, no --overwrite";
    EXPECT_EQ(Exec(Commands(missing, P("m.gpkg")).at(name)).code, 1) << name << ": missing input";
    EXPECT_EQ(Exec(line + " --no-such-option").code, 2) << name;
    EXPECT_EQ(Exec(name + " " + county_).code, 2) << name << ": required options missing";
    const Outcome help = Exec(name + " --help");
    EXPECT_EQ(help.code, 0) << name;
    EXPECT_NE(help.out.find("Exit codes: 0 done; 1 input or output failure"), std::string::npos) << name;
    EXPECT_NE(help.out.find("3 completed with undetermined features"), std::string::npos) << name;
  }
  EXPECT_EQ(Exec("check " + county_ + " -q").code, 0);
  EXPECT_EQ(Exec("check " + missing).code, 1);
  EXPECT_EQ(Exec("check " + county_ + " --summary xml").code, 2);
  EXPECT_EQ(Exec("generate --scale 0.001 -q -o " + P("gen.gpkg")).code, 0);
  EXPECT_EQ(Exec("generate --scale 0.001 -q -o " + P("gen.gpkg")).code, 1);
  EXPECT_EQ(Exec("generate --scale 0 -q -o " + P("gen2.gpkg")).code, 2);
  EXPECT_EQ(Exec("").code, 2);
  EXPECT_EQ(Exec("--help").code, 0);
  EXPECT_EQ(Exec("--version").code, 0);
  // arguments are checked before the input is read: the input does not even exist here
  std::ofstream(P("bad.toml")) << "no_such_key = 1\n";
  EXPECT_EQ(Exec("compare " + missing + " --from 2021-12-31 --to 2021-01-01 -o " + P("c.gpkg")).code, 2);
  EXPECT_EQ(Exec("scan " + missing + " --as-of 2021-12-31 --config " + P("bad.toml") + " -o " + P("c.gpkg")).code, 2);
  EXPECT_EQ(Exec("timeline " + missing + " --from 2021-12 --to 2021-01").code, 2);
  EXPECT_EQ(Exec("scan " + missing + " --layer nolayer=x.gpkg --as-of 2021-12-31 -o " + P("c.gpkg")).code, 2);
  EXPECT_EQ(Exec("scan " + missing + " --crs EPSG:999999 --as-of 2021-12-31 -o " + P("c.gpkg")).code, 2);
  std::ofstream(P("bad_map.json")) << "{\"supplies\": {\"layer\": \"GDXX\"";
  EXPECT_EQ(Exec("scan " + missing + " --field-map " + P("bad_map.json") + " --as-of 2021-12-31 -o " + P("c.gpkg")).code, 2);
}

TEST_F(CliSafety, FormatNamesTheOutputDriverAndSummaryTheReport) {
  Outcome r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + P("out.shp"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("ESRI Shapefile"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(P("out.shp")));
  EXPECT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q -f GPKG -o " + P("out.shp")).code, 2);
  EXPECT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q -f \"ESRI Shapefile\" -o " + P("f.gpkg")).code, 2);
  EXPECT_EQ(Exec("generate --scale 0.001 -q -o " + P("gen.csv")).code, 2);
  r = Exec("scan " + county_ + " --as-of 2021-12-31 -f GPKG --summary json -o " + P("f.gpkg"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"approvals_listed\""), std::string::npos);
  ASSERT_TRUE(Open(P("f.gpkg")));
  EXPECT_STREQ(Open(P("f.gpkg"))->GetDriver()->GetDescription(), "GPKG");
}

TEST_F(CliSafety, QuietMeansNothingOnStdoutForEveryCommand) {
  for (const auto& [name, cmd] : Commands(county_, P("q.gpkg"))) {
    const Outcome r = Exec(cmd + " --overwrite");
    EXPECT_EQ(r.code, 0) << name << ": " << r.err;
    EXPECT_EQ(r.out, "") << name;
  }
  EXPECT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q --summary json --overwrite -o " + P("q.gpkg")).out, "");
  EXPECT_EQ(Exec("scenario " + county_ + " --scenario " + scenario_ +
                 " --as-of 2021-12-31 -q --summary json --overwrite -o " + P("q.gpkg")).out, "");
  EXPECT_EQ(Exec("timeline " + county_ + " --from 2021-11 --to 2021-12 -q").out, "");
  EXPECT_EQ(Exec("check " + county_ + " -q --summary json").out, "");
  EXPECT_EQ(Exec("generate --scale 0.001 -q --overwrite -o " + P("gen.gpkg")).out, "");
  // without -q they do print
  EXPECT_NE(Exec("timeline " + county_ + " --from 2021-11 --to 2021-12").out.find("2021-12-31"), std::string::npos);
}

TEST_F(CliSafety, EveryFileWrittenRespectsOverwrite) {
  fs::create_directories(P("csvdir"));
  std::ofstream(P("csvdir/towns.csv")) << "mine\n";
  Outcome r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + P("ow.gpkg") + " --csv " + P("csvdir"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("towns.csv' exists; use --overwrite"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(P("csvdir/towns.csv")), "mine\n");
  EXPECT_FALSE(fs::exists(P("ow.gpkg")));
  std::ofstream(P("tl.csv")) << "mine\n";
  r = Exec("timeline " + county_ + " --from 2021-11 --to 2021-12 -q --csv " + P("tl.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(Slurp(P("tl.csv")), "mine\n");
  fs::create_directories(P("cmpcsv"));
  std::ofstream(P("cmpcsv/newly_idle.csv")) << "mine\n";
  EXPECT_EQ(Exec("compare " + county_ + " --from 2021-01-01 --to 2021-12-31 -q -o " + P("cmp.gpkg") + " --csv " +
                 P("cmpcsv")).code, 1);
  EXPECT_EQ(Slurp(P("cmpcsv/newly_idle.csv")), "mine\n");
  // with --overwrite all are replaced
  EXPECT_EQ(Exec("timeline " + county_ + " --from 2021-11 --to 2021-12 -q --overwrite --csv " + P("tl.csv")).code, 0);
  EXPECT_NE(Slurp(P("tl.csv")).find("as_of"), std::string::npos);
  EXPECT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q --overwrite -o " + P("ow.gpkg") + " --csv " + P("csvdir")).code, 0);
  EXPECT_NE(Slurp(P("csvdir/towns.csv")).find("town_code"), std::string::npos);
}

TEST_F(CliSafety, CompareAndTimelineOutputsExplainThemselves) {
  ASSERT_EQ(Exec("compare " + county_ + " --from 2021-01-01 --to 2021-12-31 -q -o " + P("run_c.gpkg")).code, 0);
  ASSERT_EQ(Exec("timeline " + county_ + " --from 2021-11 --to 2021-12 -q -o " + P("run_t.gpkg")).code, 0);
  ASSERT_EQ(Exec("scenario " + county_ + " --scenario " + scenario_ + " --as-of 2021-12-31 -q -o " + P("run_s.gpkg")).code, 0);
  for (const std::string& out : {P("run_c.gpkg"), P("run_t.gpkg"), P("run_s.gpkg")}) {
    auto row = RunRow(out);
    ASSERT_FALSE(row.empty()) << out;
    EXPECT_EQ(row["engine_version"], PANHUO_VERSION);
    EXPECT_EQ(row["input"], county_);
    EXPECT_NE(row["parameters"].find("lapse_years=2"), std::string::npos) << row["parameters"];
    EXPECT_EQ(row["working_crs"], "EPSG:4549");
    for (const char* f : {"read_supplies", "used_supplies", "repaired_supplies", "rejected_supplies", "rejected_total"})
      EXPECT_TRUE(row.count(f)) << out << " " << f;
    EXPECT_EQ(std::stol(row["read_supplies"]), std::stol(row["used_supplies"]) + std::stol(row["rejected_supplies"]));
  }
  EXPECT_EQ(RunRow(P("run_c.gpkg"))["from"], "2021/01/01");
  EXPECT_EQ(RunRow(P("run_c.gpkg"))["to"], "2021/12/31");
  EXPECT_EQ(RunRow(P("run_t.gpkg"))["from"], "2021/11/30");
  EXPECT_EQ(RunRow(P("run_t.gpkg"))["to"], "2021/12/31");
  EXPECT_EQ(RunRow(P("run_s.gpkg"))["as_of"], "2021/12/31");
}

TEST_F(CliSafety, WarnsOfDatesPastTheDataAndToday) {
  Outcome r = Exec("scan " + county_ + " --as-of 2099-12-31 -q -o " + P("late.gpkg"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the date 2099-12-31 is after the newest date in the data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("warning: the date 2099-12-31 is after today"), std::string::npos) << r.err;
  EXPECT_NE(RunRow(P("late.gpkg"))["warnings"].find("after today"), std::string::npos);
  r = Exec("compare " + county_ + " --from 2021-01-01 --to 2099-12-31 -q -o " + P("late_c.gpkg"));
  EXPECT_NE(r.err.find("after today"), std::string::npos) << r.err;
  EXPECT_NE(RunRow(P("late_c.gpkg"))["warnings"].find("after today"), std::string::npos);
  r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + P("ontime.gpkg"));
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_EQ(RunRow(P("ontime.gpkg"))["warnings"], "");
}

// A towns layer without two towns leaves their approvals and supplies in no town.
TEST_F(CliSafety, WarnsOfFeaturesOutsideEveryTownAndOfHeavyRejects) {
  const std::string towns = P("few_towns.gpkg");
  {
    Ds src = Open(county_);
    ASSERT_TRUE(src);
    const char* argv[] = {"-where", "town_code NOT IN ('320281001', '320281002')", "towns", nullptr};
    GDALVectorTranslateOptions* opt = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
    GDALDatasetH h = GDALDatasetH(src.get());
    GDALDatasetH out = GDALVectorTranslate(towns.c_str(), nullptr, 1, &h, opt, nullptr);
    GDALVectorTranslateOptionsFree(opt);
    ASSERT_TRUE(out);
    GDALClose(out);
  }
  Outcome r = Exec("scan " + county_ + " --layer towns=" + towns + " --as-of 2021-12-31 -q -o " + P("outside.gpkg"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("lie outside every town"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" ha)"), std::string::npos) << r.err;
  EXPECT_NE(RunRow(P("outside.gpkg"))["warnings"].find("outside every town"), std::string::npos);

  // a fifth of the approvals with an absurd date
  const std::string rejects = P("rejects.gpkg");
  fs::copy_file(county_, rejects, fs::copy_options::overwrite_existing);
  {
    Ds ds = Open(rejects, true);
    ASSERT_TRUE(ds);
    ds->ExecuteSQL("UPDATE approvals SET approval_date = '1800-01-01' WHERE fid % 5 = 0", nullptr, "SQLITE");
  }
  r = Exec("scan " + rejects + " --as-of 2021-12-31 -q -o " + P("rejects_out.gpkg"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: layer approvals lost"), std::string::npos) << r.err;
  EXPECT_NE(RunRow(P("rejects_out.gpkg"))["warnings"].find("layer approvals lost"), std::string::npos);
}

// Rural plots as a Shapefile without a .prj: --crs EPSG:4326 puts metres into degrees.
TEST_F(CliSafety, CrsThatFailsForEveryFeatureIsAnError) {
  const std::string shp = P("plots_shp");
  {
    Ds src = Open(county_);
    const char* argv[] = {"-f", "ESRI Shapefile", "rural_plots", nullptr};
    GDALVectorTranslateOptions* opt = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
    GDALDatasetH h = GDALDatasetH(src.get());
    GDALDatasetH out = GDALVectorTranslate(shp.c_str(), nullptr, 1, &h, opt, nullptr);
    GDALVectorTranslateOptionsFree(opt);
    ASSERT_TRUE(out);
    GDALClose(out);
  }
  fs::remove(fs::path(shp) / "rural_plots.prj");
  const std::string layer = " --layer rural_plots=" + (fs::path(shp) / "rural_plots.shp").string();
  Outcome r = Exec("scan " + county_ + layer + " --crs EPSG:4326 --as-of 2021-12-31 -q -o " + P("crs.gpkg"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("--crs EPSG:4326: every feature of layer 'rural_plots'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(P("crs.gpkg")));
  EXPECT_EQ(Exec("scan " + county_ + layer + " --crs EPSG:4549 --as-of 2021-12-31 -q -o " + P("crs.gpkg")).code, 0);
  // batch refuses what scan refuses, with the same words, and runs what scan runs
  const std::string list = P("crs_list.csv");
  std::ofstream(list) << "county_code,county_name,input,layer:rural_plots\n320281,江阴市," << county_ << ","
                      << (fs::path(shp) / "rural_plots.shp").string() << "\n";
  r = Exec("batch " + list + " --crs EPSG:4326 --as-of 2021-12-31 -q -o " + P("crs_batch"));
  EXPECT_NE(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("--crs EPSG:4326: every feature of layer 'rural_plots'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(P("crs_batch/320281.gpkg")));
  r = Exec("batch " + list + " --crs EPSG:4549 --as-of 2021-12-31 -q --overwrite -o " + P("crs_batch"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(P("crs_batch/320281.gpkg")));
}

// batch writes the run layer scan writes for the same input and date, its warnings included (a
// date after the newest data and after today).
TEST_F(CliSafety, BatchAndScanWriteEqualRunLayers) {
  const std::string list = P("run_list.csv");
  std::ofstream(list) << "county_code,county_name,input\n320281,江阴市," << county_ << "\n";
  Outcome r = Exec("batch " + list + " --as-of 2099-06-30 -q -o " + P("run_batch"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = Exec("scan " + county_ + " --as-of 2099-06-30 -q -o " + P("run_scan.gpkg"));
  ASSERT_EQ(r.code, 0) << r.err;
  auto batch = RunRow(P("run_batch/320281.gpkg")), scan = RunRow(P("run_scan.gpkg"));
  ASSERT_FALSE(batch.empty());
  EXPECT_NE(scan["warnings"].find("after today"), std::string::npos) << scan["warnings"];
  for (const auto& [field, value] : scan) EXPECT_EQ(batch[field], value) << field;
  EXPECT_EQ(batch.size(), scan.size());
}

TEST_F(CliSafety, ArgumentsAreValidatedWithClearMessages) {
  Outcome r = Exec("generate --seed -1 --scale 0.001 -q -o " + P("seed.gpkg"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'-1' is not a whole number from 0 up"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(P("seed.gpkg")));
  r = Exec("scan " + county_ + " --as-of 2021-12-31 -q --threads -1 -o " + P("thr.gpkg"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("0 = all cores"), std::string::npos) << r.err;
  EXPECT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q --threads 0 -o " + P("thr.gpkg")).code, 0);
  r = Exec("scan " + county_ + " --as-of 2021-02-29 -q -o " + P("feb.gpkg"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'2021-02-29' is not a date"), std::string::npos) << r.err;
  for (const char* form : {"20211231", "2021/12/31", "2021.12.31", "2021年12月31日"}) {
    const std::string out = P(std::string("form_") + std::to_string(std::hash<std::string>{}(form)) + ".gpkg");
    r = Exec("scan " + county_ + " --as-of " + form + " -q -o " + out);
    EXPECT_EQ(r.code, 0) << form << ": " << r.err;
    EXPECT_EQ(RunRow(out)["as_of"], "2021/12/31") << form;
  }
  r = Exec("timeline " + county_ + " --from 2021-01-31 --to 2021-03 -q");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is a date, not a month"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("write 2021-01"), std::string::npos) << r.err;
  EXPECT_EQ(Exec("timeline " + county_ + " --from 2021年11月 --to 202112 -q").code, 0);
}

// The CLI checks the CSV files of a scan before it starts from ScanLayerNames(): every layer the
// scan writes must be there.
TEST_F(CliSafety, ScanLayerNamesListEveryLayerTheScanWrites) {
  const std::string out = P("layers.gpkg");
  ASSERT_EQ(Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + out).code, 0);
  Ds ds = Open(out);
  ASSERT_TRUE(ds);
  const auto& names = panhuo::ScanLayerNames();
  for (OGRLayer* l : ds->GetLayers())
    if (std::string(l->GetName()) != "layer_styles")  // QGIS's styles, not a layer of results (no CSV)
      EXPECT_NE(std::find(names.begin(), names.end(), l->GetName()), names.end()) << l->GetName();
}

TEST_F(CliSafety, StaleTemporaryOutputIsRemovedWithANote) {
  const std::string out = P("stale.gpkg");
  std::ofstream(panhuo::PartialOutputPath(out)) << "left by a killed run";
  std::ofstream(panhuo::PartialOutputPath(out) + "-journal") << "a hot journal of the killed run";
  const Outcome r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("note: removed '" + out + ".partial'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("note: removed '" + out + ".partial-journal'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out + ".partial"));
  EXPECT_FALSE(fs::exists(out + ".partial-journal"));
  EXPECT_FALSE(fs::exists(out + ".partial.gpkg"));
  EXPECT_TRUE(Open(out));
}

// What a killed write leaves (copied half-way through the write) does not open as a GeoPackage.
TEST_F(CliSafety, PartialOutputIsNoGeoPackageUntilComplete) {
  GDALAllRegister();
  const std::string out = P("atomic.gpkg"), snapshot = P("snapshot_of_partial");
  panhuo::Status s = panhuo::detail::WriteGpkgAtomically(out, [&](GDALDataset* ds) {
    OGRLayer* l = ds->CreateLayer("unsupplied", nullptr, wkbNone, nullptr);
    OGRFieldDefn f("x", OFTInteger);
    l->CreateField(&f);
    OGRFeature feat(l->GetLayerDefn());
    feat.SetField(0, 1);
    l->CreateFeature(&feat);
    ds->FlushCache();
    fs::copy_file(panhuo::PartialOutputPath(out), snapshot, fs::copy_options::overwrite_existing);
    return panhuo::Status::Error("killed here");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(panhuo::PartialOutputPath(out)));
  const char* gpkg_only[] = {"GPKG", nullptr};
  GDALDatasetH h = GDALOpenEx(snapshot.c_str(), GDAL_OF_VECTOR, gpkg_only, nullptr, nullptr);
  EXPECT_EQ(h, nullptr) << "the partial file opened as a GeoPackage";
  if (h) GDALClose(h);
  // a complete write is a GeoPackage under its name
  s = panhuo::detail::WriteGpkgAtomically(out, [](GDALDataset* ds) {
    return ds->CreateLayer("run", nullptr, wkbNone, nullptr) ? panhuo::Status() : panhuo::Status::Error("no layer");
  });
  ASSERT_TRUE(s.ok()) << s.message();
  h = GDALOpenEx(out.c_str(), GDAL_OF_VECTOR, gpkg_only, nullptr, nullptr);
  EXPECT_NE(h, nullptr);
  if (h) GDALClose(h);
}

// A file-size limit makes the CSV writes fail (as a full disk does): exit 1 and no CSV file.
TEST_F(CliSafety, FailedCsvWriteExitsOneAndLeavesNoCsv) {
  const std::string limit = "trap '' XFSZ; ulimit -f 2; ";  // 2 KiB a file
  Outcome r = Exec("timeline " + county_ + " --from 2021-01 --to 2021-12 -q --csv " + P("full.csv"), limit);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write '" + P("full.csv") + ".partial'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(P("full.csv")));
  EXPECT_FALSE(fs::exists(P("full.csv.partial")));
  // scan: one CSV file lands on a full device (/dev/full fails every write with ENOSPC)
  fs::create_directories(P("fullcsv"));
  fs::create_symlink("/dev/full", P("fullcsv/towns.csv.partial"));
  r = Exec("scan " + county_ + " --as-of 2021-12-31 -q -o " + P("full.gpkg") + " --csv " + P("fullcsv"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write '" + P("fullcsv/towns.csv.partial") + "': No space left on device"),
            std::string::npos) << r.err;
  for (const auto& e : fs::directory_iterator(P("fullcsv"))) ADD_FAILURE() << "left " << e.path();
}

}  // namespace
