// Internal: a value as its source stores it, before it is converted to a field's type: what an
// Arrow column (arrow_read.cpp) or an SQLite column (sqlite_read.cpp) holds at a row. Both fast
// paths convert through ConvertStored, with the same rules as the feature-by-feature reader
// (reader.cpp, ReadValue).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "panhuo/sources/raw_layer.hpp"

namespace panhuo::detail {

struct StoredValue {
  enum class Kind : uint8_t { kNull, kText, kInt, kReal, kDay, kTicks, kOther } kind = Kind::kNull;
  std::string_view text;  // kText: the bytes as stored
  int64_t i = 0;          // kInt; kTicks: time since 1970-01-01 in units of 1 / per_day day
  double d = 0;           // kReal
  int32_t day = 0;        // kDay: days since 1970-01-01
  int64_t per_day = 1;    // kTicks
};

// `v` as a value of a field of type `type`: null, the value, or kBad with the text it had.
Value ConvertStored(const StoredValue& v, FieldType type);

// A real as text: %.15g.
std::string RealText(double d);

}  // namespace panhuo::detail
