// The HTML report: its payload (display geometry in WGS 84, every plot with its basis), a file
// that fetches nothing, and the page as headless Chromium draws, dumps and prints it (skipped
// with a message where Chromium is not installed; CI installs it).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli_support.hpp"
#include "sinks/report_data.hpp"
#include "panhuo/sinks/report.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;
using testing::Exec;
using testing::Shell;

const std::string kSample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path TempDir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("panhuo_report_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string Chromium() {
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(c)) return c;
  return "";
}

// Chromium with every name resolving nowhere and a proxy that refuses: any request fails and
// counts in the page's data-errors. Its own profile folder, so that runs may overlap; never more
// than two minutes.
std::string Headless(const fs::path& dir, const std::string& action, const fs::path& html) {
  return "timeout 120 " + Chromium() + " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" +
         " --hide-scrollbars --no-first-run" +
         " --user-data-dir=" + (dir / "profile").string() +
         " --host-resolver-rules=\"MAP * ~NOTFOUND\" --proxy-server=http://127.0.0.1:9" +
         " --proxy-bypass-list=\"<-loopback>\" --virtual-time-budget=15000 --window-size=1000,1400 " + action +
         " file://" + html.string();
}

std::string Attribute(const std::string& dom, const std::string& name) {
  std::smatch m;
  if (std::regex_search(dom, m, std::regex(name + "=\"([^\"]*)\""))) return m[1];
  return "";
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The pages as drawn (the <main> element), without the scripts that drew them.
std::string Shown(const std::string& dom) {
  const size_t from = dom.find("<main id=\"report\">"), to = dom.find("</main>");
  return from == std::string::npos || to == std::string::npos ? "" : dom.substr(from, to - from);
}

// Whether position `at` lies inside a /* ... */ comment.
bool InComment(const std::string& text, size_t at) {
  const size_t open = text.rfind("/*", at);
  if (open == std::string::npos) return false;
  const size_t close = text.find("*/", open);
  return close == std::string::npos || close > at;
}

TEST(ReportPayload, GeometryIsWgs84AndEveryPlotHasItsBasis) {
  testing::CountyBuilder b;
  OGRSpatialReference crs;
  crs.importFromEPSG(4549);
  char* wkt = nullptr;
  crs.exportToWkt(&wkt);
  b.d.working_crs_wkt = wkt;
  CPLFree(wkt);
  const double x0 = 500000, y0 = 3500000;
  b.Town("T1", testing::Rect(x0, y0, x0 + 1000, y0 + 1000));
  b.Approval("A1", "2015-01-01", testing::Rect(x0, y0, x0 + 100, y0 + 100));
  b.Supply("S1", "2016-01-01", "2016-06-01", testing::Rect(x0 + 200, y0, x0 + 300, y0 + 100));
  County c = b.Make();
  ScanParams p;
  p.as_of = testing::D("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  ReportOptions o;
  auto payload = detail::ReportPayload(c, *r, {}, o);
  ASSERT_TRUE(payload.ok()) << payload.status().message();
  const auto& j = *payload;
  ASSERT_EQ(j["towns"].size(), 1u);
  // the town's first vertex, decoded, is where OGR puts the rectangle's corner
  const auto& ring = j["geoms"][j["towns"][0]["g"].get<int>()][0][0];
  OGRSpatialReference wgs;
  wgs.importFromEPSG(4326);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&crs, &wgs));
  std::set<std::pair<long, long>> corners;
  for (double x : {x0, x0 + 1000})
    for (double y : {y0, y0 + 1000}) {
      double lx = x, ly = y;
      ASSERT_TRUE(ct->Transform(1, &lx, &ly));
      corners.insert({std::lround(ly * 1e6), std::lround(lx * 1e6)});
    }
  long lat = 0, lon = 0;
  std::set<std::pair<long, long>> seen;
  for (size_t k = 0; k + 1 < ring.size(); k += 2) {
    lat += ring[k].get<long>();
    lon += ring[k + 1].get<long>();
    seen.insert({lat, lon});
  }
  EXPECT_EQ(seen, corners);
  // the unsupplied approval and the idle parcel, each with the scan's basis line
  std::set<std::string> kinds;
  for (const auto& plot : j["plots"]) {
    kinds.insert(plot["k"].get<std::string>());
    if (plot["k"] != "dclass") {
      EXPECT_FALSE(plot["b"].get<std::string>().empty()) << plot.dump();
    }
  }
  EXPECT_TRUE(kinds.count("lapsed") || kinds.count("unsupplied"));
  EXPECT_TRUE(kinds.count("recover") || kinds.count("fee") || kinds.count("negotiate") || kinds.count("idle"));
  EXPECT_EQ(j["meta"]["as_of"], "2021-12-31");
}

