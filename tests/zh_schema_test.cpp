// The Chinese schema (--schema zh, docs/data.md section 4) and text encodings: names and
// their DBF cuts, units from a name's parentheses, the order of preference among aliases, a field
// map over the schema, yes/no flags, and text that is valid UTF-8 whatever the source held.
#include <gtest/gtest.h>

#include <cpl_string.h>
#include <fstream>

#include "cli_support.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/sources/zh_schema.hpp"
#include "reader_fixture.hpp"

namespace panhuo::testing {
namespace {

using detail::DbfCut;
using detail::SplitName;

TEST(ZhNames, TheDbfCutCountsGbkBytesAndNeverSplitsACharacter) {
  EXPECT_EQ(DbfCut("土地使用权人"), "土地使用权");  // 12 GBK bytes -> 10
  EXPECT_EQ(DbfCut("统一社会信用代码"), "统一社会信");
  EXPECT_EQ(DbfCut("approval_id"), "approval_i");
  EXPECT_EQ(DbfCut("a土地使用权人"), "a土地使用");  // 9 bytes: the next character would need 11
  EXPECT_EQ(DbfCut("行政区代码"), "行政区代码");  // exactly 10: as it is
}

TEST(ZhNames, AUnitInParenthesesIsSplitOffHalfOrFullWidth) {
  EXPECT_EQ(SplitName(" 成交价格(元) ").base, "成交价格");
  EXPECT_EQ(SplitName(" 成交价格(元) ").unit, "元");
  EXPECT_EQ(SplitName("目标任务（亩）").base, "目标任务");
  EXPECT_EQ(SplitName("目标任务（亩）").unit, "亩");
  EXPECT_EQ(SplitName("价款(万").unit, "万");  // a cut left the parenthesis open
  EXPECT_EQ(SplitName("XZQDM").base, "XZQDM");
  EXPECT_EQ(detail::UnitFor("price_wan", "元").factor, 1e-4);
  EXPECT_EQ(detail::UnitFor("price_wan", "万元").factor, 1.0);
  EXPECT_DOUBLE_EQ(detail::UnitFor("target_ha", "亩").factor, 1.0 / 15);
  EXPECT_EQ(detail::UnitFor("target_ha", "平方米").factor, 1e-4);
  EXPECT_EQ(detail::UnitFor("year", "元").factor, 1.0);
}

TEST(ZhNames, LayersByNameThenByTheNamesStart) {
  const std::vector<std::string> have = {"农村建设用地2021", "供地地块（2021年）", "建设用地", "xzq"};
  EXPECT_EQ(detail::MatchLayer("zh", "rural_plots", have), 0);
  EXPECT_EQ(detail::MatchLayer("zh", "supplies", have), 1);
  EXPECT_EQ(detail::MatchLayer("zh", "construction", have), 2);
  EXPECT_EQ(detail::MatchLayer("zh", "towns", have), 3);  // Latin letters in any case
  EXPECT_EQ(detail::MatchLayer("zh", "targets", have), -1);
  EXPECT_EQ(detail::MatchLayer("", "supplies", have), -1);  // no schema: no Chinese names
}

TEST(ZhNames, TheEarlierAliasWinsAndASourceFieldFeedsOneContractField) {
  const auto& spec = detail::LayerSpecs()[2];  // supplies
  ASSERT_STREQ(spec.name, "supplies");
  const std::vector<std::string> have = {"监管号", "电子监管号", "价款(元)", "土地使用权"};
  const auto m = detail::MatchFields("zh", spec, have, {});
  EXPECT_EQ(m[0].index, 1);  // supply_id: 电子监管号 comes before 监管号 in the table
  EXPECT_EQ(m[5].index, 2);  // price_wan
  EXPECT_EQ(m[5].unit.note, "÷10000");
  EXPECT_EQ(m[6].index, 3);  // holder: 土地使用权人 cut to 10 bytes
  const auto mapped = detail::MatchFields("zh", spec, have, {{"supply_id", "监管号"}});
  EXPECT_EQ(mapped[0].index, 0);  // a field map overrides the schema
  EXPECT_EQ(detail::MatchFields("", spec, have, {})[0].index, -1);
}

TEST(ZhText, InvalidUtf8IsRepaired) {
  EXPECT_EQ(detail::ValidUtf8("新桥镇"), "新桥镇");
  EXPECT_EQ(detail::ValidUtf8("\xD0\xC2\xC7\xC5\xD5\xF2"), "新桥镇");  // GBK bytes
  for (const std::string bad : {"a\xFF\xFE" "b", "a\x80", "a\xC3"}) {
    const std::string fixed = detail::ValidUtf8(bad);
    EXPECT_TRUE(CPLIsUTF8(fixed.c_str(), -1)) << fixed;
    EXPECT_EQ(fixed.front(), 'a');
  }
}

// A small county under Chinese names: layer 行政区 etc., money in yuan, flags as 是/否.
std::vector<LayerDef> ChineseCounty(const std::string& town_name = "新桥镇") {
  auto l = Valid();
  l[0].name = "行政区";
  l[0].fields = {{"行政区代码", OFTString}, {"名称", OFTString}, {"类型", OFTString}};
  l[0].features[0].fields = {{"行政区代码", "320281001"}, {"名称", town_name}, {"类型", "镇"}};
  l[1].name = "报批地块";
  l[1].fields = {{"地块编号", OFTString}, {"批准日期", OFTString}};
  l[1].features[0].fields = {{"地块编号", "A1"}, {"批准日期", "2015年3月1日"}};
  l[2].name = "供地（2016）";
  l[2].fields = {{"电子监管号", OFTString}, {"签订日期", OFTString}, {"约定开工时", OFTString},
                 {"成交价格(元)", OFTReal}, {"闲置原因", OFTString}, {"备注", OFTString}};
  l[2].features[0].fields = {{"电子监管号", "S1"}, {"签订日期", "20160101"}, {"约定开工时", "2016.06.01"},
                             {"成交价格(元)", "752900"}, {"闲置原因", "企业原因"}, {"备注", "x"}};
  l[3].name = "JSTB";
  l[3].fields = {{"bsm", OFTString}, {"监测日期", OFTString}};
  l[3].features[0].fields = {{"bsm", "B1"}, {"监测日期", "2017/1/1"}};
  l.push_back({"村庄用地", wkbMultiPolygon, {{"地块编号", OFTString}, {"是否保留村庄", OFTString}, {"是否闲置", OFTString}},
               {{{{"地块编号", "R1"}, {"是否保留村庄", "是"}, {"是否闲置", "N"}}, Sq(520500, 3520500, 10)}}});
  return l;
}

class ZhRead : public ReaderTest {
 protected:
  Result<InputData> ReadZh(const std::string& source, const std::string& map_json = "") {
    ReadOptions o;
    o.source = source;
    o.schema = "zh";
    if (!map_json.empty()) {
      std::ofstream(Path("map.json")) << map_json;
      o.field_map_path = Path("map.json");
    }
    return ReadInput(o);
  }
};

TEST_F(ZhRead, ChineseNamesCodesUnitsDatesAndFlagsAreTheContracts) {
  Write(Path("c.gpkg"), ChineseCounty());
  auto r = ReadZh(Path("c.gpkg"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->towns.name[0], "新桥镇");
  EXPECT_EQ(r->towns.kind[0], "town");
  EXPECT_EQ(r->approvals.date[0].ToString(), "2015-03-01");
  ASSERT_EQ(r->supplies.size(), 1u);
  EXPECT_DOUBLE_EQ(r->supplies.price_wan[0], 75.29);
  EXPECT_EQ(r->supplies.agreed_start[0].ToString(), "2016-06-01");
  EXPECT_EQ(r->supplies.idle_cause[0], IdleCause::kEnterprise);
  ASSERT_EQ(r->rural_plots.size(), 1u);
  EXPECT_EQ(r->rural_plots.retained[0], 1);
  EXPECT_EQ(r->rural_plots.idle[0], 0);
  const LayerReport* s = r->Report("supplies");
  EXPECT_EQ(s->source_layer, "供地（2016）");
  EXPECT_EQ(s->unused_fields, std::vector<std::string>{"备注"});
  bool price = false;
  for (const auto& [field, from] : s->fields_from) price = price || (field == "price_wan" && from == "成交价格(元) (÷10000)");
  EXPECT_TRUE(price);
}

// The v3 layers under their Chinese names: 储备地块, a constraint layer named by its start, and
// 企业集团名录, which starts with the enterprises' name 企业 but is the groups' (企业集团).
TEST_F(ZhRead, TheStockListLayersUnderTheirChineseNamesCodesAndTrimmedGroups) {
  auto l = ChineseCounty();
  l.push_back({"储备地块", wkbMultiPolygon, {{"储备编号", OFTString}, {"收储日期", OFTString}, {"收储方式", OFTString}},
               {{{{"储备编号", "CB1"}, {"收储日期", "2019年5月1日"}, {"收储方式", "依法收回"}}, Sq(520500, 3520500, 10)},
                {{{"储备编号", "CB2"}, {"收储日期", "20200101"}, {"收储方式", "置换"}}, Sq(520600, 3520500, 10)}}});
  l.push_back({"生态保护红线（2020版）", wkbMultiPolygon, {{"标识码", OFTString}, {"管控类型", OFTString}, {"名称", OFTString}},
               {{{{"标识码", "G1"}, {"管控类型", "生态红线"}, {"名称", "长江湿地"}}, Sq(520700, 3520500, 10)},
                {{{"标识码", "G2"}, {"管控类型", "湿地公园"}, {"名称", "x"}}, Sq(520800, 3520500, 10)}}});
  l.push_back({"企业集团名录", wkbNone, {{"企业名称", OFTString}, {"所属集团", OFTString}},
               {{{{"企业名称", "  华澄化纤有限公司\t"}, {"所属集团", " 华澄集团 "}}, ""},
                {{{"企业名称", "华澄化纤有限公司"}, {"所属集团", "别的集团"}}, ""},
                {{{"企业名称", "　"}, {"所属集团", "空集团"}}, ""}}});
  Write(Path("c.gpkg"), l);
  auto r = ReadZh(Path("c.gpkg"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->reserves.size(), 2u);
  EXPECT_EQ(r->reserves.acquired_date[0].ToString(), "2019-05-01");
  EXPECT_EQ(r->reserves.kind[0], "recovered");
  EXPECT_EQ(r->reserves.kind[1], "other");  // anything else is "other"
  ASSERT_EQ(r->constraints.size(), 2u);
  EXPECT_EQ(r->constraints.kind[0], "ecological_redline");
  EXPECT_EQ(r->constraints.kind[1], "other");
  EXPECT_EQ(r->Report("constraints")->source_layer, "生态保护红线（2020版）");
  EXPECT_FALSE(r->Present("enterprises"));  // 企业集团名录 is not the enterprises' layer
  ASSERT_EQ(r->holder_groups.size(), 1u);      // the holder repeated after trimming, the blank one
  EXPECT_EQ(r->holder_groups.holder[0], "华澄化纤有限公司");
  EXPECT_EQ(r->holder_groups.group_name[0], "华澄集团");
  EXPECT_EQ(r->Report("holder_groups")->rejected, 2);
}

TEST_F(ZhRead, AFieldMapOverridesTheSchemaAndEnglishNamesStillWork) {
  auto l = ChineseCounty();
  l[2].fields.push_back({"price_wan", OFTReal});
  l[2].features[0].fields["price_wan"] = "12.5";
  l[2].fields.push_back({"其他价格", OFTReal});
  l[2].features[0].fields["其他价格"] = "99";
  Write(Path("c.gpkg"), l);
  auto r = ReadZh(Path("c.gpkg"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->supplies.price_wan[0], 12.5);  // the contract's own name comes first
  auto m = ReadZh(Path("c.gpkg"), R"({"supplies": {"fields": {"price_wan": "其他价格"}}})");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_DOUBLE_EQ(m->supplies.price_wan[0], 99.0);
}

TEST_F(ZhRead, WithoutTheSchemaChineseNamesFailWithAHint) {
  Write(Path("c.gpkg"), ChineseCounty());
  auto r = Read(Path("c.gpkg"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("the source has: 行政区"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("try --schema zh"), std::string::npos) << r.status().message();
}

TEST_F(ZhRead, InvalidBytesInASourceAreValidUtf8InTheOutput) {
  // a GeoPackage holding GBK bytes and bytes that are nothing: SQLite keeps them as they are
  Write(Path("c.gpkg"), ChineseCounty("\xD0\xC2\xC7\xC5\xD5\xF2\xFF"));
  const auto r = Exec("scan " + Path("c.gpkg") + " --schema zh --as-of 2021-12-31 -q -o " + Path("out.gpkg"));
  ASSERT_EQ(r.code, 0) << r.out;
  Ds out = Open(Path("out.gpkg"));
  ASSERT_TRUE(out);
  OGRLayer* towns = out->GetLayerByName("towns");
  ASSERT_TRUE(towns);
  std::unique_ptr<OGRFeature> f(towns->GetNextFeature());
  ASSERT_TRUE(f);
  const std::string name = f->GetFieldAsString("town_name");
  EXPECT_TRUE(CPLIsUTF8(name.c_str(), -1)) << name;
  EXPECT_EQ(name.rfind("新桥镇", 0), 0u) << name;
}

}  // namespace
}  // namespace panhuo::testing
