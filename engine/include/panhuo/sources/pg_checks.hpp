// Internal: PostGIS geometry as it is stored. GDAL gives a PostGIS layer one CRS, that of the
// column (or of its first row when the column is not constrained), and reads a `geography` column
// without one. The reader asks the database itself: a geography column is in the SRID of its
// type (EPSG:4326 unless it names another), and a row whose SRID is not the layer's is rejected
// with both SRIDs named, instead of being taken in the layer's CRS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"

class GDALDataset;
class OGRLayer;

namespace panhuo::detail {

bool IsPostgisDataset(GDALDataset* ds);

// The SRID of `layer`'s geometry column when it is a PostGIS `geography` column, else none.
std::optional<int> GeographySrid(GDALDataset* ds, OGRLayer* layer);

// The fids of `layer` whose geometry's SRID is not `srid`, each with its own SRID (rows with a
// null geometry aside). An error naming the layer when the layer has no fid column and its rows
// hold several SRIDs.
struct SridRow {
  int64_t fid;
  int srid;
};
Result<std::vector<SridRow>> RowsOfOtherSrid(GDALDataset* ds, OGRLayer* layer, int srid);

}  // namespace panhuo::detail
