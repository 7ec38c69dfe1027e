#include <gtest/gtest.h>

#include "panhuo/scan/scan.hpp"
#include "panhuo/tables/timeline.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

// T1 holds every case; T2 is empty and has no target.
CountyBuilder YearCase() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2016-12-31", Rect(600, 0, 700, 100));  // before the 5-year window
  b.Approval("A3", "2017-01-01", Rect(800, 0, 900, 100));  // first day of the window
  b.Supply("S0", "2019-06-01", "2019-12-01", Rect(0, 50, 100, 100));
  b.Built("B0", "2020-01-01", Rect(0, 50, 100, 100));
  b.Supply("S1", "2021-03-01", "2021-09-01", Rect(0, 0, 100, 50));      // on approved stock
  b.Supply("S2", "2021-04-01", "2021-10-01", Rect(200, 0, 300, 100));   // half on built land
  b.Built("B2", "2020-01-01", Rect(200, 0, 250, 100));
  b.Supply("S3", "2018-01-01", "2018-06-01", Rect(400, 0, 500, 100));   // idle until built in 2021
  b.Built("B3", "2021-02-01", Rect(400, 0, 450, 100));
  b.Target("T1", 2021, 2.0);
  b.Target("T1", 2020, 99.0);
  return b;
}

const TownFinding& TownOf(const County& c, const ScanResult& r, const std::string& code) {
  for (const auto& t : r.towns)
    if (c.data().towns.code[t.town] == code) return t;
  throw std::runtime_error("no town " + code);
}

TEST(TownFigures, StockShareCountsApprovedAndBuiltStock) {
  County c = YearCase().Make();
  ScanParams p;
  p.as_of = D("2021-06-30");
  auto r = Scan(c, p);
  const auto& t = TownOf(c, *r, "T1");
  EXPECT_NEAR(t.supplied_ha, 1.5, 1e-9);  // S1 0.5 + S2 1.0 (dated in 2021 up to T)
  EXPECT_NEAR(t.stock_ha, 1.0, 1e-9);     // S1 on A1 (approved before 2021) + half of S2 on B2
  ASSERT_TRUE(t.stock_share);
  EXPECT_NEAR(*t.stock_share, 1.0 / 1.5, 1e-9);
  EXPECT_FALSE(t.below_stock_floor);  // 0.667 is above the 0.65 floor
}

TEST(TownFigures, RevitalizedIsDigestedStockPlusIdleResolved) {
  County c = YearCase().Make();
  ScanParams p;
  p.as_of = D("2021-06-30");
  auto r = Scan(c, p);
  const auto& t = TownOf(c, *r, "T1");
  EXPECT_NEAR(t.digested_ha, 0.5, 1e-9);       // S1 on A1 − S0
  EXPECT_NEAR(t.idle_resolved_ha, 1.0, 1e-9);  // S3 idle at 2020-12-31, in use since 2021-02-01
  EXPECT_NEAR(t.revitalized_ha, 1.5, 1e-9);
  ASSERT_TRUE(t.target_ha && t.completion);
  EXPECT_DOUBLE_EQ(*t.target_ha, 2.0);
  EXPECT_NEAR(*t.completion, 0.75, 1e-9);
}

TEST(TownFigures, SupplyRateWindowStartsOnFirstJanuaryFiveYearsBack) {
  County c = YearCase().Make();
  ScanParams p;
  p.as_of = D("2021-06-30");
  auto r = Scan(c, p);
  const auto& t = TownOf(c, *r, "T1");
  EXPECT_NEAR(t.window_approved_ha, 2.0, 1e-9);  // A1 and A3, not A2
  EXPECT_NEAR(t.window_supplied_ha, 1.0, 1e-9);
  ASSERT_TRUE(t.supply_rate);
  EXPECT_NEAR(*t.supply_rate, 0.5, 1e-9);
  EXPECT_TRUE(t.below_supply_rate_floor);
  EXPECT_NEAR(t.unsupplied_ha, 2.0, 1e-9);  // A2 and A3
  EXPECT_EQ(t.lapsed, 2);
}

TEST(TownFigures, TownWithoutTargetOrSupplyHasNullsAndRanksLast) {
  County c = YearCase().Make();
  ScanParams p;
  p.as_of = D("2021-06-30");
  auto r = Scan(c, p);
  const auto& t2 = TownOf(c, *r, "T2");
  EXPECT_FALSE(t2.target_ha);
  EXPECT_FALSE(t2.completion);
  EXPECT_FALSE(t2.stock_share);  // no supply in the year
  EXPECT_FALSE(t2.supply_rate);
  EXPECT_FALSE(t2.tax_per_mu);
  EXPECT_EQ(t2.rank, 2);
  EXPECT_EQ(TownOf(c, *r, "T1").rank, 1);
  EXPECT_FALSE(t2.score);
}

