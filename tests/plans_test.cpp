// Work plans (工作方案) and pace (季分析): the edges of the contract, with expected values worked
// out by hand from its definitions.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

// T1 (x 0..1000) and T2 (x 1000..2000); every plot 100 m × 100 m = 1 ha.
//  A1  approval 2019, nothing supplied: listed (1 ha)
//  A2  approval 2019, wholly supplied by S2: not listed
//  A3  approval 2019, nothing supplied: listed, no plan
//  S2  supply on A2, built 2020: in use
//  S4  supply 2019, agreed start 2019-06-01, nothing built: idle_unstarted from 2020-06-01
//  X   an approval (T2, listed) and a supply (T2, idle_unstarted) of the same id
CountyBuilder PlanCase() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2019-01-01", Rect(200, 0, 300, 100));
  b.Approval("A3", "2019-01-01", Rect(400, 0, 500, 100));
  b.Approval("X", "2019-01-01", Rect(1100, 0, 1200, 100));
  b.Supply("S2", "2019-06-01", "2019-12-01", Rect(200, 0, 300, 100));
  b.Built("B2", "2020-06-01", Rect(200, 0, 300, 100));
  b.Supply("S4", "2019-01-01", "2019-06-01", Rect(600, 0, 700, 100));
  b.Supply("X", "2019-01-01", "2019-06-01", Rect(1300, 0, 1400, 100));
  return b;
}

CountyBuilder WithPlans(CountyBuilder b) {
  b.Plan("A1", "2021-12-31", "招商", "规划科", "王");  // 0
  b.Plan("S4", "2021-12-30");                      // 1
  b.Plan("A2", "2021-06-30");                      // 2
  b.Plan("X", "2022-03-31");                       // 3
  b.Plan("NOPE", "2021-01-01");                    // 4
  b.Plan("S2", "2021-01-01");                      // 5
  return b;
}

ScanResult ScanAt(const County& c, const char* date) {
  ScanParams p;
  p.as_of = D(date);
  auto r = Scan(c, p);
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return std::move(*r);
}

const TownFinding& TownOf(const County& c, const ScanResult& r, const std::string& code) {
  for (const auto& t : r.towns)
    if (c.data().towns.code[t.town] == code) return t;
  throw std::runtime_error("no town " + code);
}

const ApprovalFinding& ApprovalOf(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.approvals)
    if (c.data().approvals.id[f.approval] == id) return f;
  throw std::runtime_error("no approval " + id);
}

const SupplyFinding& SupplyOf(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.supplies)
    if (c.data().supplies.id[f.supply] == id) return f;
  throw std::runtime_error("no supply " + id);
}

TEST(Plans, StatusAtTheYearEnd) {
  County c = WithPlans(PlanCase()).Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  ASSERT_TRUE(r.plans_present);
  ASSERT_EQ(r.plans.size(), 6u);
  const auto& p = r.plans;
  // A1: listed, due on T itself: open, 0 days left, its unsupplied area
  EXPECT_EQ(p[0].status, PlanStatus::kOpen);
  EXPECT_EQ(p[0].layer, 0);
  EXPECT_EQ(p[0].days_left, 0);
  ASSERT_TRUE(p[0].area_ha);
  EXPECT_NEAR(*p[0].area_ha, 1.0, 1e-9);
  EXPECT_EQ(p[0].town, 0);
  // S4: idle, due the day before T: overdue, −1
  EXPECT_EQ(p[1].status, PlanStatus::kOverdue);
  EXPECT_EQ(p[1].layer, 1);
  EXPECT_EQ(p[1].days_left, -1);
  ASSERT_TRUE(p[1].area_ha);
  EXPECT_NEAR(*p[1].area_ha, 1.0, 1e-9);
  // A2: wholly supplied, not listed: resolved; 2021-06-30 − 2021-12-31 = −184 days; no area
  EXPECT_EQ(p[2].status, PlanStatus::kResolved);
  EXPECT_EQ(p[2].layer, 0);
  EXPECT_EQ(p[2].days_left, -184);
  EXPECT_FALSE(p[2].area_ha);
  EXPECT_EQ(p[2].town, 0);
  EXPECT_LT(p[2].finding, 0);
  // X names an approval and a supply: a supply (idle, listed); 31 + 28 + 31 = 90 days left
  EXPECT_EQ(p[3].layer, 1);
  EXPECT_EQ(p[3].status, PlanStatus::kOpen);
  EXPECT_EQ(p[3].days_left, 90);
  EXPECT_EQ(p[3].town, 1);
  // an id naming nothing: unknown, no layer, no town, no days, no area
  EXPECT_EQ(p[4].status, PlanStatus::kUnknown);
  EXPECT_EQ(p[4].layer, -1);
  EXPECT_EQ(p[4].town, -1);
  EXPECT_FALSE(p[4].days_left);
  EXPECT_FALSE(p[4].area_ha);
  // S2 in use: resolved, 2021-01-01 − 2021-12-31 = −364
  EXPECT_EQ(p[5].status, PlanStatus::kResolved);
  EXPECT_EQ(p[5].days_left, -364);
  EXPECT_STREQ(ToString(PlanStatus::kOverdue), "overdue");
  EXPECT_STREQ(ToString(PlanStatus::kUnknown), "unknown");
}

