// Internal: QGIS default styles (`layer_styles`) and Chinese field titles (`gpkg_data_columns`)
// for the layers of an output GeoPackage being written.
#pragma once

#include <gdal_priv.h>

#include <map>
#include <string>

#include "panhuo/core/status.hpp"
#include "panhuo/model/field_titles.hpp"

namespace panhuo::detail {

// A style row for every layer of `ds` (drawing rules for the layers it knows, Chinese field
// aliases for all), and a Chinese title for every known field. Call after the layers are written.
Status WriteStylesAndTitles(GDALDataset* ds);

}  // namespace panhuo::detail
