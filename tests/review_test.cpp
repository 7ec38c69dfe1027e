// The reviews (季度分析, 半年小结, 全年考核): the period forms, the towns' pace over a period, the
// plans due in it and the hard plots, with expected values worked out by hand; and the command
// on the sample county.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "cli_support.hpp"
#include "ledger_support.hpp"
#include "panhuo/tables/output_schema.hpp"
#include "panhuo/tables/review_tables.hpp"
#include "panhuo/scan/review.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

TEST(ReviewPeriod, ParsesEveryForm) {
  struct Case {
    const char* text;
    const char* start;
    const char* end;
    const char* label;
  };
  const Case cases[] = {
      {"2021-Q3", "2021-07-01", "2021-09-30", "2021年第三季度"}, {"2021q4", "2021-10-01", "2021-12-31", "2021年第四季度"},
      {"2021 Q1", "2021-01-01", "2021-03-31", "2021年第一季度"}, {"2021-H1", "2021-01-01", "2021-06-30", "2021年上半年"},
      {"2021H2", "2021-07-01", "2021-12-31", "2021年下半年"},    {"2021", "2021-01-01", "2021-12-31", "2021年度"},
      {"2021年第三季度", "2021-07-01", "2021-09-30", "2021年第三季度"},
      {"2021年第3季度", "2021-07-01", "2021-09-30", "2021年第三季度"},
      {"2021年二季度", "2021-04-01", "2021-06-30", "2021年第二季度"},
      {"2021年上半年", "2021-01-01", "2021-06-30", "2021年上半年"}, {"2021年下半年", "2021-07-01", "2021-12-31", "2021年下半年"},
      {"2021年", "2021-01-01", "2021-12-31", "2021年度"},        {"2021年度", "2021-01-01", "2021-12-31", "2021年度"},
      {"2024-Q1", "2024-01-01", "2024-03-31", "2024年第一季度"},  // a leap year's first quarter: 91 days
  };
  for (const auto& c : cases) {
    auto p = ParsePeriod(c.text);
    ASSERT_TRUE(p.ok()) << c.text << ": " << p.status().message();
    EXPECT_EQ(p->start, D(c.start)) << c.text;
    EXPECT_EQ(p->end, D(c.end)) << c.text;
    EXPECT_EQ(p->Label(), c.label) << c.text;
  }
  EXPECT_EQ(DaysBetween(ParsePeriod("2024-Q1")->start, ParsePeriod("2024-Q1")->end) + 1, 91);
  EXPECT_EQ(ParsePeriod("2021-Q3")->Label("en"), "2021 Q3");
  EXPECT_EQ(ParsePeriod("2021-H1")->DocumentName(), "半年小结");
  EXPECT_EQ(ParsePeriod("2021")->DocumentName(), "全年考核");
  EXPECT_EQ(ParsePeriod("2021-Q2")->DocumentName(), "季度分析");
}

TEST(ReviewPeriod, RefusesWhatIsNoPeriod) {
  for (const char* text : {"2021-Q5", "2021-Q0", "2021-H3", "21-Q1", "2021-07", "2021-09-30", "2021年第五季度",
                           "2021年中半年", "1800", "2101-Q1", "", "Q3-2021"}) {
    auto p = ParsePeriod(text);
    EXPECT_FALSE(p.ok()) << text;
    if (p.ok()) continue;
    EXPECT_NE(p.status().message().find(text), std::string::npos) << p.status().message();
    EXPECT_EQ(p.status().code(), Status::Code::kUsage) << text;  // the command line's exit code 2
  }
}

