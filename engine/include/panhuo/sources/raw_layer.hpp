// Internal: one input layer as read from GDAL, before it is turned into typed columns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"
#include "panhuo/model/layer_specs.hpp"

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

// Why a row cannot be used, in 8 bytes (a layer has millions of rows, nearly all usable): empty,
// or the text. Rows are set from many threads, each its own.
class Reason {
 public:
  bool empty() const { return !text_; }
  const std::string& str() const { return text_ ? *text_ : Empty(); }
  operator const std::string&() const { return str(); }
  Reason& operator=(std::string text) {
    if (text.empty()) text_.reset();
    else text_ = std::make_unique<std::string>(std::move(text));
    return *this;
  }

 private:
  static const std::string& Empty() {
    static const std::string empty;
    return empty;
  }
  std::unique_ptr<std::string> text_;
};

struct RawLayer {
  const LayerSpec* spec = nullptr;
  std::vector<int64_t> fid;
  std::vector<Value> values;  // fid.size() x spec->fields.size(), row-major
  std::vector<MultiPolygon> polygons;
  std::vector<MultiLineString> lines;  // line layers (GeomKind::kLineOrPolygon) only
  std::vector<uint8_t> repaired;
  std::vector<Reason> reject;  // why a row cannot be used; empty when usable
  const Value& At(size_t row, size_t field) const { return values[row * spec->fields.size() + field]; }
  size_t size() const { return fid.size(); }
};

}  // namespace panhuo::detail
