// Bureau values where the contract has codes and numbers: Chinese code values (企业原因, 出让,
// 工业用地, 政府原因, 无) read as the contract's codes, and money written with its unit (75.29万元,
// 752900元), on the Arrow path and feature by feature.
#include <gtest/gtest.h>

#include "read_paths.hpp"
#include "reader_fixture.hpp"

namespace panhuo::testing {
namespace {

class CodeValues : public ReaderTest, public ::testing::WithParamInterface<ReadPath> {};

TEST_P(CodeValues, ChineseCodesAndMoneyWithUnitsAreTheContractsValues) {
  auto layers = Valid();
  auto& supplies = layers[2];
  supplies.fields = {{"supply_id", OFTString}, {"supply_date", OFTDate}, {"agreed_start", OFTDate},
                     {"land_use", OFTString},  {"mode", OFTString},      {"price_wan", OFTString},
                     {"idle_cause", OFTString}};
  const Feature base = supplies.features[0];
  supplies.features.clear();
  auto add = [&](const char* id, const char* use, const char* mode, const char* price, const char* cause) {
    Feature f = base;
    f.fields["supply_id"] = id;
    f.fields["land_use"] = use;
    f.fields["mode"] = mode;
    f.fields["price_wan"] = price;
    f.fields["idle_cause"] = cause;
    supplies.features.push_back(f);
  };
  add("S1", "工业用地", "挂牌出让", "75.29万元", "企业原因");
  add("S2", "0701", "划拨", "752900元", "政府原因");
  add("S3", "商业服务业设施用地", "出让", "1200", "无");
  add("S4", "0601", "grant", "12 万元", "mixed");
  add("S5", "0601", "grant", "abc万元", "");  // not a number: rejected, never 0
  Write(Path("c.gpkg"), layers);
  ReadOptions o;
  o.source = Path("c.gpkg");
  UsePath(o, GetParam());
  auto d = ReadInput(o);
  ASSERT_TRUE(d.ok()) << d.status().message();
  const auto& s = d->supplies;
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.land_use[0], "0601");
  EXPECT_EQ(s.land_use[2], "05");
  EXPECT_EQ(s.mode[0], "grant");
  EXPECT_EQ(s.mode[1], "allocation");
  EXPECT_DOUBLE_EQ(s.price_wan[0], 75.29);
  EXPECT_DOUBLE_EQ(s.price_wan[1], 75.29);
  EXPECT_DOUBLE_EQ(s.price_wan[2], 1200.0);
  EXPECT_DOUBLE_EQ(s.price_wan[3], 12.0);
  EXPECT_EQ(s.idle_cause[0], IdleCause::kEnterprise);
  EXPECT_EQ(s.idle_cause[1], IdleCause::kGovernment);
  EXPECT_EQ(s.idle_cause[2], IdleCause::kNone);
  EXPECT_EQ(s.idle_cause[3], IdleCause::kMixed);
  ASSERT_EQ(d->rejects.size(), 1u);
  EXPECT_EQ(d->rejects[0].feature_id, "S5");
  EXPECT_NE(d->rejects[0].reason.find("unparseable price_wan 'abc万元'"), std::string::npos) << d->rejects[0].reason;
}

INSTANTIATE_TEST_SUITE_P(EveryPath, CodeValues, AllReadPaths(), ReadPathName);

}  // namespace
}  // namespace panhuo::testing
