// The v3 stock lists on hand-made counties: land reserve not yet supplied, approved land unfit
// for supply, low-efficiency industrial land, and enterprise groups. Every expected figure is
// computed by hand from the rectangles below (1 ha = 100 m × 100 m).
#include <gtest/gtest.h>

#include "panhuo/scan/scan.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

ScanResult RunScan(const County& c, const char* as_of, ScanParams p = {}) {
  p.as_of = D(as_of);
  auto r = Scan(c, p);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(*r);
}

CountyBuilder TwoTowns() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  return b;
}

const ReserveFinding* FindReserve(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.reserves)
    if (c.data().reserves.id[f.reserve] == id) return &f;
  return nullptr;
}

const TownFinding& Town(const County& c, const ScanResult& r, const std::string& code) {
  for (const auto& t : r.towns)
    if (c.data().towns.code[t.town] == code) return t;
  ADD_FAILURE() << "no town " << code;
  return r.towns.front();
}

// ---- land reserve not yet supplied -----------------------------------------------------------

TEST(ReserveScan, AcquiredOnTheAsOfDateIsIncludedAndAfterItIsNot) {
  auto b = TwoTowns();
  b.Reserve("R-ON", "2021-12-31", Rect(0, 0, 100, 100));
  b.Reserve("R-AFTER", "2022-01-01", Rect(200, 0, 300, 100));
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  const auto* on = FindReserve(c, r, "R-ON");
  ASSERT_TRUE(on);
  EXPECT_EQ(on->age_days, 0);
  EXPECT_NEAR(on->reserve_ha, 1.0, 1e-12);
  EXPECT_NEAR(on->unsupplied_ha, 1.0, 1e-12);
  EXPECT_TRUE(on->listed);
  EXPECT_FALSE(FindReserve(c, r, "R-AFTER"));
  EXPECT_NEAR(*Town(c, r, "T1").reserve_ha, 1.0, 1e-12);
  EXPECT_EQ(Town(c, r, "T1").reserve_n, 1);
  // the day before, the reserve does not exist yet
  auto before = RunScan(c, "2021-12-30");
  EXPECT_FALSE(FindReserve(c, before, "R-ON"));
  EXPECT_EQ(*Town(c, before, "T1").reserve_ha, 0.0);
}

TEST(ReserveScan, OnlySuppliesDatedFromAcquisitionToTSupplyTheReserve) {
  auto b = TwoTowns();
  b.Reserve("R", "2020-06-01", Rect(0, 0, 100, 100), "recovered");
  b.Supply("OLD", "2015-03-01", "2015-09-01", Rect(0, 0, 100, 100));        // the grant recovered: before
  b.Supply("NEW", "2021-03-01", "2021-09-01", Rect(0, 0, 40, 100));         // 0.4 ha
  b.Supply("SAME-DAY", "2020-06-01", "2020-12-01", Rect(40, 0, 50, 100));   // on the acquisition day: 0.1 ha
  b.Supply("LATER", "2022-01-01", "2022-06-01", Rect(50, 0, 100, 100));     // after T
  b.Supply("DAY-BEFORE", "2020-05-31", "2020-12-01", Rect(50, 0, 60, 100)); // the day before acquisition
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  const auto* f = FindReserve(c, r, "R");
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->reserve_ha, 1.0, 1e-12);
  EXPECT_NEAR(f->unsupplied_ha, 0.5, 1e-9);
  EXPECT_EQ(f->age_days, 578);  // 2020-06-01 .. 2021-12-31
  EXPECT_NEAR(Area(f->remainder), 5000.0, 1e-6);
  ASSERT_TRUE(f->first_supplied);
  EXPECT_EQ(*f->first_supplied, D("2020-06-01"));
  EXPECT_NE(f->basis.find("2020-06-01收储（收回），储备1.0000公顷"), std::string::npos) << f->basis;
  EXPECT_NE(f->basis.find("尚未供应0.5000公顷"), std::string::npos) << f->basis;
}

TEST(ReserveScan, WhollySuppliedReserveIsNotListedAndEnglishBasis) {
  auto b = TwoTowns();
  b.Reserve("FULL", "2019-01-01", Rect(1100, 0, 1200, 100));
  b.Supply("S", "2020-01-01", "2020-06-01", Rect(1090, 0, 1210, 100));
  b.Reserve("SMALL", "2019-01-01", Rect(1300, 0, 1350, 1));  // 50 m²: below 0.01 ha
  b.Reserve("OPEN", "2019-01-01", Rect(1500, 0, 1600, 200), "purchase");
  County c = b.Make();
  ScanParams p;
  p.basis_lang = "en";
  auto r = RunScan(c, "2021-12-31", p);
  EXPECT_FALSE(FindReserve(c, r, "FULL")->listed);
  EXPECT_NEAR(FindReserve(c, r, "FULL")->unsupplied_ha, 0.0, 1e-12);
  EXPECT_FALSE(FindReserve(c, r, "SMALL")->listed);
  const auto* open = FindReserve(c, r, "OPEN");
  EXPECT_TRUE(open->listed);
  EXPECT_EQ(open->basis,
            "acquired 2019-01-01 (purchase), 2.0000 ha; by 2021-12-31 supplied 0.0000 ha since acquisition, "
            "2.0000 ha not yet supplied; 1095 days in the reserve");
  EXPECT_NEAR(*Town(c, r, "T2").reserve_ha, 2.0, 1e-12);  // listed reserves only
  EXPECT_EQ(r.counts.reserves_listed, 1);
}

