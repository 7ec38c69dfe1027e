// Low-efficiency industrial land and enterprise groups (contract v3) on hand-made counties; the
// expected classes, reasons, sums and ranks are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "panhuo/core/text.hpp"
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

const TownFinding& Town(const County& c, const ScanResult& r, const std::string& code) {
  for (const auto& t : r.towns)
    if (c.data().towns.code[t.town] == code) return t;
  ADD_FAILURE() << "no town " << code;
  return r.towns.front();
}

const LowEfficiencyFinding* FindLow(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.low_efficiency)
    if (c.data().supplies.id[r.supplies[f.finding].supply] == id) return &f;
  return nullptr;
}

// An industrial parcel of 2 ha (30 mu) at column k, supplied on `date` and built whole a year
// later (in use).
void Parcel(CountyBuilder& b, const std::string& id, int k, const char* date = "2018-01-01",
            const std::string& land_use = "0601", double height = 100) {
  const double x = 200.0 * k;
  b.Supply(id, date, "2018-06-01", Rect(x, 0, x + 200, height), IdleCause::kNone, land_use);
  b.Built(id + "-B", "2021-06-01", Rect(x, 0, x + 200, height));
}

// Seven evaluated rows (each of at least 3 mu), scored on tax and sales per mu only:
//   Z1 tax 5 sales 0, Z2 tax 5 sales null (parcel Z, 15 mu each): tax/mu 0.333, sales/mu 0 / null
//   D1 tax 1 sales 10 (parcel DD, 30 mu): 0.0333, 0.333
//   G1, G2 tax 100 sales 1000 (parcel G, 15 mu each): 6.667, 66.67
//   M1 tax 100 sales 1000, M2 tax 0.5 sales 5 (parcel M, 15 mu each): 6.667 / 0.0333, 66.67 / 0.333
// Benchmarks 2 × mean: tax/mu 2 × 20.733 / 7 = 5.924, sales/mu 2 × 200.67 / 6 = 66.89. Scores:
// G1 = G2 = M1 = 40 + 19.93, Z1 = Z2 = 2.25, D1 = M2 = 0.325. Ties by id: ranks G1, G2, M1, Z1,
// Z2, D1, M2. With class limits 0.2 / 0.4 / 0.5 on p = (rank − 1) / 7 (0, .14, .29, .43, .57, .71,
// .86): G1 and G2 A, M1 B, Z1 C, Z2, D1 and M2 D.
// Six class-T rows on parcel T (1 ha = 15 mu, 2.5 mu each) with sales: not evaluated.
CountyBuilder EfficiencyCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 4000, 1000));
  Parcel(b, "NONE", 0);
  Parcel(b, "Z", 1);
  Parcel(b, "DD", 2);
  Parcel(b, "G", 3);
  Parcel(b, "M", 4);
  Parcel(b, "T", 5, "2018-01-01", "0601", 50);
  Parcel(b, "IN-YEAR", 6, "2021-01-01");    // supplied in the efficiency year
  Parcel(b, "DEC-31", 7, "2020-12-31");     // the last day before it
  Parcel(b, "SHOP", 8, "2018-01-01", "05"); // not industrial
  b.Supply("IDLE", "2018-01-01", "2018-06-01", Rect(1800, 0, 2000, 100));  // not started: idle
  b.Enterprise("E-NONE", "NONE", 2020, 10, 100);  // a row of another year only
  b.Enterprise("Z1", "Z", 2021, 5, 0);
  b.Enterprise("Z2", "Z", 2021, 5, NAN);
  b.Enterprise("D1", "DD", 2021, 1, 10);
  b.Enterprise("G1", "G", 2021, 100, 1000);
  b.Enterprise("G2", "G", 2021, 100, 1000);
  b.Enterprise("M1", "M", 2021, 100, 1000);
  b.Enterprise("M2", "M", 2021, 0.5, 5);
  for (int i = 1; i <= 6; ++i) b.Enterprise("T" + std::to_string(i), "T", 2021, 1, 10);
  return b;
}

ScanParams EfficiencyParams() {
  ScanParams p;
  p.class_limits = {0.2, 0.4, 0.5};
  return p;
}

