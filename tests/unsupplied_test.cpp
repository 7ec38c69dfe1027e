#include <gtest/gtest.h>

#include "panhuo/scan/scan.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

ScanResult RunScan(const County& c, const char* as_of) {
  ScanParams p;
  p.as_of = D(as_of);
  auto r = Scan(c, p);
  EXPECT_TRUE(r.ok());
  return std::move(*r);
}

const ApprovalFinding* Find(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.approvals)
    if (c.data().approvals.id[f.approval] == id) return &f;
  return nullptr;
}

CountyBuilder Base() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  return b;
}

TEST(UnsuppliedScan, SupplyCoveringApprovalLeavesNothing) {
  auto b = Base();
  b.Approval("A", "2015-01-01", Rect(100, 100, 200, 200));
  b.Supply("S", "2015-06-01", "2015-12-01", Rect(50, 50, 250, 250));
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  const auto* f = Find(c, r, "A");
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->approved_ha, 1.0, 1e-12);
  EXPECT_NEAR(f->supplied_ha, 1.0, 1e-12);
  EXPECT_NEAR(f->unsupplied_ha, 0.0, 1e-12);
  EXPECT_FALSE(f->listed);
  EXPECT_FALSE(f->lapsed);
}

TEST(UnsuppliedScan, OverlappingSuppliesAreNotCountedTwice) {
  auto b = Base();
  b.Approval("A", "2015-01-01", Rect(0, 0, 100, 100));
  b.Supply("S1", "2016-01-01", "2016-06-01", Rect(0, 0, 60, 100));
  b.Supply("S2", "2016-02-01", "2016-06-01", Rect(40, 0, 80, 100));  // overlaps S1 on 40..60
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  const auto* f = Find(c, r, "A");
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->supplied_ha, 0.8, 1e-9);
  EXPECT_NEAR(f->unsupplied_ha, 0.2, 1e-9);
  EXPECT_TRUE(f->listed);
  EXPECT_NEAR(Area(f->remainder), 2000.0, 1e-6);
  EXPECT_NE(f->basis.find("已供0.8000公顷，未供0.2000公顷"), std::string::npos) << f->basis;
}

TEST(UnsuppliedScan, SuppliesAndApprovalsDatedAfterTDoNotExistYet) {
  auto b = Base();
  b.Approval("A", "2015-01-01", Rect(0, 0, 100, 100));
  b.Approval("LATE", "2022-01-01", Rect(200, 200, 300, 300));
  b.Supply("S", "2021-12-31", "2022-06-01", Rect(0, 0, 50, 100));
  b.Supply("S2", "2022-01-01", "2022-06-01", Rect(50, 0, 100, 100));
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  EXPECT_FALSE(Find(c, r, "LATE"));
  const auto* f = Find(c, r, "A");
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->unsupplied_ha, 0.5, 1e-9);
  auto r2 = RunScan(c, "2021-12-30");
  EXPECT_NEAR(Find(c, r2, "A")->unsupplied_ha, 1.0, 1e-9);
}

TEST(UnsuppliedScan, LapseFromLeapDayFallsOnFebruary28) {
  auto b = Base();
  b.Approval("A", "2016-02-29", Rect(0, 0, 100, 100));
  County c = b.Make();
  EXPECT_FALSE(Find(c, RunScan(c, "2018-02-27"), "A")->lapsed);
  EXPECT_TRUE(Find(c, RunScan(c, "2018-02-28"), "A")->lapsed);
}

TEST(UnsuppliedScan, SupplyOnTheLapseDateKeepsTheApprovalAlive) {
  auto b = Base();
  b.Approval("A", "2016-02-29", Rect(0, 0, 100, 100));
  b.Supply("S", "2018-02-28", "2018-06-01", Rect(0, 0, 10, 100));
  County c = b.Make();
  const ScanResult r = RunScan(c, "2020-01-01");  // kept alive: Find points into it
  const auto* f = Find(c, r, "A");
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->lapsed);
  EXPECT_TRUE(f->listed);
}

TEST(UnsuppliedScan, SupplyAfterTheLapseDateDoesNotPreventLapse) {
  auto b = Base();
  b.Approval("A", "2016-02-29", Rect(0, 0, 100, 100));
  b.Supply("S", "2018-03-01", "2018-06-01", Rect(0, 0, 10, 100));
  County c = b.Make();
  EXPECT_TRUE(Find(c, RunScan(c, "2020-01-01"), "A")->lapsed);
}

TEST(UnsuppliedScan, SupplyTouchingOnlyTheEdgeIsNoOverlap) {
  auto b = Base();
  b.Approval("A", "2015-01-01", Rect(0, 0, 100, 100));
  b.Supply("S", "2015-06-01", "2015-12-01", Rect(100, 0, 200, 100));
  County c = b.Make();
  const ScanResult r = RunScan(c, "2021-01-01");  // kept alive: Find points into it
  const auto* f = Find(c, r, "A");
  EXPECT_TRUE(f->lapsed);
  EXPECT_NEAR(f->unsupplied_ha, 1.0, 1e-9);
}

TEST(UnsuppliedScan, ListingThresholdIsInclusive) {
  auto b = Base();
  b.Approval("A", "2015-01-01", Rect(0, 0, 100, 100));
  b.Supply("S", "2015-06-01", "2015-12-01", Rect(0, 0, 99, 100));  // leaves exactly 100 m² = 0.01 ha
  County c = b.Make();
  const ScanResult r = RunScan(c, "2021-01-01");  // kept alive: Find points into it
  const auto* f = Find(c, r, "A");
  EXPECT_NEAR(f->unsupplied_ha, 0.01, 1e-12);
  ScanParams p;
  p.as_of = D("2021-01-01");
  p.min_unsupplied_ha = 0.0100001;
  auto stricter = Scan(c, p);
  ASSERT_TRUE(stricter.ok());
  EXPECT_FALSE(Find(c, *stricter, "A")->listed);
}

TEST(TownAttribution, LargestSharedAreaWinsAndTiesGoToTheSmallerCode) {
  CountyBuilder b;
  b.Town("B", Rect(0, 0, 100, 100));
  b.Town("A", Rect(100, 0, 200, 100));
  b.Approval("MOSTLY_B", "2015-01-01", Rect(40, 0, 120, 10));
  b.Approval("TIE", "2015-01-01", Rect(50, 0, 150, 10));
  b.Approval("OUTSIDE", "2015-01-01", Rect(500, 500, 600, 600));
  County c = b.Make();
  auto r = RunScan(c, "2021-01-01");
  auto town = [&](const char* id) {
    const auto* f = Find(c, r, id);
    return f->town < 0 ? std::string("null") : c.data().towns.code[static_cast<size_t>(f->town)];
  };
  EXPECT_EQ(town("MOSTLY_B"), "B");
  EXPECT_EQ(town("TIE"), "A");
  EXPECT_EQ(town("OUTSIDE"), "null");
}

}  // namespace
}  // namespace panhuo
