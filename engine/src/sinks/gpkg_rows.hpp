// Internal: the rows of output tables inserted into their layers of a GeoPackage through SQLite
// directly, once GDAL has made the layers (empty) and closed the file: one prepared statement a
// layer, every row bound as the GeoPackage stores it (text, integers, reals, dates as
// "YYYY-MM-DD", the geometry as a GeoPackage blob with its envelope and little-endian WKB, as
// GDAL writes it), all in one transaction; then each layer's extent and feature count as GDAL
// records them, and the envelopes for its packed R-tree (gpkg_rtree.hpp).
#pragma once

#include <string>
#include <vector>

#include "gpkg_rtree.hpp"
#include <functional>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo::detail {

// Inserts every row of `tables` into the layer of its name in the closed GeoPackage `path`; the
// envelope of each row with a geometry goes into `rtrees` (one entry a layer with geometry).
// `progress(i, done, total)` after each 4,096 rows of table i; false cancels.
Status InsertRows(const std::string& path, const std::vector<Table>& tables, std::vector<LayerRtree>& rtrees,
                  const std::function<bool(size_t, size_t, size_t)>& progress = {});

}  // namespace panhuo::detail
