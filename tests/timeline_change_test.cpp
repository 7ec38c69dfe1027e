// The monthly bulletin's table of this month against last (本月与上月): each town by rank, the
// county's totals, and the change, worked out by hand.
#include <gtest/gtest.h>

#include <stdexcept>

#include "panhuo/scan/timeline.hpp"
#include "panhuo/tables/timeline_change.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

// T1 (target 2 ha) digests A1 (1 ha) when S1 supplies it on 2021-06-10; T2 (target 4 ha) has A2
// (1 ha) unsupplied throughout; T3 has no target.
CountyBuilder MonthCase() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Town("T3", Rect(2000, 0, 3000, 1000));
  b.Target("T1", 2021, 2.0);
  b.Target("T2", 2021, 4.0);
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Supply("S1", "2021-06-10", "2022-06-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2019-01-01", Rect(1000, 0, 1100, 100));
  return b;
}

Table ChangeOf(const County& c, std::vector<Date> dates) {
  auto rows = Timeline(c, ScanParams{}, dates);
  if (!rows.ok()) throw std::runtime_error(rows.status().message());
  return TimelineChangeTable(c, *rows, "zh");
}

double Real(const Table& t, size_t row, const std::string& column) {
  for (size_t k = 0; k < t.columns.size(); ++k)
    if (t.columns[k].name == column) {
      if (auto* v = std::get_if<double>(&t.rows[row][k])) return *v;
      throw std::runtime_error(column + " is not a number in row " + std::to_string(row));
    }
  throw std::runtime_error("no column " + column);
}

bool Null(const Table& t, size_t row, const std::string& column) {
  for (size_t k = 0; k < t.columns.size(); ++k)
    if (t.columns[k].name == column) return std::holds_alternative<std::monostate>(t.rows[row][k]);
  throw std::runtime_error("no column " + column);
}

std::string Text(const Table& t, size_t row, size_t column) { return std::get<std::string>(t.rows[row][column]); }

TEST(TimelineChange, ThisMonthAgainstLastByRankWithTheCountysTotals) {
  County c = MonthCase().Make();
  const Table t = ChangeOf(c, MonthEnds(2021, 5, 2021, 6));
  ASSERT_EQ(t.rows.size(), 4u);  // three towns and the county
  // by rank at 30 June: T1 (completion 0.5), T2 (0), T3 (no target)
  EXPECT_EQ(Text(t, 0, 1), "T1");
  EXPECT_EQ(Text(t, 1, 1), "T2");
  EXPECT_EQ(Text(t, 2, 1), "T3");
  EXPECT_EQ(std::get<int64_t>(t.rows[0][0]), 1);
  EXPECT_EQ(Text(t, 3, 2), "全县合计");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[3][1]));
  // T1: A1 supplied in June
  EXPECT_NEAR(Real(t, 0, "unsupplied_ha"), 0.0, 1e-9);
  EXPECT_NEAR(Real(t, 0, "unsupplied_prev_ha"), 1.0, 1e-9);
  EXPECT_NEAR(Real(t, 0, "unsupplied_change_ha"), -1.0, 1e-9);
  EXPECT_NEAR(Real(t, 0, "revitalized_change_ha"), 1.0, 1e-9);
  EXPECT_NEAR(Real(t, 0, "completion"), 0.5, 1e-12);
  EXPECT_NEAR(Real(t, 0, "completion_prev"), 0.0, 1e-12);
  EXPECT_NEAR(Real(t, 0, "completion_change"), 0.5, 1e-12);
  EXPECT_TRUE(Null(t, 2, "completion"));  // T3 has no target
  // the county: sums, and completion over the towns with a target (1 of 2 + 4 ha)
  EXPECT_NEAR(Real(t, 3, "unsupplied_ha"), 1.0, 1e-9);
  EXPECT_NEAR(Real(t, 3, "unsupplied_prev_ha"), 2.0, 1e-9);
  EXPECT_NEAR(Real(t, 3, "revitalized_ha"), 1.0, 1e-9);
  EXPECT_NEAR(Real(t, 3, "completion"), 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(Real(t, 3, "completion_change"), 1.0 / 6.0, 1e-12);
}

TEST(TimelineChange, OneMonthHasNoLastMonth) {
  County c = MonthCase().Make();
  const Table t = ChangeOf(c, MonthEnds(2021, 6, 2021, 6));
  ASSERT_EQ(t.rows.size(), 4u);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_TRUE(Null(t, r, "unsupplied_prev_ha")) << r;
    EXPECT_TRUE(Null(t, r, "unsupplied_change_ha")) << r;
    EXPECT_TRUE(Null(t, r, "completion_change")) << r;
  }
}

}  // namespace
}  // namespace panhuo