// T1 (target 4 ha) and T2 (target 1 ha) in 2021; every plot 100 m × 100 m = 1 ha but A4 (4 ha).
//  A1  2019, supplied by S1 on 2021-08-15 (in Q3): 1 ha digested in Q3     plan due 2021-09-30
//  A2  2019, supplied by S2 on 2021-11-10 (in Q4)
//  A3  2015, never supplied (T2): listed longest                           plan due 2021-07-01
//  A4  2020-06-01, 4 ha, never supplied (T2): the largest                  plan due 2021-12-15
//  A5  2019 (T2), supplied by S5 on 2021-03-01: 1 ha digested in Q1
//  A6  2019, never supplied                                                plan due 2021-05-01
//  S9  supplied 2018, agreed start 2018-06-01, nothing built: idle from 2019-06-01  plan due 2021-08-31
CountyBuilder ReviewCase() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Target("T1", 2021, 4.0);
  b.Target("T2", 2021, 1.0);
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Supply("S1", "2021-08-15", "2022-06-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2019-01-01", Rect(200, 0, 300, 100));
  b.Supply("S2", "2021-11-10", "2022-06-01", Rect(200, 0, 300, 100));
  b.Approval("A3", "2015-01-01", Rect(1100, 0, 1200, 100));
  b.Approval("A4", "2020-06-01", Rect(1300, 0, 1500, 200));
  b.Approval("A5", "2019-01-01", Rect(1600, 0, 1700, 100));
  b.Supply("S5", "2021-03-01", "2022-06-01", Rect(1600, 0, 1700, 100));
  b.Approval("A6", "2019-01-01", Rect(400, 0, 500, 100));
  b.Supply("S9", "2018-01-01", "2018-06-01", Rect(600, 0, 700, 100));
  b.Plan("A1", "2021-09-30");
  b.Plan("A3", "2021-07-01");
  b.Plan("A4", "2021-12-15");
  b.Plan("A6", "2021-05-01");
  b.Plan("S9", "2021-08-31");
  return b;
}

ReviewResult ReviewOf(const County& c, const char* period, int hard_n = 1) {
  auto p = ParsePeriod(period);
  if (!p.ok()) throw std::runtime_error(p.status().message());
  auto r = Review(c, ScanParams{}, *p, {hard_n});
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return std::move(*r);
}

const ReviewTown& TownOf(const County& c, const ReviewResult& r, const std::string& code) {
  for (const auto& t : r.towns)
    if (c.data().towns.code[t.town] == code) return t;
  throw std::runtime_error("no town " + code);
}

TEST(Review, PaceOverTheQuarter) {
  County c = ReviewCase().Make();
  const ReviewResult r = ReviewOf(c, "2021-Q3");
  EXPECT_EQ(r.eve, D("2021-06-30"));
  EXPECT_EQ(r.start.params.as_of, D("2021-06-30"));
  EXPECT_EQ(r.end.params.as_of, D("2021-09-30"));
  const double elapsed = 273.0 / 365.0;  // 1 January to 30 September, both included
  const ReviewTown& t1 = TownOf(c, r, "T1");
  ASSERT_TRUE(t1.start);
  EXPECT_NEAR(t1.start->revitalized_ha, 0.0, 1e-9);
  EXPECT_NEAR(t1.end.revitalized_ha, 1.0, 1e-9);
  EXPECT_NEAR(t1.revitalized_period_ha, 1.0, 1e-9);
  EXPECT_NEAR(t1.end.elapsed_share, elapsed, 1e-15);
  ASSERT_TRUE(t1.end.pace && t1.projected_completion && t1.behind);
  EXPECT_NEAR(*t1.end.pace, 0.25 / elapsed, 1e-12);
  EXPECT_NEAR(*t1.projected_completion, 0.25 / elapsed, 1e-12);  // projected_ha / target_ha
  EXPECT_TRUE(*t1.behind);
  // T2 digested its hectare in Q1: nothing in the period, ahead of its pace
  const ReviewTown& t2 = TownOf(c, r, "T2");
  EXPECT_NEAR(t2.start->revitalized_ha, 1.0, 1e-9);
  EXPECT_NEAR(t2.revitalized_period_ha, 0.0, 1e-9);
  ASSERT_TRUE(t2.behind);
  EXPECT_FALSE(*t2.behind);
  EXPECT_NEAR(*t2.end.pace, 1.0 / elapsed, 1e-12);
  // the unsupplied hectares fall by A1's hectare over the quarter
  EXPECT_NEAR(t1.start->unsupplied_ha - t1.end.unsupplied_ha, 1.0, 1e-9);
}

