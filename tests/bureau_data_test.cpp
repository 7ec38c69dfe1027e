// Bureau data as it comes (docs/data.md, section 4), end to end: tests/make_bureau_county.sh
// turns the sample county into what a county land bureau hands over (a folder of GBK Shapefiles
// without .cpg, Chinese layer and field names cut to 10 bytes, EPSG:4528, dates and prices as
// text, code values in Chinese; a FileGDB, a GeoJSON in EPSG:4490, a spreadsheet and a CSV), and
// `panhuo scan --schema zh` of each must give the figures of the original, figure by figure.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cpl_string.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"

namespace panhuo::testing {
namespace {

namespace fs = std::filesystem;

// Per layer: rows and the sum of every numeric column; per town: every value.
struct Figures {
  std::map<std::string, int64_t> rows;
  std::map<std::string, double> sums;                          // "layer.column"
  std::map<std::string, std::map<std::string, std::string>> towns;  // town_code -> column -> text
  std::map<std::string, std::map<std::string, double>> town_numbers;
};

Figures Read(const std::string& path) {
  Figures f;
  Ds ds = Open(path);
  EXPECT_TRUE(ds) << path;
  if (!ds) return f;
  for (const char* name : {"towns", "unsupplied", "idle", "supply_status"}) {
    OGRLayer* l = ds->GetLayerByName(name);
    EXPECT_TRUE(l) << name;
    if (!l) continue;
    OGRFeatureDefn* defn = l->GetLayerDefn();
    for (auto& feat : *l) {
      ++f.rows[name];
      const std::string code = std::string(name) == "towns" ? feat->GetFieldAsString("town_code") : "";
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldType t = defn->GetFieldDefn(i)->GetType();
        const std::string col = defn->GetFieldDefn(i)->GetNameRef();
        const bool number = t == OFTReal || t == OFTInteger || t == OFTInteger64;
        if (number && feat->IsFieldSetAndNotNull(i)) f.sums[std::string(name) + "." + col] += feat->GetFieldAsDouble(i);
        if (code.empty()) continue;
        if (number) f.town_numbers[code][col] = feat->IsFieldSetAndNotNull(i) ? feat->GetFieldAsDouble(i) : NAN;
        else f.towns[code][col] = feat->GetFieldAsString(i);
      }
    }
  }
  return f;
}

bool Close(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

void ExpectSameFigures(const Figures& want, const Figures& got) {
  EXPECT_EQ(want.rows, got.rows);
  for (const auto& [key, v] : want.sums) {
    ASSERT_TRUE(got.sums.count(key)) << key;
    EXPECT_TRUE(Close(v, got.sums.at(key))) << key << ": " << v << " vs " << got.sums.at(key);
  }
  ASSERT_EQ(want.towns.size(), got.towns.size());
  for (const auto& [code, cols] : want.town_numbers)
    for (const auto& [col, v] : cols) {
      const double g = got.town_numbers.at(code).at(col);
      EXPECT_TRUE(Close(v, g)) << "towns " << code << "." << col << ": " << v << " vs " << g;
    }
  for (const auto& [code, cols] : want.towns) EXPECT_EQ(cols.at("town_name"), got.towns.at(code).at("town_name"));
}

std::string RunValue(const std::string& path, const char* column) {
  Ds ds = Open(path);
  if (!ds) return "";
  OGRLayer* l = ds->GetLayerByName("run");
  std::unique_ptr<OGRFeature> f(l ? l->GetNextFeature() : nullptr);
  return f ? f->GetFieldAsString(column) : "";
}

class BureauData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = (fs::path(::testing::TempDir()) / ("panhuo_bureau_" + std::to_string(::getpid()))).string();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string src = std::string(PANHUO_SOURCE_DIR);
    made_ = Shell("bash " + src + "/tests/make_bureau_county.sh " + src + "/datasets/sample_county.gpkg " + dir_ + "/in");
    base_ = Exec("scan " + src + "/datasets/sample_county.gpkg --as-of 2021-12-31 -q -o " + dir_ + "/base.gpkg");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override {
    if (Shell("command -v ogr2ogr").code != 0) GTEST_SKIP() << "ogr2ogr (gdal-bin) is not installed";
    ASSERT_EQ(made_.code, 0) << made_.out;
    ASSERT_EQ(base_.code, 0) << base_.out;
  }
  static std::string In(const std::string& name) { return dir_ + "/in/" + name; }
  // Scans `args` (input and options) into OUT.gpkg; its figures against the original's.
  static void ScanAndCompare(const std::string& args, const std::string& out) {
    const auto r = Exec("scan " + args + " --as-of 2021-12-31 -q -o " + dir_ + "/" + out);
    ASSERT_EQ(r.code, 0) << r.out;
    ExpectSameFigures(Read(dir_ + "/base.gpkg"), Read(dir_ + "/" + out));
  }
  static inline std::string dir_;
  static inline Outcome made_, base_;
};

TEST_F(BureauData, GbkShapefilesWithTheLanguageDriverByteGiveTheOriginalFigures) {
  ScanAndCompare(In("ldid") + " --schema zh --layer river=" + In("长江.geojson"), "ldid.gpkg");
  const std::string enc = RunValue(dir_ + "/ldid.gpkg", "encodings");
  EXPECT_NE(enc.find("supplies=CP936 (ldid)"), std::string::npos) << enc;
  EXPECT_EQ(enc.find("river="), std::string::npos) << enc;  // GeoJSON: no Shapefile encoding
}

TEST_F(BureauData, GbkShapefilesWithoutCpgOrLanguageDriverAreReadAsGb18030) {
  ScanAndCompare(In("plain") + " --schema zh --layer river=" + In("长江.geojson"), "plain.gpkg");
  const std::string enc = RunValue(dir_ + "/plain.gpkg", "encodings");
  EXPECT_NE(enc.find("towns=GB18030 (content)"), std::string::npos) << enc;
  const Figures f = Read(dir_ + "/plain.gpkg");
  bool found = false;
  for (const auto& [code, cols] : f.towns) {
    EXPECT_TRUE(CPLIsUTF8(cols.at("town_name").c_str(), -1)) << code;
    found = found || cols.at("town_name") == "新桥镇";
  }
  EXPECT_TRUE(found);
}

TEST_F(BureauData, NamingTheEncodingOverridesWhatTheFileSays) {
  // read as Latin-1 the GBK field names are no Chinese names: nothing matches, and the message says so
  const auto r = Exec("check " + In("ldid") + " --schema zh --encoding ISO-8859-1 -q");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("missing required field 'town_code'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("read garbled"), std::string::npos) << r.out;
  const auto ok = Exec("check " + In("plain") + " --schema zh --encoding CP936 --layer river=" + In("长江.geojson"));
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("towns <- '行政区', text in CP936 (--encoding)"), std::string::npos) << ok.out;
}

TEST_F(BureauData, FileGdbWithASpreadsheetAndACsvGiveTheOriginalFigures) {
  ScanAndCompare(In("county.gdb") + " --schema zh --layer river=" + In("长江.geojson") + " --layer enterprises=" +
                     In("亩均评价.xlsx") + " --layer targets=" + In("目标任务.csv"),
                 "gdb.gpkg");
}

TEST_F(BureauData, ABatchListNamesTheSchemaAndEncodingPerCounty) {
  std::ofstream(dir_ + "/in/list.csv") << "county_code,county_name,input,layer:river,schema,encoding\n"
                                       << "320281,江阴市,plain,长江.geojson,zh,CP936\n";
  const auto r = Exec("batch " + In("list.csv") + " --as-of 2021-12-31 -q -o " + dir_ + "/batch");
  ASSERT_EQ(r.code, 0) << r.out;
  ExpectSameFigures(Read(dir_ + "/base.gpkg"), Read(dir_ + "/batch/320281.gpkg"));
  EXPECT_NE(RunValue(dir_ + "/batch/320281.gpkg", "encodings").find("supplies=CP936 (--encoding)"), std::string::npos);
}

TEST_F(BureauData, ChineseNamesWithoutTheSchemaFailWithWhatIsThereAndAHint) {
  const auto r = Exec("scan " + In("plain") + " --as-of 2021-12-31 -q -o " + dir_ + "/none.gpkg");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("the source has: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("行政区"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--schema zh"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--encoding"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ + "/none.gpkg"));
}

TEST_F(BureauData, CheckSaysWhereEachFieldCameFromAndWhatNothingReads) {
  const auto r = Exec("check " + In("county.gdb") + " --schema zh --layer river=" + In("长江.geojson") +
                      " --layer enterprises=" + In("亩均评价.xlsx") + " --layer targets=" + In("目标任务.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("supplies.supply_date"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<- 合同签订日期"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("enterprises.tax_wan"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<- 税收(元) (÷10000)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<- 目标任务(亩) (÷15)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unused: 序号"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace panhuo::testing
