// Internal: the text encoding of a Shapefile's DBF and text that is always valid UTF-8.
//
// GDAL's Shapefile driver reads a DBF in the encoding its .cpg names, else the one its language
// driver byte (LDID, 0x4D = CP936) names, and leaves the bytes as they are when there is neither.
// For that last case the content decides: UTF-8 when every name and text value is valid UTF-8,
// else GB18030 (the superset of GBK that county data is written in).
#pragma once

#include <string>

class GDALDataset;
class OGRLayer;

namespace panhuo::detail {

bool IsShapefile(GDALDataset* ds);

// How GDAL reads `layer` of a Shapefile source: "CP936 (cpg)", "CP936 (ldid)", or "" when it
// found neither and reads the bytes as they are.
std::string EncodingGdalFound(OGRLayer* layer);

// Whether every field name and every text value of `layer` is valid UTF-8 (reads it through).
bool AllTextUtf8(OGRLayer* layer);

// `text` as valid UTF-8: as it is when it already is, else decoded as GB18030, else with every
// invalid byte replaced by U+FFFD.
std::string ValidUtf8(const std::string& text);

}  // namespace panhuo::detail