TEST(LowEfficiencyScan, ReasonsInTheContractsOrder) {
  County c = EfficiencyCounty().Make();
  auto r = RunScan(c, "2021-12-31", EfficiencyParams());
  ASSERT_TRUE(r.efficiency_known);
  const auto* none = FindLow(c, r, "NONE");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->reason, LowEfficiencyReason::kNoEnterprise);
  EXPECT_EQ(none->enterprises_n, 0);
  EXPECT_FALSE(none->tax_per_mu);
  // Z: no output comes before class D (Z2 is class D as well)
  const auto* z = FindLow(c, r, "Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->reason, LowEfficiencyReason::kNoOutput);
  EXPECT_EQ(z->enterprises_n, 2);
  EXPECT_NEAR(*z->tax_per_mu, 10.0 / 30.0, 1e-12);
  const auto* dd = FindLow(c, r, "DD");
  ASSERT_TRUE(dd);
  EXPECT_EQ(dd->reason, LowEfficiencyReason::kDClass);
  EXPECT_NEAR(*dd->tax_per_mu, 1.0 / 30.0, 1e-12);
  EXPECT_NE(dd->basis.find("2021年度参评企业均为D类（1条企业数据，亩均税收0.0333万元/亩）"), std::string::npos) << dd->basis;
  EXPECT_FALSE(FindLow(c, r, "G"));        // class A and B
  EXPECT_FALSE(FindLow(c, r, "M"));        // one class A row besides the D one
  EXPECT_FALSE(FindLow(c, r, "T"));        // class T only, with sales: nothing evaluated
  EXPECT_FALSE(FindLow(c, r, "IN-YEAR"));  // supplied on 1 January of the year
  EXPECT_FALSE(FindLow(c, r, "SHOP"));
  EXPECT_FALSE(FindLow(c, r, "IDLE"));     // not in use
  ASSERT_TRUE(FindLow(c, r, "DEC-31"));
  EXPECT_EQ(FindLow(c, r, "DEC-31")->reason, LowEfficiencyReason::kNoEnterprise);
  EXPECT_EQ(r.low_efficiency.size(), 4u);
  // NONE, Z, DD and DEC-31: 4 × 2 ha
  EXPECT_NEAR(*Town(c, r, "T1").low_efficiency_ha, 8.0, 1e-9);
}

TEST(LowEfficiencyScan, ClassesAsWorkedOut) {
  County c = EfficiencyCounty().Make();
  auto r = RunScan(c, "2021-12-31", EfficiencyParams());
  std::map<std::string, EfficiencyClass> cls;
  for (const auto& f : r.efficiency) cls[c.data().enterprises.id[f.row]] = f.cls;
  EXPECT_EQ(cls["D1"], EfficiencyClass::kD);
  EXPECT_EQ(cls["M2"], EfficiencyClass::kD);
  EXPECT_EQ(cls["Z2"], EfficiencyClass::kD);
  EXPECT_EQ(cls["Z1"], EfficiencyClass::kC);
  EXPECT_EQ(cls["M1"], EfficiencyClass::kB);
  EXPECT_EQ(cls["T1"], EfficiencyClass::kT);
}

TEST(LowEfficiencyScan, NothingIsKnownWithoutRowsOfTheYear) {
  County c = EfficiencyCounty().Make();
  ScanParams p = EfficiencyParams();
  p.efficiency_year = 2019;
  auto r = RunScan(c, "2021-12-31", p);
  EXPECT_FALSE(r.efficiency_known);
  EXPECT_TRUE(r.low_efficiency.empty());
  EXPECT_FALSE(Town(c, r, "T1").low_efficiency_ha.has_value());
}

// ---- land holders and enterprise groups -------------------------------------------------------

// Statuses at 2021-12-31 (1 ha = 100 m × 100 m):
//   idle_unstarted + recover: supplied 2018-01-01, agreed start 2018-06-01, nothing built
//   idle + fee: supplied 2020-01-01, agreed 2020-06-01 (idle from 2021-06-01, recover 2022-06-01)
//   pending: supplied 2021-06-01, agreed 2022-06-01; in use: built whole.
CountyBuilder GroupCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Supply("A1", "2018-01-01", "2018-06-01", Rect(0, 0, 100, 100)).Holder("A公司");            // 1 ha idle, recover
  b.Supply("A2", "2021-06-01", "2022-06-01", Rect(1000, 0, 1050, 100)).Holder("  A公司 ");     // 0.5 ha pending
  b.Supply("B1", "2020-01-01", "2020-06-01", Rect(1100, 0, 1120, 100), IdleCause::kEnterprise, "0601", 100)
      .Holder("B公司");                                                                        // 0.2 ha idle, fee 20
  b.Supply("C1", "2021-06-01", "2022-06-01", Rect(200, 0, 300, 100)).Holder("C公司");          // 1 ha pending
  b.Supply("D1", "2021-06-01", "2022-06-01", Rect(400, 0, 450, 100)).Holder("D公司");          // 0.5 ha pending
  b.Supply("E1", "2018-01-01", "2018-06-01", Rect(500, 0, 800, 100)).Holder("E公司");          // 3 ha in use
  b.Built("E1-B", "2019-01-01", Rect(500, 0, 800, 100));
  b.Supply("N1", "2018-01-01", "2018-06-01", Rect(0, 200, 100, 300)).Holder("   ");            // no holder
  b.Supply("Y1", "2021-06-01", "2022-06-01", Rect(0, 400, 100, 500)).Holder("乙集团");         // 1 ha pending each:
  b.Supply("P1", "2021-06-01", "2022-06-01", Rect(200, 400, 300, 500)).Holder("丙集团");       // ties broken by
  b.Supply("Z1", "2021-06-01", "2022-06-01", Rect(400, 400, 500, 500)).Holder("Z公司");        // byte order
  b.Group("A公司", "甲集团");
  b.Group(" B公司\t", "  甲集团 ");  // stray spaces in the mapping
  return b;
}

