#include <gtest/gtest.h>

#include <cmath>

#include "panhuo/scan/scan.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

const SupplyFinding& At(const County& c, const char* as_of, const std::string& id, ScanResult& keep) {
  ScanParams p;
  p.as_of = D(as_of);
  keep = std::move(*Scan(c, p));
  for (const auto& f : keep.supplies)
    if (c.data().supplies.id[f.supply] == id) return f;
  ADD_FAILURE() << "no finding for " << id;
  return keep.supplies.front();
}

CountyBuilder Base() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  return b;
}

TEST(IdleScan, UnstartedParcelBecomesIdleOneCalendarYearAfterAgreedStart) {
  auto b = Base();
  b.Supply("S", "2018-06-01", "2019-02-28", Rect(0, 0, 100, 100), IdleCause::kNone, "0601", 250.0);
  County c = b.Make();
  ScanResult r;
  const auto& before = At(c, "2020-02-27", "S", r);
  EXPECT_EQ(before.status, SupplyStatus::kPending);
  EXPECT_EQ(before.action, IdleAction::kNone);
  EXPECT_EQ(before.fee_wan, 0.0);
  EXPECT_EQ(before.overdue_days, 364);
  const auto& on = At(c, "2020-02-28", "S", r);
  EXPECT_EQ(on.status, SupplyStatus::kIdleUnstarted);
  EXPECT_EQ(on.action, IdleAction::kFee);
  EXPECT_DOUBLE_EQ(on.fee_wan, 50.0);
  const auto& fee_last = At(c, "2021-02-27", "S", r);
  EXPECT_EQ(fee_last.action, IdleAction::kFee);
  const auto& recover = At(c, "2021-02-28", "S", r);
  EXPECT_EQ(recover.action, IdleAction::kRecover);
  EXPECT_EQ(recover.fee_wan, 0.0);
}

TEST(IdleScan, LeapDayAgreedStartIsOverdueOnFebruary28) {
  auto b = Base();
  b.Supply("S", "2019-06-01", "2020-02-29", Rect(0, 0, 100, 100));
  County c = b.Make();
  ScanResult r;
  EXPECT_EQ(At(c, "2021-02-27", "S", r).status, SupplyStatus::kPending);
  EXPECT_EQ(At(c, "2021-02-28", "S", r).status, SupplyStatus::kIdleUnstarted);
  EXPECT_EQ(At(c, "2022-02-27", "S", r).action, IdleAction::kFee);
  EXPECT_EQ(At(c, "2022-02-28", "S", r).action, IdleAction::kRecover);
}

TEST(IdleScan, GovernmentCauseIsNegotiatedNeverFined) {
  auto b = Base();
  b.Supply("S", "2015-06-01", "2016-01-01", Rect(0, 0, 100, 100), IdleCause::kGovernment);
  b.Supply("M", "2015-06-01", "2016-01-01", Rect(200, 0, 300, 100), IdleCause::kMixed);
  b.Supply("F", "2015-06-01", "2016-01-01", Rect(400, 0, 500, 100), IdleCause::kForceMajeure);
  b.Supply("E", "2015-06-01", "2016-01-01", Rect(600, 0, 700, 100), IdleCause::kEnterprise);
  County c = b.Make();
  ScanResult r;
  for (const char* id : {"S", "M", "F"}) {
    const auto& f = At(c, "2021-01-01", id, r);
    EXPECT_EQ(f.status, SupplyStatus::kIdleUnstarted) << id;
    EXPECT_EQ(f.action, IdleAction::kNegotiate) << id;
    EXPECT_EQ(f.fee_wan, 0.0) << id;
  }
  EXPECT_EQ(At(c, "2021-01-01", "E", r).action, IdleAction::kRecover);
}

