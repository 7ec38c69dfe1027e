// Internal: one input layer as read from GDAL, before it is turned into typed columns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "layer_specs.hpp"
#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"

namespace panhuo::detail {

// 48 bytes (a county's layers hold millions): the number is one of i and d, as kind says.
struct Value {
  enum class Kind : uint8_t { kNull, kText, kDate, kInt, kReal, kBad } kind = Kind::kNull;
  Date date{};
  std::string text;  // the text, or the raw value that could not be parsed
  union {
    int64_t i = 0;  // kInt
    double d;       // kReal
  };
};

struct RawLayer {
  const LayerSpec* spec = nullptr;
  std::vector<int64_t> fid;
  std::vector<Value> values;  // fid.size() x spec->fields.size(), row-major
  std::vector<MultiPolygon> polygons;
  std::vector<MultiLineString> lines;  // line layers (GeomKind::kLineOrPolygon) only
  std::vector<uint8_t> repaired;
  std::vector<std::string> reject;  // reason, empty when usable
  const Value& At(size_t row, size_t field) const { return values[row * spec->fields.size() + field]; }
  size_t size() const { return fid.size(); }
};

}  // namespace panhuo::detail
