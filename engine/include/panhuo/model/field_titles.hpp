// The Chinese titles of the output fields: the sinks write them beside the fields, and the
// reader finds a ledger's plan columns by them.
#pragma once

#include <map>
#include <string>

namespace panhuo::detail {

// The Chinese name of each input layer (towns 镇街, approvals 农用地转用批准, ...).
const std::map<std::string, std::string>& InputLayerTitles();

// The Chinese title of each output field, by field name (one meaning per name across layers).
const std::map<std::string, std::string>& FieldTitles();
// The Chinese title of a field of an output layer: the layer's own where a name means something
// else there (reserve_unsupplied.unsupplied_ha), else FieldTitles(); empty when none.
std::string FieldTitle(const std::string& layer, const std::string& field);

}  // namespace panhuo::detail