TEST(HolderGroups, GroupFiguresTrimmedHoldersAndMapping) {
  County c = GroupCounty().Make();
  ScanParams p;
  p.warn_days = 365;  // B1 falls due for recovery on 2022-06-01, in 152 days
  auto r = RunScan(c, "2021-12-31", p);
  ASSERT_FALSE(r.holders.empty());
  const HolderGroupFinding& g = r.holders[0];
  EXPECT_EQ(g.group_name, "甲集团");
  EXPECT_EQ(g.rank, 1);
  EXPECT_EQ(g.holders_n, 2);  // A公司 (once, spaces aside) and B公司
  EXPECT_EQ(g.supplies_n, 3);
  EXPECT_NEAR(g.parcel_ha, 1.7, 1e-9);
  EXPECT_NEAR(g.unused_ha, 1.7, 1e-9);
  EXPECT_EQ(g.idle_n, 2);
  EXPECT_NEAR(g.idle_ha, 1.2, 1e-9);
  EXPECT_NEAR(g.recover_ha, 1.0, 1e-9);
  EXPECT_NEAR(g.fee_wan, 20.0, 1e-9);
  EXPECT_EQ(g.warn_n, 1);
  EXPECT_EQ(g.towns, "T1,T2");
  // each supply carries its group; the blank holder has none
  for (size_t i = 0; i < r.supplies.size(); ++i) {
    const std::string& id = c.data().supplies.id[r.supplies[i].supply];
    if (id == "A2" || id == "B1") EXPECT_EQ(r.supply_group[i], "甲集团") << id;
    if (id == "C1") EXPECT_EQ(r.supply_group[i], "C公司");
    if (id == "N1") EXPECT_EQ(r.supply_group[i], "");
  }
}

TEST(HolderGroups, ListedByUnusedThenIdleThenGroupNameBytes) {
  County c = GroupCounty().Make();
  auto r = RunScan(c, "2021-12-31");
  std::vector<std::string> names;
  for (const auto& g : r.holders) names.push_back(g.group_name);
  // 甲集团 1.7 ha unused; then four groups of 1 ha unused and no idle land in UTF-8 byte order:
  // "C公司" and "Z公司" (ASCII first), 丙 (E4 B8 99) before 乙 (E4 B9 99). D公司 (0.5 ha) and
  // E公司 (in use) are not listed.
  EXPECT_EQ(names, (std::vector<std::string>{"甲集团", "C公司", "Z公司", "丙集团", "乙集团"}));
  for (size_t i = 0; i < r.holders.size(); ++i) EXPECT_EQ(r.holders[i].rank, static_cast<int32_t>(i + 1));
  ScanParams p;
  p.min_holder_ha = 0.5;
  auto r2 = RunScan(c, "2021-12-31", p);
  EXPECT_EQ(r2.holders.size(), 6u);  // D公司 joins
  EXPECT_EQ(r2.holders.back().group_name, "D公司");
}

TEST(HolderGroups, WhiteSpaceIsTrimmedAtBothEndsOnly) {
  EXPECT_EQ(TrimWhiteSpace(" \t\xE3\x80\x80" "A 公司\xC2\xA0\r\n"), "A 公司");  // full-width and no-break spaces too
  EXPECT_EQ(TrimWhiteSpace("\xE3\x80\x80 \xE3\x80\x80"), "");
  EXPECT_EQ(TrimWhiteSpace("江阴（集团）"), "江阴（集团）");
  EXPECT_EQ(TrimWhiteSpace("\xE3\x80"), "\xE3\x80");  // a cut character is not a space
}

TEST(HolderGroups, IdleLandListsAGroupWhateverItsArea) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Supply("S", "2018-01-01", "2018-06-01", Rect(0, 0, 10, 10)).Holder("小公司");  // 0.01 ha idle
  County c = b.Make();
  auto r = RunScan(c, "2021-12-31");
  ASSERT_EQ(r.holders.size(), 1u);
  EXPECT_NEAR(r.holders[0].idle_ha, 0.01, 1e-12);
  EXPECT_EQ(r.holders[0].holders_n, 1);
}

}  // namespace
}  // namespace panhuo