TEST(Plans, DueOnTheAsOfDateIsOpen) {
  County c = WithPlans(PlanCase()).Make();
  const ScanResult r = ScanAt(c, "2021-12-30");
  EXPECT_EQ(r.plans[0].status, PlanStatus::kOpen);
  EXPECT_EQ(r.plans[0].days_left, 1);
  EXPECT_EQ(r.plans[1].status, PlanStatus::kOpen);  // due 2021-12-30, T = 2021-12-30
  EXPECT_EQ(r.plans[1].days_left, 0);
  EXPECT_EQ(TownOf(c, r, "T1").plans_overdue_n, 0);
}

TEST(Plans, PlanOfEachListedFeature) {
  County c = WithPlans(PlanCase()).Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  EXPECT_EQ(ApprovalOf(c, r, "A1").plan, 0);
  EXPECT_EQ(ApprovalOf(c, r, "A3").plan, -1);
  EXPECT_EQ(SupplyOf(c, r, "S4").plan, 1);
  // the plan of id X belongs to the supply X, not to the approval X
  EXPECT_EQ(SupplyOf(c, r, "X").plan, 3);
  EXPECT_EQ(ApprovalOf(c, r, "X").plan, -1);
}

TEST(Plans, TownFigures) {
  County c = WithPlans(PlanCase()).Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  const auto& t1 = TownOf(c, r, "T1");
  const auto& t2 = TownOf(c, r, "T2");
  EXPECT_EQ(t1.plans_overdue_n, 1);  // S4
  EXPECT_EQ(t1.no_plan_n, 1);        // A3 (A1 and S4 have plans)
  EXPECT_EQ(t2.plans_overdue_n, 0);
  EXPECT_EQ(t2.no_plan_n, 1);        // the approval X: the plan of X is the supply's
}

TEST(Plans, WithoutAPlansLayerTheFiguresAreNull) {
  County c = PlanCase().Absent("plans").Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  EXPECT_FALSE(r.plans_present);
  EXPECT_TRUE(r.plans.empty());
  for (const auto& t : r.towns) {
    EXPECT_FALSE(t.plans_overdue_n);
    EXPECT_FALSE(t.no_plan_n);
  }
  EXPECT_EQ(ApprovalOf(c, r, "A1").plan, -1);
}

TEST(Plans, AnEmptyPlansLayerCountsAsPresent) {
  County c = PlanCase().Make();  // present, no rows
  const ScanResult r = ScanAt(c, "2021-12-31");
  EXPECT_TRUE(r.plans_present);
  EXPECT_TRUE(r.plans.empty());
  const auto& t1 = TownOf(c, r, "T1");
  const auto& t2 = TownOf(c, r, "T2");
  EXPECT_EQ(t1.plans_overdue_n, 0);
  EXPECT_EQ(t1.no_plan_n, 3);  // A1, A3, S4
  EXPECT_EQ(t2.plans_overdue_n, 0);
  EXPECT_EQ(t2.no_plan_n, 2);  // approval X, supply X
}

TEST(Plans, AFeatureNotYetDatedAtTIsResolved) {
  CountyBuilder b = PlanCase();
  b.Approval("A9", "2022-01-10", Rect(800, 0, 900, 100));
  b.Plan("A9", "2022-06-30");
  County c = b.Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  ASSERT_EQ(r.plans.size(), 1u);
  EXPECT_EQ(r.plans[0].status, PlanStatus::kResolved);
  EXPECT_EQ(r.plans[0].layer, 0);
  EXPECT_EQ(r.plans[0].town, 0);
  EXPECT_EQ(r.plans[0].days_left, 181);  // 2022-06-30 − 2021-12-31: 31+28+31+30+31+30
}

