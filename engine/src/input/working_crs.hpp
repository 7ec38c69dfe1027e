// Internal: the reader's CRS decisions (see panhuo/input/reader.hpp).
#pragma once

#include <ogr_spatialref.h>

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"

namespace panhuo::detail {

// "EPSG:4549", a CRS's name, or "none".
std::string CrsName(const OGRSpatialReference* srs);

// The CRS most of `crs` share (a tie goes to that of "supplies" in `names`); geographic data goes
// to the CGCS2000 3-degree Gauss-Krüger zone of the centre of `extents`.
Result<OGRSpatialReference> ChooseWorkingCrs(std::vector<const OGRSpatialReference*> crs,
                                             const std::vector<std::string>& names,
                                             const std::vector<OGREnvelope>& extents);

}  // namespace panhuo::detail