TEST(ReportCli, MissingLibraryIsNamedAndNothingIsWritten) {
  const fs::path dir = TempDir("missing");
  const auto out = Exec("scan " + kSample + " --as-of 2021-12-31 -o " + (dir / "s.gpkg").string() + " --report " +
                            (dir / "r.html").string() + " -q",
                        "PANHUO_JS_DIR=" + (dir / "nothing").string() + " ");
  EXPECT_EQ(out.code, 1) << out.out;
  EXPECT_NE(out.out.find("leaflet/leaflet.min.js"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("libjs-leaflet"), std::string::npos) << out.out;
  EXPECT_FALSE(fs::exists(dir / "r.html"));
  EXPECT_FALSE(fs::exists(dir / "s.gpkg"));  // refused before the scan
  fs::remove_all(dir);
}

TEST(ReportCli, ReportMustBeHtmlAndTilesNeedAReport) {
  const fs::path dir = TempDir("args");
  const std::string base = "scan " + kSample + " --as-of 2021-12-31 -o " + (dir / "s.gpkg").string();
  EXPECT_EQ(Exec(base + " --report " + (dir / "r.pdf").string() + " -q").code, 2);
  EXPECT_EQ(Exec(base + " --tiles 'https://t.example/{z}/{x}/{y}.png' -q").code, 2);
  fs::remove_all(dir);
}

TEST(ReportCli, TilesTemplateIsTheOnlyAddressAdded) {
  const fs::path dir = TempDir("tiles");
  const std::string tiles = "https://tiles.example.cn/{z}/{x}/{y}.png";
  const auto plain = Exec("scan " + kSample + " --as-of 2021-12-31 -o " + (dir / "a.gpkg").string() + " --report " +
                          (dir / "a.html").string() + " -q");
  const auto with = Exec("scan " + kSample + " --as-of 2021-12-31 -o " + (dir / "b.gpkg").string() + " --report " +
                         (dir / "b.html").string() + " --tiles '" + tiles + "' -q");
  if (!CheckReportAssets().ok()) GTEST_SKIP() << CheckReportAssets().message();
  ASSERT_EQ(plain.code, 0) << plain.out;
  ASSERT_EQ(with.code, 0) << with.out;
  EXPECT_EQ(Count(Slurp(dir / "a.html"), "tiles.example.cn"), 0u);
  EXPECT_EQ(Count(Slurp(dir / "b.html"), "\"tiles\":\"" + tiles + "\""), 1u);
  fs::remove_all(dir);
}

TEST(ReportCli, ExistingReportIsKeptWithoutOverwrite) {
  const fs::path dir = TempDir("exists");
  const fs::path html = dir / "r.html";
  std::ofstream(html) << "kept";
  const auto out = Exec("scan " + kSample + " --as-of 2021-12-31 -o " + (dir / "s.gpkg").string() + " --report " +
                        html.string() + " -q");
  EXPECT_EQ(out.code, 1) << out.out;
  EXPECT_NE(out.out.find("--overwrite"), std::string::npos) << out.out;
  EXPECT_EQ(Slurp(html), "kept");
  fs::remove_all(dir);
}

// One scan of the sample county with a report, drawn by Chromium once for all the tests below.
class ReportPage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (Chromium().empty() || !CheckReportAssets().ok()) return;
    dir_ = TempDir("page");
    html_ = dir_ / "report.html";
    const auto scan = Exec("scan " + kSample + " --as-of 2021-12-31 -o " + (dir_ / "s.gpkg").string() + " --report " +
                           html_.string() + " -q");
    ASSERT_EQ(scan.code, 0) << scan.out;
    auto ds = testing::Open((dir_ / "s.gpkg").string());
    ASSERT_TRUE(ds);
    for (auto& f : *ds->GetLayerByName("towns")) towns_.push_back(f->GetFieldAsString("town_code"));
    dom_ = Shell(Headless(dir_, "--dump-dom", html_) + " 2>/dev/null").out;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  void SetUp() override {
    if (Chromium().empty()) GTEST_SKIP() << "chromium is not installed (Debian package chromium): the page is not drawn";
    if (Status s = CheckReportAssets(); !s.ok()) GTEST_SKIP() << s.message();
  }
  static inline fs::path dir_, html_;
  static inline std::vector<std::string> towns_;
  static inline std::string dom_;
};

