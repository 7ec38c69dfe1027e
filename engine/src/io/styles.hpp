// Internal: QGIS default styles (`layer_styles`) and Chinese field titles (`gpkg_data_columns`)
// for the layers of an output GeoPackage being written.
#pragma once

#include <gdal_priv.h>

#include <map>
#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo::detail {

// The Chinese title of each output field, by field name (one meaning per name across layers).
const std::map<std::string, std::string>& FieldTitles();
// The Chinese title of `field` in output layer `layer` (a few names mean something else in one
// layer: `status` of plan_status); empty when there is none.
std::string TitleOf(const std::string& layer, const std::string& field);

// A style row for every layer of `ds` (drawing rules for the layers it knows, Chinese field
// aliases for all), and a Chinese title for every known field. Call after the layers are written.
Status WriteStylesAndTitles(GDALDataset* ds);

}  // namespace panhuo::detail