TEST(Review, APeriodFrom1JanuaryCountsTheYearFromZero) {
  County c = ReviewCase().Make();
  for (const char* period : {"2021", "2021-H1", "2021-Q1"}) {
    const ReviewResult r = ReviewOf(c, period);
    EXPECT_EQ(r.eve, D("2020-12-31")) << period;
    // the eve is last year's: its revitalized hectares are not subtracted
    EXPECT_NEAR(TownOf(c, r, "T2").revitalized_period_ha, 1.0, 1e-9) << period;
  }
  const ReviewResult year = ReviewOf(c, "2021");
  EXPECT_NEAR(TownOf(c, year, "T1").revitalized_period_ha, 2.0, 1e-9);  // A1 and A2
  EXPECT_EQ(TownOf(c, year, "T1").end.elapsed_share, 1.0);
  ASSERT_TRUE(TownOf(c, year, "T1").behind);
  EXPECT_TRUE(*TownOf(c, year, "T1").behind);  // 2 of 4 ha at the year's end
  // the second half starts after 1 January: the eve's hectares come off
  const ReviewResult h2 = ReviewOf(c, "2021-H2");
  EXPECT_NEAR(TownOf(c, h2, "T1").revitalized_period_ha, 2.0, 1e-9);
  EXPECT_NEAR(TownOf(c, h2, "T2").revitalized_period_ha, 0.0, 1e-9);
}

std::vector<std::string> PlanIds(const County& c, const ReviewResult& r) {
  std::vector<std::string> ids;
  for (uint32_t i : r.plans) ids.push_back(c.data().plans.feature_id[r.end.plans[i].plan]);
  return ids;
}

TEST(Review, PlansDueInThePeriodOrOverdueAtItsEnd) {
  County c = ReviewCase().Make();
  const ReviewResult r = ReviewOf(c, "2021-Q3");
  // by due date: A6 (overdue since May), A3 (due 1 July), S9 (31 August), A1 (due on the last day,
  // resolved by S1); A4 is due in December and still open
  EXPECT_EQ(PlanIds(c, r), (std::vector<std::string>{"A6", "A3", "S9", "A1"}));
  std::map<std::string, PlanStatus> status;
  for (uint32_t i : r.plans) status[c.data().plans.feature_id[r.end.plans[i].plan]] = r.end.plans[i].status;
  EXPECT_EQ(status["A6"], PlanStatus::kOverdue);
  EXPECT_EQ(status["A3"], PlanStatus::kOverdue);
  EXPECT_EQ(status["S9"], PlanStatus::kOverdue);
  EXPECT_EQ(status["A1"], PlanStatus::kResolved);
  EXPECT_EQ(TownOf(c, r, "T1").plans_due_n, 2);  // S9, A1 (A6 was due before the period)
  EXPECT_EQ(TownOf(c, r, "T2").plans_due_n, 1);  // A3
  // Q4: A4 comes due on 15 December and is overdue by 31 December; A1's plan was due in Q3
  const ReviewResult q4 = ReviewOf(c, "2021-Q4");
  EXPECT_EQ(PlanIds(c, q4), (std::vector<std::string>{"A6", "A3", "S9", "A4"}));
}

TEST(Review, HardPlotsLongestLargestAndOverdue) {
  County c = ReviewCase().Make();
  const ReviewResult r = ReviewOf(c, "2021-Q3", 1);
  std::vector<std::string> ids;
  for (const auto& h : r.hard)
    ids.push_back(h.idle ? c.data().supplies.id[r.end.supplies[h.finding].supply]
                         : c.data().approvals.id[r.end.approvals[h.finding].approval]);
  // A3: listed longest and plan overdue (two reasons) first; then by time listed: A6 (2019-01-01),
  // S9 (idle from 2019-06-01), A4 (2020-06-01, the largest)
  ASSERT_EQ(ids, (std::vector<std::string>{"A3", "A6", "S9", "A4"}));
  EXPECT_TRUE(r.hard[0].longest && r.hard[0].plan_overdue && !r.hard[0].largest);
  EXPECT_EQ(r.hard[0].listed_since, D("2015-01-01"));
  EXPECT_EQ(r.hard[0].listed_days, DaysBetween(D("2015-01-01"), D("2021-09-30")));
  EXPECT_TRUE(r.hard[2].idle);
  EXPECT_EQ(r.hard[2].listed_since, D("2019-06-01"));
  EXPECT_TRUE(r.hard[3].largest && !r.hard[3].plan_overdue);
  EXPECT_NEAR(r.hard[3].area_ha, 4.0, 1e-9);
  EXPECT_EQ(TownOf(c, r, "T2").hard_n, 2);
  // with none of the longest or the largest asked for, the overdue plans alone
  EXPECT_EQ(ReviewOf(c, "2021-Q3", 0).hard.size(), 3u);
}