TEST_F(ReportPage, FetchesNothing) {
  const std::string html = Slurp(html_);
  const std::regex url("https?://[^\"' )<>]*");
  int outside = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
    const std::string u = it->str();
    if (u == "http://www.w3.org/2000/svg") continue;  // an XML namespace, never fetched
    if (!InComment(html, static_cast<size_t>(it->position()))) {
      ++outside;
      ADD_FAILURE() << "address outside a licence comment: " << u;
    }
  }
  EXPECT_EQ(outside, 0);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("Leaflet"), std::string::npos);  // the notice is kept
  EXPECT_FALSE(fs::exists(html_.string() + ".partial"));
}

TEST_F(ReportPage, OpensWithoutErrorAndHasEveryTown) {
  ASSERT_FALSE(dom_.empty());
  EXPECT_EQ(Attribute(dom_, "data-ready"), "1");
  EXPECT_EQ(Attribute(dom_, "data-errors"), "0") << Attribute(dom_, "data-error-text");
  ASSERT_EQ(towns_.size(), 18u);
  // each town's page, and the pages its list goes on to
  EXPECT_GE(Count(dom_, "data-page=\"town\""), towns_.size());
  for (const auto& code : towns_) EXPECT_GE(Count(dom_, "data-town=\"" + code + "\""), 1u) << code;
  EXPECT_NE(Shown(dom_).find("乡镇排名"), std::string::npos);
  EXPECT_GE(Count(dom_, "leaflet-container"), towns_.size() + 1);  // the county's map and each town's
}

// The v3 lists: the enterprise groups' page (挂钩清单) with one row per group of the scan's
// `holders` layer, and the reserves, approvals unfit for supply and low-efficiency parcels in the
// town lists.
TEST_F(ReportPage, EnterpriseGroupsPageAndTheStockListsInTheTownLists) {
  ASSERT_FALSE(dom_.empty());
  const std::string shown = Shown(dom_);
  EXPECT_NE(shown.find("企业集团挂钩清单"), std::string::npos);
  auto ds = testing::Open((dir_ / "s.gpkg").string());
  ASSERT_TRUE(ds);
  const auto groups = ds->GetLayerByName("holders")->GetFeatureCount();
  ASSERT_GT(groups, 0);
  EXPECT_EQ(Count(shown, "class=\"ranking groups\""), 1u);
  std::unique_ptr<OGRFeature> first(ds->GetLayerByName("holders")->GetNextFeature());
  EXPECT_NE(shown.find(first->GetFieldAsString("group_name")), std::string::npos);
  for (const char* kind : {"收购储备未供", "不具备供地条件", "低效用地"}) EXPECT_NE(shown.find(kind), std::string::npos) << kind;
}