TEST(TownFigures, RankingTiesGoToTheSmallerTownCode) {
  CountyBuilder b;
  b.Town("T9", Rect(0, 0, 100, 100));
  b.Town("T1", Rect(100, 0, 200, 100));
  b.Town("T5", Rect(200, 0, 300, 100));
  b.Target("T9", 2021, 1.0).Target("T1", 2021, 1.0);  // both complete 0; T5 has no target
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_EQ(r->towns.size(), 3u);
  EXPECT_EQ(c.data().towns.code[r->towns[0].town], "T1");
  EXPECT_EQ(c.data().towns.code[r->towns[1].town], "T9");
  EXPECT_EQ(c.data().towns.code[r->towns[2].town], "T5");
}

TEST(Timeline, EqualsSeparateScansAtEveryMonthEnd) {
  County c = YearCase().Make();
  ScanParams p;
  const auto dates = MonthEnds(2020, 11, 2021, 8);
  ASSERT_EQ(dates.size(), 10u);
  EXPECT_EQ(dates[3], D("2021-02-28"));
  auto rows = Timeline(c, p, dates);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), dates.size() * 2);
  for (size_t i = 0; i < dates.size(); ++i) {
    p.as_of = dates[i];
    auto r = Scan(c, p);
    for (size_t k = 0; k < 2; ++k) {
      const TimelineRow& row = (*rows)[i * 2 + k];
      EXPECT_EQ(row.as_of, dates[i]);
      const TownFinding& t = TownOf(c, *r, c.data().towns.code[row.town]);
      EXPECT_EQ(row.unsupplied_ha, t.unsupplied_ha);
      EXPECT_EQ(row.idle_ha, t.idle_ha);
      EXPECT_EQ(row.revitalized_ha, t.revitalized_ha);
      EXPECT_EQ(row.completion, t.completion);
    }
  }
}

TEST(Compare, ListsNewlySuppliedResolvedIdleAndLapsed) {
  County c = YearCase().Make();
  ScanParams p;
  auto tables = Compare(c, p, D("2020-12-31"), D("2021-06-30"));
  ASSERT_TRUE(tables.ok());
  auto find = [&](const char* name) -> const Table& {
    for (const auto& t : *tables)
      if (t.name == name) return t;
    throw std::runtime_error(name);
  };
  const Table& supplied = find("newly_supplied");
  ASSERT_EQ(supplied.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(supplied.rows[0][0]), "A1");
  EXPECT_NEAR(std::get<double>(supplied.rows[0][6]), 0.5, 1e-9);
  const Table& resolved = find("idle_resolved");
  ASSERT_EQ(resolved.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(resolved.rows[0][0]), "S3");
  EXPECT_EQ(find("newly_idle").rows.size(), 0u);
  EXPECT_EQ(find("newly_lapsed").rows.size(), 0u);  // A2 and A3 lapsed before 2020-12-31
  auto later = Compare(c, p, D("2018-12-31"), D("2019-01-01"));
  ASSERT_TRUE(later.ok());
  const Table& lapsed = (*later)[3];
  ASSERT_EQ(lapsed.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(lapsed.rows[0][0]), "A3");  // 2017-01-01 + 2 years; A2 lapsed on 2018-12-31
}

}  // namespace
}  // namespace panhuo

namespace panhuo {
namespace {

TEST(TownsInput, OverlappingTownsAreAnErrorNamingBothAndTheSharedArea) {
  testing::CountyBuilder b;
  b.Town("T1", testing::Rect(0, 0, 1000, 1000));
  b.Town("T2", testing::Rect(1000, 0, 2000, 1000));  // shares an edge only: fine
  b.Town("T3", testing::Rect(1990, 0, 3000, 1000));  // overlaps T2 on 10 m x 1000 m
  const County c = b.Make();
  const Status s = c.CheckTownsDisjoint();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("towns T2 ("), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(") and T3 ("), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("overlap by 10000 m²"), std::string::npos) << s.message();
  testing::CountyBuilder tiled;
  tiled.Town("T1", testing::Rect(0, 0, 1000, 1000));
  tiled.Town("T2", testing::Rect(1000, 0, 2000, 1000));
  EXPECT_TRUE(tiled.Make().CheckTownsDisjoint().ok());
}

}  // namespace
}  // namespace panhuo