TEST(Review, TablesAndSummary) {
  County c = ReviewCase().Make();
  const ReviewResult r = ReviewOf(c, "2021-Q3");
  ReviewChanges ch;
  ch.newly_supplied_n = 1;
  ch.newly_supplied_ha = 1.0;
  const auto tables = ReviewTables(c, r, ch, "zh");
  std::map<std::string, const Table*> by;
  for (const auto& t : tables) by[t.name] = &t;
  ASSERT_EQ(by.size(), 5u);
  EXPECT_EQ(by["review_towns"]->rows.size(), 2u);
  EXPECT_EQ(by["review_plans"]->rows.size(), 4u);
  EXPECT_EQ(by["hard_plots"]->rows.size(), 4u);
  EXPECT_EQ(by["hard_plots"]->geometry.size(), 4u);
  const std::string summary = std::get<std::string>(by["review"]->rows[0][4]);
  EXPECT_NE(summary.find("2021年第三季度"), std::string::npos) << summary;
  EXPECT_NE(summary.find("落后于时序进度的镇街有1个：town T1，"), std::string::npos) << summary;
  EXPECT_NE(summary.find("本期新增供地1宗、1.00公顷"), std::string::npos) << summary;
  EXPECT_NE(summary.find("本期到期工作方案3个，期末逾期未完成3个"), std::string::npos) << summary;
  EXPECT_NE(summary.find("列入重点难点地块4宗、7.00公顷"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("town T2"), std::string::npos) << "T2 keeps its pace: " << summary;
}

// ---- the command on the sample county ----

std::filesystem::path Scratch(const std::string& tag) {
  auto dir = std::filesystem::temp_directory_path() / ("panhuo_review_" + tag + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

int64_t Rows(GDALDataset* ds, const char* layer) {
  OGRLayer* l = ds->GetLayerByName(layer);
  return l ? l->GetFeatureCount() : -1;
}

TEST(ReviewCli, WritesTheGeoPackageLedgerAndReportOfTheQuarter) {
  const std::string sample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";
  const auto dir = Scratch("q4");
  const std::string q4 = (dir / "q4").string();
  auto run = testing::Exec("review " + sample + " --period 2021-Q4 -o " + q4 + ".gpkg --report " + q4 + ".html --xlsx " +
                           q4 + ".xlsx");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_NE(run.out.find("2021年第四季度 季度分析"), std::string::npos) << run.out;
  for (const std::string& line : {std::string("名次"), std::string("▼ 落后于时序进度")})
    EXPECT_NE(run.out.find(line), std::string::npos) << line;
  // the scan at the quarter's end and the compare of the quarter, written beside the review
  auto scan = testing::Exec("scan " + sample + " --as-of 2021-12-31 -q -o " + (dir / "scan.gpkg").string());
  ASSERT_EQ(scan.code, 0) << scan.out;
  auto cmp = testing::Exec("compare " + sample + " --from 2021-09-30 --to 2021-12-31 -q -o " + (dir / "cmp.gpkg").string());
  ASSERT_EQ(cmp.code, 0) << cmp.out;
  auto review = testing::Open(q4 + ".gpkg"), at_end = testing::Open((dir / "scan.gpkg").string()),
       changes = testing::Open((dir / "cmp.gpkg").string());
  ASSERT_TRUE(review && at_end && changes);
  for (const char* layer : {"towns", "unsupplied", "idle", "plan_status", "warnings"})
    EXPECT_EQ(Rows(review.get(), layer), Rows(at_end.get(), layer)) << layer;
  for (const char* layer : {"newly_supplied", "idle_resolved", "newly_idle", "newly_lapsed"})
    EXPECT_EQ(Rows(review.get(), layer), Rows(changes.get(), layer)) << layer;
  EXPECT_EQ(Rows(review.get(), "review_towns"), Rows(at_end.get(), "towns"));
  EXPECT_EQ(Rows(review.get(), "review"), 1);
  EXPECT_GT(Rows(review.get(), "review_plans"), 0);
  EXPECT_GT(Rows(review.get(), "hard_plots"), 0);
  // the review's towns carry the scan's completion
  std::map<std::string, double> completion;
  for (auto& f : *at_end->GetLayerByName("towns"))
    if (f->IsFieldSetAndNotNull(f->GetFieldIndex("completion")))
      completion[f->GetFieldAsString("town_code")] = f->GetFieldAsDouble("completion");
  ASSERT_FALSE(completion.empty());
  for (auto& f : *review->GetLayerByName("review_towns"))
    if (completion.count(f->GetFieldAsString("town_code")))
      EXPECT_EQ(f->GetFieldAsDouble("completion"), completion[f->GetFieldAsString("town_code")]);
  // the ledger opens with the review's sheets; the report is there
  auto ledger = testing::Open(q4 + ".xlsx");
  ASSERT_TRUE(ledger);
  EXPECT_STREQ(ledger->GetLayer(0)->GetName(), "通报摘要");
  for (const char* sheet : {"全县指标", "镇街进度", "到期工作方案", "重点难点地块", "新增供地", "乡镇排名"})
    EXPECT_NE(ledger->GetLayerByName(sheet), nullptr) << sheet;
  EXPECT_GT(std::filesystem::file_size(q4 + ".html"), 10000u);
  std::filesystem::remove_all(dir);
}

TEST(ReviewCli, ChineseFormsNameTheSamePeriodAndBadOnesAreUsageErrors) {
  const std::string sample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";
  const auto dir = Scratch("zh");
  auto a = testing::Exec("review " + sample + " --period 2021年上半年 -q -o " + (dir / "a.gpkg").string() + " --csv " +
                         (dir / "a").string() + " --csv-geometry none");
  ASSERT_EQ(a.code, 0) << a.out;
  auto b = testing::Exec("review " + sample + " --period 2021-H1 -q -o " + (dir / "b.gpkg").string() + " --csv " +
                         (dir / "b").string() + " --csv-geometry none");
  ASSERT_EQ(b.code, 0) << b.out;
  for (const char* file : {"review_towns.csv", "review_plans.csv", "hard_plots.csv", "review.csv", "review_county.csv"}) {
    auto x = testing::Shell("cmp " + (dir / "a" / file).string() + " " + (dir / "b" / file).string());
    EXPECT_EQ(x.code, 0) << file << ": " << x.out;
  }
  auto bad = testing::Exec("review " + sample + " --period 2021-Q5 -o " + (dir / "c.gpkg").string());
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("2021-Q5"), std::string::npos) << bad.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "c.gpkg"));
  std::filesystem::remove_all(dir);
}

