// No silent loss from a field map or from rejects: a key that is no contract field, a mapped
// source field the source does not have, and a required layer that lost all or most of its
// features to rejects are errors naming file, layer and what is there (with a "did you mean").
#include <gtest/gtest.h>

#include <fstream>

#include "reader_fixture.hpp"

namespace panhuo::testing {
namespace {

class FieldMapTest : public ReaderTest {
 protected:
  Result<InputData> ReadMapped(const std::string& json, bool accept = false) {
    std::ofstream(Path("map.json")) << json;
    ReadOptions o;
    o.source = Path("c.gpkg");
    o.field_map_path = Path("map.json");
    o.accept_rejects = accept;
    return ReadInput(o);
  }
};

TEST_F(FieldMapTest, AKeyThatIsNoContractFieldIsAnErrorWithASuggestion) {
  Write(Path("c.gpkg"), Valid());
  auto r = ReadMapped(R"({"supplies": {"fields": {"agreed_strat": "agreed_start"}}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'supplies.fields.agreed_strat' is not a field of layer supplies"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("did you mean 'agreed_start'"), std::string::npos) << r.status().message();
}

TEST_F(FieldMapTest, AMappedFieldTheSourceLacksIsAnErrorNotANull) {
  Write(Path("c.gpkg"), Valid());
  // holder is optional: without the check every holder would silently be null
  auto r = ReadMapped(R"({"supplies": {"fields": {"holder": "land_usr"}}})");
  ASSERT_FALSE(r.ok());
  const std::string m = r.status().message();
  EXPECT_NE(m.find("layer 'supplies': missing mapped field 'land_usr' (for holder)"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 'land_use'"), std::string::npos) << m;
  EXPECT_NE(m.find("the source has: supply_id, supply_date, agreed_start, land_use"), std::string::npos) << m;
}

TEST_F(FieldMapTest, TheDbfCutOfAContractNameIsThatField) {
  auto layers = Valid();
  layers[1].fields[0].first = "approval_i";  // what a Shapefile keeps of approval_id
  for (auto& f : layers[1].features) f.fields = {{"approval_i", "A1"}, {"approval_date", "2015-03-01"}};
  Write(Path("c.gpkg"), layers);
  auto r = Read(Path("c.gpkg"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->approvals.size(), 1u);
  EXPECT_EQ(r->approvals.id[0], "A1");
  EXPECT_EQ(r->Report("approvals")->fields_from[0], (std::pair<std::string, std::string>{"approval_id", "approval_i"}));
  // a mapped name matches its own cut too; one that is neither is an error with a suggestion
  EXPECT_TRUE(ReadMapped(R"({"approvals": {"fields": {"approval_id": "approval_id"}}})").ok());
  auto m = ReadMapped(R"({"approvals": {"fields": {"approval_id": "approval_no"}}})");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("missing required field 'approval_no' (for approval_id) (did you mean 'approval_i'"),
            std::string::npos) << m.status().message();
}

TEST_F(FieldMapTest, ARequiredLayerLosingMostFeaturesToRejectsFailsTheRead) {
  auto layers = Valid();
  auto& supplies = layers[2].features;
  supplies.push_back(supplies[0]);
  supplies.push_back(supplies[0]);
  supplies[1].fields["supply_id"] = "S2";
  supplies[1].fields["supply_date"] = "";  // required: rejected
  supplies[2].fields["supply_id"] = "S3";
  supplies[2].fields["agreed_start"] = "";
  Write(Path("c.gpkg"), layers);
  auto r = Read(Path("c.gpkg"), false);
  ASSERT_FALSE(r.ok());
  const std::string m = r.status().message();
  EXPECT_NE(m.find("layer 'supplies' (supplies): 2 of 3 features rejected"), std::string::npos) << m;
  EXPECT_NE(m.find("--accept-rejects"), std::string::npos) << m;
  ReadOptions o;
  o.source = Path("c.gpkg");
  o.accept_rejects = true;
  auto accepted = ReadInput(o);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_EQ(accepted->supplies.size(), 1u);
}

TEST_F(FieldMapTest, HalfRejectedIsStillRead) {
  auto layers = Valid();
  auto& supplies = layers[2].features;
  supplies.push_back(supplies[0]);
  supplies[1].fields["supply_id"] = "S2";
  supplies[1].fields["supply_date"] = "";
  Write(Path("c.gpkg"), layers);
  auto r = Read(Path("c.gpkg"), false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->supplies.size(), 1u);
}

}  // namespace
}  // namespace panhuo::testing
