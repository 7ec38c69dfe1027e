// Internal: a county's name from the GB/T 2260 code its towns' codes start with (the table in
// engine/data/county_codes.csv, compiled in), for the titles of the documents.
#pragma once

#include <string>

#include "panhuo/model/layers.hpp"

namespace panhuo::detail {

struct CountyName {
  std::string code;      // six digits; empty when the towns do not share them
  std::string name;      // 江阴市; empty when the code is not in the table
  std::string province;  // 江苏省
  std::string city;      // 无锡市 (empty for a county under a province or a municipality)
};

// The county of `data`: the six digits every town code starts with, and that code's entry.
CountyName CountyOf(const InputData& data);

// The name a document gives the county: `given` (--county-name) when not empty, else the
// table's name for the towns' code, else empty.
std::string CountyNameFor(const InputData& data, const std::string& given);

}  // namespace panhuo::detail
