// The Excel ledger (台账): one sheet per list with the rows of the GeoPackage under a title row and
// a header row, Chinese headers and code values (English on request), dates as dates, each area
// in ha followed by the same area in mu, and the print setup of a document handed out.
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <regex>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

namespace fs = std::filesystem;

struct Closer {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, Closer>;

// A county with an unsupplied approval, an idle parcel and a warning; written with a ledger.
fs::path WriteWithLedger(const std::string& lang) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Approval("A1", "2015-01-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2020-02-01", Rect(500, 500, 600, 600));  // lapses 2022-02-01: a warning at T + 90
  b.Supply("S1", "2016-01-01", "2016-06-01", Rect(200, 0, 300, 100));
  b.Target("T1", 2021, 5.0);
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  const fs::path dir = fs::temp_directory_path() / ("panhuo_ledger_" + lang + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  WriteOptions wo;
  wo.output = (dir / "out.gpkg").string();
  wo.xlsx = (dir / "ledger.xlsx").string();
  wo.lang = lang;
  wo.input = "test";
  wo.county = "江阴市";
  wo.issuer = "江阴市自然资源和规划局";
  GDALAllRegister();
  const Status s = WriteScan(c, *r, wo);
  EXPECT_TRUE(s.ok()) << s.message();
  return dir;
}

// Every row of a sheet as text cells, as a clerk sees them (row 1 the title, row 2 the header).
std::vector<std::vector<std::string>> Rows(const fs::path& xlsx, const std::string& sheet) {
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
  Ds ds(static_cast<GDALDataset*>(
      GDALOpenEx(xlsx.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
  std::vector<std::vector<std::string>> out;
  if (!ds) return out;
  OGRLayer* l = ds->GetLayerByName(sheet.c_str());
  if (!l) return out;
  for (auto& f : *l) {
    std::vector<std::string> cells;
    for (int i = 0; i < f->GetFieldCount(); ++i) cells.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
    out.push_back(cells);
  }
  return out;
}

int ColumnOf(const std::vector<std::vector<std::string>>& rows, const std::string& title) {
  for (size_t i = 0; rows.size() > 1 && i < rows[1].size(); ++i)
    if (rows[1][i] == title) return static_cast<int>(i);
  return -1;
}

// A file inside the workbook (its XML).
std::string Part(const fs::path& xlsx, const std::string& part) {
  const std::string path = "/vsizip/" + xlsx.string() + "/" + part;
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (!f) return "";
  std::string text;
  char buf[4096];
  while (size_t n = VSIFReadL(buf, 1, sizeof buf, f)) text.append(buf, n);
  VSIFCloseL(f);
  return text;
}

TEST(Ledger, EverySheetHasATitleRowAHeaderRowAndItsRows) {
  const fs::path dir = WriteWithLedger("zh");
  Ds gpkg(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(gpkg);
  const std::map<std::string, std::string> sheets = {{"towns", "乡镇排名"},     {"unsupplied", "批而未供"},
                                                     {"idle", "闲置土地"},      {"warnings", "预警"},
                                                     {"efficiency", "亩均效益"}, {"rejects", "剔除要素"}};
  for (const auto& [layer, sheet] : sheets) {
    const auto rows = Rows(dir / "ledger.xlsx", sheet);
    const GIntBig n = gpkg->GetLayerByName(layer.c_str())->GetFeatureCount();
    ASSERT_EQ(static_cast<GIntBig>(rows.size()), 2 + std::max<GIntBig>(n, 1)) << sheet;
    EXPECT_EQ(rows[0][0], "江阴市 · " + sheet + " · 截至2021年12月31日 · 编制单位：江阴市自然资源和规划局") << sheet;
    if (n == 0) EXPECT_EQ(rows[2][0], "无") << sheet << ": an empty list says so under its header";
  }
  const auto idle = Rows(dir / "ledger.xlsx", "闲置土地");
  ASSERT_EQ(idle.size(), 3u);
  const int ha = ColumnOf(idle, "宗地面积（公顷）"), mu = ColumnOf(idle, "宗地面积（亩）");
  ASSERT_GE(ha, 0);
  ASSERT_EQ(mu, ha + 1);
  EXPECT_NEAR(std::stod(idle[2][ha]), 1.0, 1e-9);
  EXPECT_NEAR(std::stod(idle[2][mu]), 15.0, 1e-9);
  EXPECT_EQ(idle[2][ColumnOf(idle, "电子监管号")], "S1");
  // the town's name beside its code; codes in Chinese
  const int code = ColumnOf(idle, "行政区代码");
  ASSERT_GE(code, 0);
  EXPECT_EQ(idle[1][code + 1], "行政区名称");
  EXPECT_EQ(idle[2][code + 1], "town T1");
  EXPECT_EQ(idle[2][ColumnOf(idle, "利用状态")], "闲置（未动工）");
  EXPECT_EQ(idle[2][ColumnOf(idle, "供地日期")], "2016/01/01");  // a date cell, read back by GDAL
  // the rank first in the town ranking
  const auto towns = Rows(dir / "ledger.xlsx", "乡镇排名");
  EXPECT_EQ(towns[1][0], "排名");
  EXPECT_EQ(towns[2][0], "1");
  EXPECT_EQ(Rows(dir / "ledger.xlsx", "预警")[2][ColumnOf(Rows(dir / "ledger.xlsx", "预警"), "类型")], "批准将失效");
  gpkg.reset();
  fs::remove_all(dir);
}

TEST(Ledger, ReadyToPrintFrozenFilteredAndFormatted) {
  const fs::path dir = WriteWithLedger("zh");
  const fs::path xlsx = dir / "ledger.xlsx";
  const std::string workbook = Part(xlsx, "xl/workbook.xml"), styles = Part(xlsx, "xl/styles.xml");
  ASSERT_FALSE(workbook.empty());
  // which sheet file is 闲置土地: sheets are numbered in workbook order
  const std::regex sheet_re("<sheet name=\"([^\"]+)\" sheetId=\"([0-9]+)\"");
  std::map<std::string, std::string> file_of;
  for (auto it = std::sregex_iterator(workbook.begin(), workbook.end(), sheet_re); it != std::sregex_iterator(); ++it)
    file_of[(*it)[1]] = "xl/worksheets/sheet" + std::string((*it)[2]) + ".xml";
  ASSERT_TRUE(file_of.count("闲置土地"));
  const std::string idle = Part(xlsx, file_of["闲置土地"]);
  EXPECT_NE(idle.find("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"), std::string::npos);
  EXPECT_NE(idle.find("<autoFilter ref=\"A2:"), std::string::npos);
  EXPECT_NE(idle.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(idle.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(idle.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(idle.find("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"), std::string::npos);
  EXPECT_NE(idle.find("<mergeCell ref=\"A1:"), std::string::npos);
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(workbook.find("'闲置土地'!$1:$2"), std::string::npos);
  for (const char* format : {"formatCode=\"yyyy-mm-dd\"", "formatCode=\"0.0%\"", "formatCode=\"#,##0.00\""})
    EXPECT_NE(styles.find(format), std::string::npos) << format;
  // the supply date of S1 is a number (an Excel date: 42370 is 2016-01-01), not text
  EXPECT_TRUE(std::regex_search(idle, std::regex("<c r=\"D3\" s=\"[0-9]+\"><v>42370</v></c>"))) << idle.substr(0, 3000);
  fs::remove_all(dir);
}

TEST(Ledger, EnglishHeadersAndCodesOnRequest) {
  const fs::path dir = WriteWithLedger("en");
  const auto idle = Rows(dir / "ledger.xlsx", "idle");
  ASSERT_EQ(idle.size(), 3u);
  EXPECT_GE(ColumnOf(idle, "parcel_ha"), 0);
  EXPECT_EQ(ColumnOf(idle, "parcel_mu"), ColumnOf(idle, "parcel_ha") + 1);
  EXPECT_EQ(idle[2][ColumnOf(idle, "status")], "idle_unstarted");
  EXPECT_EQ(idle[0][0], "江阴市 · idle · as of 2021-12-31 · issued by 江阴市自然资源和规划局");
  EXPECT_FALSE(fs::exists(dir / "ledger.partial.xlsx"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace panhuo