struct GdalCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, GdalCloser>;

// The scan of `b` at 2021-12-31 written with a ledger into a fresh folder.
std::filesystem::path Written(const CountyBuilder& b, const std::string& tag) {
  namespace fs = std::filesystem;
  County c = b.Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  const fs::path dir = fs::temp_directory_path() / ("panhuo_plans_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  WriteOptions wo;
  wo.output = (dir / "out.gpkg").string();
  wo.xlsx = (dir / "ledger.xlsx").string();
  wo.input = "test";
  GDALAllRegister();
  const Status s = WriteScan(c, r, wo);
  EXPECT_TRUE(s.ok()) << s.message();
  return dir;
}

TEST(Plans, WrittenLayerFieldsAndLedgerSheet) {
  const auto dir = Written(WithPlans(PlanCase()), "written");
  Ds ds(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* l = ds->GetLayerByName("plan_status");
  ASSERT_TRUE(l);
  ASSERT_EQ(l->GetFeatureCount(), 6);
  std::map<std::string, std::unique_ptr<OGRFeature>> by_id;
  for (auto& f : *l) by_id[f->GetFieldAsString("feature_id")].reset(f->Clone());
  // open and overdue plans carry the listed geometry, resolved and unknown ones none
  for (const char* id : {"A1", "S4", "X"}) EXPECT_NE(by_id.at(id)->GetGeometryRef(), nullptr) << id;
  for (const char* id : {"A2", "NOPE", "S2"}) EXPECT_EQ(by_id.at(id)->GetGeometryRef(), nullptr) << id;
  EXPECT_STREQ(by_id.at("A1")->GetFieldAsString("status"), "open");
  EXPECT_STREQ(by_id.at("A1")->GetFieldAsString("measure"), "招商");
  EXPECT_STREQ(by_id.at("A1")->GetFieldAsString("town_code"), "T1");
  EXPECT_STREQ(by_id.at("S4")->GetFieldAsString("status"), "overdue");
  EXPECT_EQ(by_id.at("S4")->GetFieldAsInteger("days_left"), -1);
  EXPECT_STREQ(by_id.at("X")->GetFieldAsString("layer"), "supplies");
  EXPECT_STREQ(by_id.at("X")->GetFieldAsString("town_code"), "T2");
  const OGRFeature& unknown = *by_id.at("NOPE");
  for (const char* field : {"layer", "town_code", "days_left", "area_ha"})
    EXPECT_FALSE(unknown.IsFieldSetAndNotNull(unknown.GetFieldIndex(field))) << field;
  EXPECT_FALSE(by_id.at("A2")->IsFieldSetAndNotNull(by_id.at("A2")->GetFieldIndex("area_ha")));
  // the plan of each listed plot on its row; null without one
  std::map<std::string, std::string> measure, due;
  for (auto& f : *ds->GetLayerByName("unsupplied")) {
    const std::string id = f->GetFieldAsString("approval_id"), m = f->GetFieldAsString("measure");
    measure[id] = m;
    EXPECT_EQ(f->IsFieldSetAndNotNull(f->GetFieldIndex("due_date")),
              std::string(f->GetFieldAsString("approval_id")) == "A1");
  }
  EXPECT_EQ(measure.at("A1"), "招商");
  EXPECT_EQ(measure.at("A3"), "");
  for (auto& f : *ds->GetLayerByName("idle")) {
    const std::string id = f->GetFieldAsString("supply_id"), date = f->GetFieldAsString("due_date");
    due[id] = date;
  }
  EXPECT_EQ(due.at("S4"), "2021/12/30");
  EXPECT_EQ(due.at("X"), "2022/03/31");
  // town fields
  for (auto& f : *ds->GetLayerByName("towns")) {
    const std::string code = f->GetFieldAsString("town_code");
    EXPECT_EQ(f->GetFieldAsInteger("plans_overdue_n"), code == "T1" ? 1 : 0) << code;
    EXPECT_EQ(f->GetFieldAsInteger("no_plan_n"), 1) << code;
    EXPECT_EQ(f->GetFieldAsDouble("elapsed_share"), 1.0);
    EXPECT_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("pace")));  // no target
  }
  // the ledger's sheet, with the layer's own title of status (a title row above the header row)
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
  Ds xlsx(static_cast<GDALDataset*>(GDALOpenEx((dir / "ledger.xlsx").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                               drivers, options, nullptr)));
  ASSERT_TRUE(xlsx);
  auto header = [&](const char* name) {
    std::vector<std::string> cells;
    OGRLayer* l = xlsx->GetLayerByName(name);
    if (!l) return cells;
    l->ResetReading();
    std::unique_ptr<OGRFeature> title(l->GetNextFeature()), head(l->GetNextFeature());
    for (int i = 0; head && i < head->GetFieldCount(); ++i) cells.push_back(head->GetFieldAsString(i));
    return cells;
  };
  auto has = [](const std::vector<std::string>& cells, const char* title) {
    return std::find(cells.begin(), cells.end(), title) != cells.end();
  };
  OGRLayer* sheet = xlsx->GetLayerByName("工作方案进度");
  ASSERT_TRUE(sheet);
  EXPECT_EQ(sheet->GetFeatureCount(), 2 + 6);
  EXPECT_TRUE(has(header("工作方案进度"), "方案状态"));
  EXPECT_TRUE(has(header("工作方案进度"), "计划完成时间"));
  for (const char* title : {"处置措施", "责任单位", "挂钩领导", "计划完成时间"})
    EXPECT_TRUE(has(header("批而未供"), title)) << title;
  std::filesystem::remove_all(dir);
}