// The work plans: each listed plot's plan (measure, unit, leader, due date, 逾期 when past it) in
// the town lists, and a county list with one row per overdue plan of the scan's `plan_status`.
TEST_F(ReportPage, WorkPlansInTheTownListsAndTheOverduePlansListed) {
  ASSERT_FALSE(dom_.empty());
  const std::string shown = Shown(dom_);
  EXPECT_NE(shown.find("逾期未完成的工作方案"), std::string::npos);
  auto ds = testing::Open((dir_ / "s.gpkg").string());
  ASSERT_TRUE(ds);
  size_t overdue = 0;
  std::string a_due_date;
  for (auto& f : *ds->GetLayerByName("plan_status"))
    if (std::string(f->GetFieldAsString("status")) == "overdue") {
      ++overdue;
      int y, m, d, hh, mm, tz;
      float ss;
      f->GetFieldAsDateTime(f->GetFieldIndex("due_date"), &y, &m, &d, &hh, &mm, &ss, &tz);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      a_due_date = buf;
    }
  ASSERT_GT(overdue, 0u);
  const size_t table = dom_.find("class=\"ranking overdue-plans\"");
  ASSERT_NE(table, std::string::npos);
  const std::string rows = dom_.substr(table, dom_.find("</table>", table) - table);
  EXPECT_EQ(Count(rows, "<td class=\"n\">") / 2, overdue);  // the row number and the days overdue
  EXPECT_NE(rows.find(a_due_date), std::string::npos);
  EXPECT_NE(shown.find("计划完成时间 " + a_due_date + " <b class=\"below\">逾期</b>"), std::string::npos);
}

TEST_F(ReportPage, MapIsDrawn) {
  const fs::path png = dir_ / "shot.png";
  Shell(Headless(dir_, "--screenshot=" + png.string(), html_) + " 2>/dev/null");
  GDALAllRegister();
  std::unique_ptr<GDALDataset> img(GDALDataset::Open(png.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  ASSERT_TRUE(img) << "no screenshot";
  ASSERT_GE(img->GetRasterCount(), 3);
  // the county map: 718 x 600 px under the first page's heading, centred in the window; the
  // window looked at leaves out the layer switcher (top right) and the legend (bottom right)
  const int x0 = (img->GetRasterXSize() - 718) / 2 + 60, y0 = 120, w = 420, h = 440;
  ASSERT_GE(img->GetRasterYSize(), y0 + h);
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * 3);
  int bands[3] = {1, 2, 3};
  ASSERT_EQ(img->RasterIO(GF_Read, x0, y0, w, h, px.data(), w, h, GDT_Byte, 3, bands, 3, w * 3, 1, nullptr), CE_None);
  std::set<uint32_t> colours;
  for (size_t i = 0; i < px.size(); i += 3) colours.insert((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
  EXPECT_GT(colours.size(), 30u) << "the map area is nearly blank";
}

TEST_F(ReportPage, PrintsOnePagePerTownAfterTheCountyPages) {
  const fs::path pdf = dir_ / "report.pdf";
  Shell(Headless(dir_, "--no-pdf-header-footer --print-to-pdf=" + pdf.string(), html_) + " 2>/dev/null");
  const std::string bytes = Slurp(pdf);
  ASSERT_FALSE(bytes.empty()) << "no PDF";
  const std::regex page("/Type\\s*/Page[^s]");
  const auto pages = std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), page), std::sregex_iterator());
  // every section prints on one sheet: as many PDF pages as the report has sections, at least the
  // county's (map and totals; ranking; groups; plans past their date; D-class enterprises; notes)
  // and one a town
  EXPECT_EQ(std::to_string(pages), Attribute(dom_, "data-pages"));
  EXPECT_GE(static_cast<size_t>(pages), towns_.size() + 6);
}

TEST_F(ReportPage, TimelineInEnglishDrawsTheMonthlyCurves) {
  const fs::path html = dir_ / "timeline.html";
  const auto run = Exec("timeline " + kSample + " --from 2021-01 --to 2021-06 --report " + html.string() + " --lang en -q");
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string dom = Shell(Headless(dir_, "--dump-dom", html) + " 2>/dev/null").out;
  EXPECT_EQ(Attribute(dom, "data-ready"), "1");
  EXPECT_EQ(Attribute(dom, "data-errors"), "0") << Attribute(dom, "data-error-text");
  const std::string shown = Shown(dom);
  EXPECT_NE(shown.find("Town ranking"), std::string::npos);
  EXPECT_EQ(shown.find("乡镇排名"), std::string::npos);
  // one canvas per map (the county's and each town's), and the charts: efficiency classes, the
  // county's curves and one curve chart per town
  EXPECT_EQ(Count(shown, "<canvas"), (towns_.size() + 1) + (2 + towns_.size()));
  // this month against last: a row a town and the county's totals
  EXPECT_EQ(Count(shown, "class=\"ranking month-table\""), 1u);
  EXPECT_EQ(Count(shown, "<tr class=\"total\">"), 1u);
}

