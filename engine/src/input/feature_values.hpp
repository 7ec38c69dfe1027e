// Internal: one field value of an OGR feature, converted as the contract's field type.
#pragma once

#include "panhuo/model/layer_specs.hpp"
#include "panhuo/sources/raw_layer.hpp"

class OGRFeature;

namespace panhuo::detail {

// The value of field `idx` (< 0: absent, null) of `f` as `type`: null, the typed value, or
// unparseable with the text that could not be parsed.
Value ReadValue(OGRFeature& f, int idx, FieldType type);

}  // namespace panhuo::detail
