// Internal: the contract's input layers as data (fields, types, which are required), shared by
// the reader and its report.
#pragma once

#include <string>
#include <vector>

namespace panhuo::detail {

enum class FieldType { kText, kDate, kInt, kReal };
enum class GeomKind { kNone, kPolygon, kLineOrPolygon };

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required;
};

struct LayerSpec {
  const char* name;
  GeomKind geom;
  std::vector<FieldSpec> fields;
  // fields forming the unique key of a feature ("A repeated id: lowest fid kept"); empty: none
  std::vector<int> key_fields;
  int date_field = -1;  // main date of the layer, for the report's date range
};

const std::vector<LayerSpec>& LayerSpecs();

}  // namespace panhuo::detail
