// Internal: the R-tree spatial index of a GeoPackage layer (the gpkg_rtree_index extension),
// packed from every row's envelope at once instead of inserted row by row. SQLite inserts an
// entry into an R-tree in about 10 µs (2.1 s of a scale-10 county's write); packed, the tree is
// its nodes written once. What is written is exactly what SQLite's rtree module reads: the
// virtual table, its node, rowid and parent tables, and the triggers and extension row GDAL
// gives a layer, so that GDAL and QGIS use and maintain it as their own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/sources/sqlite_db.hpp"

namespace panhuo::detail {

// A row's envelope as the index keeps it: floats, each minimum rounded down and each maximum up.
struct RtreeEntry {
  int64_t id;  // the row's key
  float minx, maxx, miny, maxy;
};

// One layer's index: its table, geometry column, key column and the envelope of every row
// whose geometry is neither null nor empty.
struct LayerRtree {
  std::string table, column, key;
  std::vector<RtreeEntry> entries;
};

// Row `id`'s envelope (minx, maxx, miny, maxy) as the index keeps it.
RtreeEntry EntryOf(int64_t id, const double envelope[4]);

// Builds the index of every layer of `layers` in the GeoPackage open as `db` (GDAL has closed
// it), within the caller's transaction; an error names the table.
Status BuildRtrees(sqlite3* db, const std::vector<LayerRtree>& layers);

}  // namespace panhuo::detail
