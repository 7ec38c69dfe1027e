// Internal: the rows of output tables inserted into their layers of a GeoPackage through SQLite
// directly, once GDAL has made the layers (empty) and closed the file: one prepared statement a
// layer, every row bound as the GeoPackage stores it (text, integers, reals, dates as
// "YYYY-MM-DD", the geometry as a GeoPackage blob with its envelope and little-endian WKB, as
// GDAL writes it), all in one transaction; then each layer's extent and feature count as GDAL
// records them, and its packed R-tree (gpkg_rtree.hpp).
#pragma once

#include <string>
#include <vector>

#include "gpkg_rtree.hpp"
#include <functional>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo::detail {

// Inserts every row of `tables` into the layer of its name in the closed GeoPackage `path`, then
// packs each layer's R-tree from the rows' envelopes, all in one transaction.
// `progress(i, done, total)` after each 4,096 rows of table i; false cancels.
Status InsertRowsAndIndexes(const std::string& path, const std::vector<Table>& tables,
                            const std::function<bool(size_t, size_t, size_t)>& progress = {});

}  // namespace panhuo::detail