TEST_F(ReportPage, ScenariosSideBySide) {
  const fs::path html = dir_ / "scenario.html";
  const std::string sc = std::string(PANHUO_SOURCE_DIR) + "/datasets/scenarios/";
  const auto run = Exec("scenario " + kSample + " --scenario " + sc + "conservative.toml --scenario " + sc +
                        "ambitious.toml --as-of 2021-12-31 -o " + (dir_ / "sc.gpkg").string() + " --report " +
                        html.string() + " -q");
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string shown = Shown(Shell(Headless(dir_, "--dump-dom", html) + " 2>/dev/null").out);
  ASSERT_FALSE(shown.empty());
  EXPECT_EQ(Count(shown, "class=\"scenario-table\""), 1u);
  EXPECT_NE(shown.find("<th>conservative</th><th>ambitious</th>"), std::string::npos);
  EXPECT_NE(shown.find("挂钩指标（复垦减安置）"), std::string::npos);  // the figures by their Chinese names
  EXPECT_NE(shown.find("距岸线1000米内土地面积（不含水面）"), std::string::npos);
  EXPECT_EQ(shown.find(">quota_ha<"), std::string::npos);
  EXPECT_GE(Count(shown, "data-page=\"town\""), towns_.size());
}

// A report a bureau can issue: the county named from its town codes, no contract code in what a
// reader sees, mu beside hectares, every listed plot printed, the cause of an idle parcel not
// recorded shown as to be determined, no tool name or path in the page headers.
TEST_F(ReportPage, ABulletinTheBureauCanIssue) {
  ASSERT_FALSE(dom_.empty());
  const std::string shown = Shown(dom_);
  EXPECT_NE(shown.find("江阴市存量建设用地盘活情况通报"), std::string::npos);
  EXPECT_NE(shown.find("截至2021年12月31日，全市批而未供土地"), std::string::npos);  // the summary paragraph
  EXPECT_NE(shown.find("亩）"), std::string::npos);
  EXPECT_NE(shown.find("闲置原因待认定"), std::string::npos);
  // what a reader sees, the popups aside: no code of the contract
  for (const char* code : {"idle_unstarted", "idle_stalled", "in_use", ">recover<", ">fee<", ">negotiate<", " lapse<",
                           "no_enterprise", "d_class<"})
    EXPECT_EQ(shown.find(code), std::string::npos) << code;
  // the page headers name the county and the date, not the program or the input's path
  std::regex head("<header class=\"phead\">(.*?)</header>");
  size_t heads = 0;
  for (auto it = std::sregex_iterator(shown.begin(), shown.end(), head); it != std::sregex_iterator(); ++it, ++heads) {
    const std::string h = (*it)[1];
    EXPECT_NE(h.find("江阴市"), std::string::npos) << h;
    EXPECT_EQ(h.find("panhuo"), std::string::npos) << h;
    EXPECT_EQ(h.find(".gpkg"), std::string::npos) << h;
  }
  EXPECT_GT(heads, towns_.size());
  // every plot of the payload in a printed list, numbered on its town's map
  const std::string html = Slurp(html_);
  const size_t plots = Count(html, "\"k\":\"");
  EXPECT_GT(plots, 100u);
  EXPECT_EQ(Count(shown, "<td class=\"dates\">"), plots);
  EXPECT_EQ(Count(shown, "class=\"leaflet-marker-icon plot-no"), plots);
  EXPECT_EQ(Count(shown, "class=\"leaflet-marker-icon town-label"), towns_.size());
  EXPECT_EQ(Count(shown, "class=\"north"), towns_.size() + 1);
}

}  // namespace
}  // namespace panhuo