// Every layer each command writes is a sheet of its ledger, and every field of every layer has a
// Chinese title (the GeoPackage's gpkg_data_columns, the ledger's header): none is left out.
TEST(ReviewCli, EveryLayerInTheLedgerAndEveryFieldTitled) {
  const std::string sample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";
  const auto dir = Scratch("every");
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"scan", "scan " + sample + " --as-of 2021-12-31"},
      {"review", "review " + sample + " --period 2021-H2"},
      {"timeline", "timeline " + sample + " --from 2021-11 --to 2021-12"},
      {"compare", "compare " + sample + " --from 2021-06-30 --to 2021-12-31"}};
  for (const auto& [name, args] : runs) {
    const std::string gpkg = (dir / (name + ".gpkg")).string(), xlsx = (dir / (name + ".xlsx")).string();
    auto run = testing::Exec(args + " -q -o " + gpkg + " --xlsx " + xlsx);
    ASSERT_EQ(run.code, 0) << name << ": " << run.out;
    auto ds = testing::Open(gpkg);
    ASSERT_TRUE(ds) << name;
    std::set<std::pair<std::string, std::string>> titled;
    OGRLayer* r = ds->ExecuteSQL("SELECT table_name, column_name FROM gpkg_data_columns WHERE title IS NOT NULL",
                                 nullptr, nullptr);
    ASSERT_TRUE(r) << name;
    for (auto& f : *r) titled.insert({f->GetFieldAsString(0), f->GetFieldAsString(1)});
    ds->ReleaseResultSet(r);
    size_t layers = 0;
    for (OGRLayer* l : ds->GetLayers()) {
      const std::string layer = l->GetName();
      if (layer == "layer_styles") continue;
      ++layers;
      // declared once in the output schema, with its fields as written
      const OutputLayer* declared = FindOutputLayer(layer);
      ASSERT_NE(declared, nullptr) << name << ": layer " << layer << " is not in the output schema";
      EXPECT_EQ(declared->geometry, l->GetGeomType() != wkbNone) << layer;
      if (!declared->fields.empty()) {
        OGRFeatureDefn* defn = l->GetLayerDefn();
        ASSERT_EQ(static_cast<size_t>(defn->GetFieldCount()), declared->fields.size()) << layer;
        for (size_t i = 0; i < declared->fields.size(); ++i) {
          const OGRFieldDefn* f = defn->GetFieldDefn(static_cast<int>(i));
          EXPECT_EQ(f->GetNameRef(), declared->fields[i].name) << layer << " field " << i;
          using T = OutputField::Type;
          const T t = declared->fields[i].type;
          const OGRFieldType want = t == T::kText ? OFTString : t == T::kInteger ? OFTInteger
                                    : t == T::kInteger64 ? OFTInteger64 : t == T::kReal ? OFTReal : OFTDate;
          EXPECT_EQ(f->GetType(), want) << layer << "." << f->GetNameRef();
        }
      }
      for (int i = 0; i < l->GetLayerDefn()->GetFieldCount(); ++i) {
        const std::string field = l->GetLayerDefn()->GetFieldDefn(i)->GetNameRef();
        EXPECT_TRUE(titled.count({layer, field})) << name << ": " << layer << "." << field << " has no title";
      }
    }
    std::vector<std::string> sheets;
    testing::ReadLedger(xlsx, &sheets);
    EXPECT_EQ(sheets.size(), layers) << name;
  }
  std::filesystem::remove_all(dir);
}