TEST(Plans, WithoutAPlansLayerPlanStatusIsWrittenEmpty) {
  const auto dir = Written(PlanCase().Absent("plans"), "absent");
  Ds ds(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* l = ds->GetLayerByName("plan_status");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->GetFeatureCount(), 0);
  for (auto& f : *ds->GetLayerByName("towns")) {
    EXPECT_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("plans_overdue_n")));
    EXPECT_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("no_plan_n")));
    EXPECT_TRUE(f->IsFieldSetAndNotNull(f->GetFieldIndex("elapsed_share")));
  }
  std::filesystem::remove_all(dir);
}

// T1 with a target; one approval of 2019 supplied in T's year: 1 ha digested.
CountyBuilder PaceCase(const char* supply_date, int year, double target) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Supply("S1", supply_date, "2022-06-01", Rect(0, 0, 100, 100));
  b.Target("T1", year, target);
  return b;
}

TEST(Pace, FirstOfJanuary) {
  County c = PaceCase("2021-01-01", 2021, 2.0).Make();
  const ScanResult r = ScanAt(c, "2021-01-01");
  const auto& t = TownOf(c, r, "T1");
  EXPECT_NEAR(t.revitalized_ha, 1.0, 1e-9);
  ASSERT_TRUE(t.completion);
  EXPECT_NEAR(*t.completion, 0.5, 1e-12);
  EXPECT_NEAR(t.elapsed_share, 1.0 / 365.0, 1e-15);
  ASSERT_TRUE(t.pace);
  EXPECT_NEAR(*t.pace, 182.5, 1e-9);
  EXPECT_NEAR(t.projected_ha, 365.0, 1e-9);
  // no target: no completion, no pace; the projection still stands
  const auto& t2 = TownOf(c, r, "T2");
  EXPECT_FALSE(t2.pace);
  EXPECT_NEAR(t2.elapsed_share, 1.0 / 365.0, 1e-15);
  EXPECT_EQ(t2.projected_ha, 0.0);
}

TEST(Pace, ThirtyFirstOfDecember) {
  County c = PaceCase("2021-01-01", 2021, 2.0).Make();
  const ScanResult r = ScanAt(c, "2021-12-31");
  const auto& t = TownOf(c, r, "T1");
  EXPECT_EQ(t.elapsed_share, 1.0);
  ASSERT_TRUE(t.pace);
  EXPECT_NEAR(*t.pace, 0.5, 1e-12);
  EXPECT_NEAR(t.projected_ha, 1.0, 1e-12);
}

TEST(Pace, TwentyNinthOfFebruaryInALeapYear) {
  County c = PaceCase("2020-02-01", 2020, 4.0).Make();
  const ScanResult r = ScanAt(c, "2020-02-29");
  const auto& t = TownOf(c, r, "T1");
  EXPECT_NEAR(t.elapsed_share, 60.0 / 366.0, 1e-15);  // 31 days of January + 29 of February
  ASSERT_TRUE(t.pace);
  EXPECT_NEAR(*t.pace, 0.25 * 366.0 / 60.0, 1e-12);   // 1.525
  EXPECT_NEAR(t.projected_ha, 366.0 / 60.0, 1e-12);   // 6.1
}

}  // namespace
}  // namespace panhuo
