// Internal: how a source's layer and field names stand for the contract's. Without a schema a
// field is found by its contract name (any case, or its 10-byte DBF cut); with the built-in
// Chinese schema `zh` (docs/data.md, section 4) also by the layer names and field aliases of its
// tables. A unit in a name's parentheses ("成交价格(元)") scales the values read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "panhuo/model/layer_specs.hpp"
#include "panhuo/sources/raw_layer.hpp"

namespace panhuo::detail {

// A name without surrounding spaces and without its parenthesised part ("(元)", "（公顷）"; a
// parenthesis a cut left open too), and the text inside the parentheses.
struct NameParts {
  std::string base;
  std::string unit;
};
NameParts SplitName(const std::string& name);

// `utf8` as a DBF keeps a field name: at most 10 bytes in GBK (CP936), never half a character;
// returned in UTF-8. A name that fits is returned as it is.
std::string DbfCut(const std::string& utf8);

// The names a contract layer goes by under `schema` ("" or "zh"), in table order; the contract
// name itself is not among them.
const std::vector<std::string>& SchemaLayerNames(const std::string& schema, const std::string& layer);
// The aliases of a contract field under `schema`, in table order (the earlier wins a tie).
const std::vector<std::string>& SchemaFieldAliases(const std::string& schema, const std::string& layer,
                                                   const std::string& field);

// The source layer (index into `source_layers`) that stands for contract layer `layer` under
// `schema`: a name equal to one of its names first, then a name starting with one; -1 if none.
int MatchLayer(const std::string& schema, const std::string& layer, const std::vector<std::string>& source_layers);

// The factor from a field's unit to the contract's (money in 10,000 CNY, area in hectares) and how
// to say it ("÷10000"); factor 1 and "" for the contract's own unit or none.
struct UnitScale {
  double factor = 1.0;
  std::string note;
};
UnitScale UnitFor(const std::string& field, const std::string& unit);

// Which source field feeds each contract field (-1: none), and its unit.
struct FieldSource {
  int index = -1;
  UnitScale unit;
};
// `mapped`: contract field -> source name from a field map, which then is the only name tried.
// Otherwise the contract name, then the schema's aliases in order; for each name an equal source
// name first (case-insensitive for Latin letters, units and spaces aside), then its DBF cut. A
// source field already taken by an earlier contract field is not taken again.
std::vector<FieldSource> MatchFields(const std::string& schema, const LayerSpec& spec,
                                     const std::vector<std::string>& source_names,
                                     const std::map<std::string, std::string>& mapped);

// Values as the contract means them: numbers in the unit of their field's name converted (text
// that carries its own unit, "75.29万元", is read in that unit), and yes/no flags written as
// 是/否, Y/N, true/false taken as 1/0.
void ApplyUnitsAndFlags(RawLayer& raw, const std::vector<FieldSource>& sources);

// Whether `names` look like the Chinese schema's: any of them is not plain ASCII.
bool LooksChinese(const std::vector<std::string>& names);

}  // namespace panhuo::detail
