// Internal: what the reader says when a layer's fields or features do not add up: the fields a
// source has, the likely one meant ("did you mean"), field-map keys that name no contract field,
// and required layers that lost all or most of their features to rejects.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "panhuo/core/status.hpp"
#include "panhuo/model/layer_specs.hpp"
#include "panhuo/model/layers.hpp"

namespace panhuo::detail {

struct LayerMapping {
  std::string layer;                          // source layer name, empty: contract name
  std::map<std::string, std::string> fields;  // contract field -> source field
};

// The field-mapping file at `path` (none when empty): contract layer -> its mapping.
Result<std::map<std::string, LayerMapping>> LoadFieldMap(const std::string& path);

// "the source has: a, b, c" for the fields of a layer.
std::string SourceFields(OGRFeatureDefn* defn);

// " (did you mean 'x'?)" for the candidate closest to `name` (edit distance, or the 10-byte
// cut of a DBF field name), or "" when none is close.
std::string DidYouMean(const std::string& name, const std::vector<std::string>& candidates);

// Every key of a field map's "fields" must be a field of the contract layer.
Status CheckMappedKeys(const LayerSpec& spec, const std::map<std::string, std::string>& fields,
                       const std::string& map_path);

// A required layer whose features were all rejected, or more than half of them, fails the read
// (unless `accept`), with its rejects counted by reason.
Status CheckRejectShare(const InputData& data, const std::vector<std::string>& required, bool accept);

}  // namespace panhuo::detail