// What the documents say of themselves from the parameter file's [document] table; the command
// line's options win; an unknown key is a usage error naming the file.
TEST(ReviewCli, DocumentTableOfTheParameterFile) {
  const std::string sample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";
  const auto dir = Scratch("doc");
  const std::string config = (dir / "p.toml").string();
  std::ofstream(config) << "warn_days = 60\n[document]\ncounty_name = \"澄江县\"\nissuer = \"县自然资源局\"\n"
                           "doc_no = \"澄资〔2022〕3号\"\n";
  auto run = testing::Exec("review " + sample + " --period 2021-Q4 -q -o " + (dir / "a.gpkg").string() + " --xlsx " +
                           (dir / "a.xlsx").string() + " --report " + (dir / "a.html").string() + " --config " + config +
                           " --issuer 命令行单位");
  ASSERT_EQ(run.code, 0) << run.out;
  const auto sheet = testing::ReadLedgerSheet((dir / "a.xlsx").string(), "镇街进度");
  ASSERT_TRUE(sheet.found);
  EXPECT_EQ(sheet.title.rfind("澄江县 · 镇街进度 · ", 0), 0u) << sheet.title;
  EXPECT_NE(sheet.title.find("编制单位：命令行单位"), std::string::npos) << sheet.title;  // the option wins
  std::ifstream html(dir / "a.html");
  const std::string page((std::istreambuf_iterator<char>(html)), {});
  EXPECT_NE(page.find("澄资〔2022〕3号"), std::string::npos);
  std::ofstream(config) << "[document]\nissuer = 3\n";
  run = testing::Exec("review " + sample + " --period 2021-Q4 -q -o " + (dir / "b.gpkg").string() + " --config " + config);
  EXPECT_EQ(run.code, 2) << run.out;
  EXPECT_NE(run.out.find("p.toml:2: [document] key 'issuer' must be text"), std::string::npos) << run.out;
  std::ofstream(config) << "[document]\nissuing_unit = \"x\"\n";
  run = testing::Exec("review " + sample + " --period 2021-Q4 -q -o " + (dir / "b.gpkg").string() + " --config " + config);
  EXPECT_EQ(run.code, 2) << run.out;
  EXPECT_NE(run.out.find("unknown key 'issuing_unit'"), std::string::npos) << run.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "b.gpkg"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace panhuo
