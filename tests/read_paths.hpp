// The reader's three paths over a GeoPackage, for the tests that run on each: SQLite in one pass
// (the default), GDAL's Arrow stream with the raw-value queries, feature by feature.
#pragma once

#include <gtest/gtest.h>

#include "panhuo/input/reader.hpp"

namespace panhuo {

enum class ReadPath { kSqlite, kArrow, kFeatures };

inline void UsePath(ReadOptions& o, ReadPath p) {
  o.arrow = p != ReadPath::kFeatures;
  o.sqlite = p == ReadPath::kSqlite;
}

inline const char* PathName(ReadPath p) {
  return p == ReadPath::kSqlite ? "Sqlite" : p == ReadPath::kArrow ? "Arrow" : "Features";
}

inline auto AllReadPaths() { return ::testing::Values(ReadPath::kSqlite, ReadPath::kArrow, ReadPath::kFeatures); }

inline std::string ReadPathName(const ::testing::TestParamInfo<ReadPath>& i) { return PathName(i.param); }

}  // namespace panhuo