TEST(ReserveScan, TownFigureIsNullWithoutTheLayerAndZeroWhenItIsEmpty) {
  auto b = TwoTowns();
  b.Approval("A", "2020-01-01", Rect(0, 0, 100, 100));
  auto absent = b;
  absent.Absent("reserves");
  County ca = absent.Make(), ce = b.Make();
  auto ra = RunScan(ca, "2021-12-31"), re = RunScan(ce, "2021-12-31");
  EXPECT_FALSE(Town(ca, ra, "T1").reserve_ha.has_value());
  EXPECT_FALSE(ra.reserves_present);
  ASSERT_TRUE(Town(ce, re, "T1").reserve_ha.has_value());
  EXPECT_EQ(*Town(ce, re, "T1").reserve_ha, 0.0);
}

// ---- approved land unfit for supply ------------------------------------------------------------

TEST(UnfitScan, ContactAlongAnEdgeOnlyGivesNoUnfitArea) {
  auto b = TwoTowns();
  b.Approval("A", "2019-01-01", Rect(0, 0, 100, 100));
  b.Constraint("C-EDGE", "basic_farmland", Rect(100, 0, 200, 100));  // shares the edge x = 100
  b.Constraint("C-CORNER", "flood_control", Rect(100, 100, 150, 150));  // shares the corner
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  EXPECT_TRUE(r.unfit.empty());
  EXPECT_EQ(*Town(c, r, "T1").unfit_ha, 0.0);
}

TEST(UnfitScan, ConstrainedPartOfTheUnsuppliedRemainderWithSortedKinds) {
  auto b = TwoTowns();
  b.Approval("A", "2019-01-01", Rect(0, 0, 100, 100));
  b.Supply("S", "2019-06-01", "2019-12-01", Rect(0, 0, 60, 100));  // remainder x 60..100: 0.4 ha
  b.Constraint("C1", "ecological_redline", Rect(50, 0, 150, 100));  // crosses supplied and unsupplied land
  b.Constraint("C2", "basic_farmland", Rect(80, 0, 90, 100));       // inside C1: counted once
  b.Constraint("C3", "flood_control", Rect(0, 100, 100, 200));      // touches only
  b.Constraint("C4", "other", Rect(0, 0, 55, 100));                 // on supplied land only
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  ASSERT_EQ(r.unfit.size(), 1u);
  const UnfitFinding& f = r.unfit[0];
  EXPECT_NEAR(r.approvals[f.finding].unsupplied_ha, 0.4, 1e-9);
  EXPECT_NEAR(f.constrained_ha, 0.4, 1e-9);
  EXPECT_EQ(f.kinds, "basic_farmland,ecological_redline");
  EXPECT_NEAR(Area(f.geom), 4000.0, 1e-6);
  EXPECT_NEAR(*Town(c, r, "T1").unfit_ha, 0.4, 1e-9);
  EXPECT_NE(f.basis.find("其中0.4000公顷位于永久基本农田、生态保护红线"), std::string::npos) << f.basis;
}

TEST(UnfitScan, BelowTheListingAreaOrNotListedInUnsuppliedIsNotUnfit) {
  auto b = TwoTowns();
  b.Approval("A", "2019-01-01", Rect(0, 0, 100, 100));
  b.Constraint("C-THIN", "other", Rect(99, 0, 100.5, 50));  // 1 m × 50 m inside: 0.005 ha
  b.Approval("B", "2019-01-01", Rect(200, 0, 300, 100));
  b.Supply("SB", "2019-06-01", "2019-12-01", Rect(200, 0, 300, 100));  // B wholly supplied
  b.Constraint("C-B", "basic_farmland", Rect(200, 0, 300, 100));
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  EXPECT_TRUE(r.unfit.empty());
  ScanParams p;
  p.min_unsupplied_ha = 0.001;
  auto r2 = RunScan(c, "2021-12-31", p);
  ASSERT_EQ(r2.unfit.size(), 1u);
  EXPECT_NEAR(r2.unfit[0].constrained_ha, 0.005, 1e-9);
  EXPECT_EQ(r2.unfit[0].kinds, "other");
}

TEST(UnfitScan, TownFigureIsNullWithoutConstraints) {
  auto b = TwoTowns();
  b.Approval("A", "2019-01-01", Rect(0, 0, 100, 100));
  b.Absent("constraints");
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  EXPECT_FALSE(Town(c, r, "T1").unfit_ha.has_value());
  EXPECT_TRUE(r.unfit.empty());
}

}  // namespace
}  // namespace panhuo