TEST(IdleScan, IndustrialLandSuppliedBefore2009AndUnstartedIsRecoveredWhateverTheCause) {
  auto b = Base();
  b.Supply("OLD", "2008-12-31", "2009-06-01", Rect(0, 0, 100, 100), IdleCause::kGovernment, "0601");
  b.Supply("EDGE", "2009-01-01", "2009-06-01", Rect(200, 0, 300, 100), IdleCause::kGovernment, "0601");
  b.Supply("SHOP", "2008-06-01", "2009-06-01", Rect(400, 0, 500, 100), IdleCause::kGovernment, "0501");
  County c = b.Make();
  ScanResult r;
  EXPECT_EQ(At(c, "2021-01-01", "OLD", r).action, IdleAction::kRecover);
  EXPECT_EQ(At(c, "2021-01-01", "EDGE", r).action, IdleAction::kNegotiate);
  EXPECT_EQ(At(c, "2021-01-01", "SHOP", r).action, IdleAction::kNegotiate);
}

TEST(IdleScan, StalledNeedsAFullYearWithoutNewBuilding) {
  auto b = Base();
  b.Supply("S", "2017-01-01", "2018-01-01", Rect(0, 0, 100, 100));
  b.Built("B1", "2018-06-01", Rect(0, 0, 20, 100));   // 20 %
  b.Built("B2", "2019-08-01", Rect(10, 0, 25, 100));  // overlaps B1: 25 % in total
  County c = b.Make();
  ScanResult r;
  const auto& before_year = At(c, "2019-05-31", "S", r);
  EXPECT_NEAR(before_year.built_ratio, 0.20, 1e-12);
  EXPECT_EQ(before_year.status, SupplyStatus::kInUse);
  EXPECT_EQ(At(c, "2019-06-01", "S", r).status, SupplyStatus::kIdleStalled);
  // new building resets the year
  const auto& resumed = At(c, "2019-08-01", "S", r);
  EXPECT_NEAR(resumed.built_ratio, 0.25, 1e-12);
  EXPECT_EQ(resumed.last_built, D("2019-08-01"));
  EXPECT_EQ(resumed.status, SupplyStatus::kInUse);
  EXPECT_EQ(At(c, "2020-07-31", "S", r).status, SupplyStatus::kInUse);
  const auto& stalled = At(c, "2020-08-01", "S", r);
  EXPECT_EQ(stalled.status, SupplyStatus::kIdleStalled);
  EXPECT_EQ(stalled.action, IdleAction::kRecover);  // enterprise cause, 2 years past agreed start
}

TEST(IdleScan, StartRatioBoundaryIsInclusive) {
  auto b = Base();
  b.Supply("S", "2017-01-01", "2017-06-01", Rect(0, 0, 100, 100));
  b.Built("B", "2017-06-01", Rect(0, 0, 1, 100));  // exactly 1 %
  b.Built("OUT", "2017-06-01", Rect(100, 0, 150, 100));  // outside, touching
  b.Supply("T", "2017-01-01", "2017-06-01", Rect(300, 0, 400, 100));
  b.Built("B2", "2017-06-01", Rect(300, 0, 300.99, 100));  // 0.99 %
  County c = b.Make();
  ScanResult r;
  const auto& s = At(c, "2021-01-01", "S", r);
  EXPECT_NEAR(s.built_ha, 0.01, 1e-12);
  EXPECT_NE(s.status, SupplyStatus::kIdleUnstarted);
  EXPECT_EQ(At(c, "2021-01-01", "T", r).status, SupplyStatus::kIdleUnstarted);
}

TEST(IdleScan, FootprintCrossingTheParcelEdgeCountsOnlyInside) {
  auto b = Base();
  b.Supply("S", "2017-01-01", "2017-06-01", Rect(0, 0, 100, 100));
  b.Built("B", "2018-01-01", Rect(50, 50, 150, 150));
  County c = b.Make();
  ScanResult r;
  EXPECT_NEAR(At(c, "2021-01-01", "S", r).built_ha, 0.25, 1e-12);
}

TEST(IdleScan, UnknownPriceGivesNullFee) {
  auto b = Base();
  b.Supply("S", "2019-01-01", "2019-06-01", Rect(0, 0, 100, 100), IdleCause::kNone, "0601", NAN);
  County c = b.Make();
  ScanResult r;
  const auto& f = At(c, "2020-07-01", "S", r);
  EXPECT_EQ(f.action, IdleAction::kFee);
  EXPECT_TRUE(std::isnan(f.fee_wan));
}

}  // namespace
}  // namespace panhuo
