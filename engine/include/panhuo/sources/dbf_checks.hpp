// Internal: numbers in a Shapefile's DBF as they are written. GDAL reads a numeric (N or F)
// field's text with a lenient parse: 'abc' becomes 0, '1.2.3' 1.2, '12-34' 12, '1,5' 1. The reader checks
// the numeric fields it uses against the file's own text: a value that is not one whole number
// becomes a value that cannot be parsed, so that its feature is rejected with the text as read.
#pragma once

#include <string>
#include <vector>

#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/core/status.hpp"
#include "panhuo/model/layer_specs.hpp"

class GDALDataset;
class OGRLayer;

namespace panhuo::detail {

// Whether `text` (spaces around it aside) is one number as a DBF numeric field holds it:
// a sign, digits with at most one decimal point, an exponent; or blank, or filled with '*' (the
// null shapelib writes, which GDAL reads as null: a number too long for its field, which some
// writers mark the same way, cannot be told from it).
bool IsDbfNumber(const std::string& text);

// The corrections of `layer` (a layer of the Shapefile dataset `ds`): for each contract field
// read from a numeric DBF field (`field_index`, per contract field, -1 when absent), each record
// whose text is not a number. An error naming the file when the .dbf cannot be read.
Status CheckDbfNumbers(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                       std::vector<RawCorrection>& out);

}  // namespace panhuo::detail
