// Outputs in any GDAL vector format that can create layers, as ogr2ogr's -f takes them. Every
// command writes its result as a GeoPackage first (styles, Chinese field titles, R-trees, the
// atomic write); an output asked for in another format is then made from that GeoPackage, layer
// by layer and row by row, under a temporary name, and takes its name with the run's other
// outputs. The GeoPackage stays the source of the run's CSV files, ledger and PostGIS copy.
//
// Formats of one layer a file (GeoJSON, FlatGeobuf, ESRI Shapefile) are written as a folder with
// a file per layer; OpenFileGDB as a .gdb folder. FlatGeobuf (GDAL 3.6) drops rows without
// geometry: a table, or a layer with such rows (rejects), is a CSV file in the folder instead,
// the geometry as WKT. GeoJSON keeps no field list for a layer without rows. A format that cuts or changes field names (a
// Shapefile's DBF keeps 10 bytes) gets "字段说明.txt" beside its layers: per layer, each field
// as the format holds it, its full name and its Chinese title.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo {

// The GDAL driver of an output: `format` (-f, a driver's short name, any case) or, when empty,
// the one the extension of `path` names (.gpkg, .gdb, .geojson, .fgb, .shp, ...); an error
// message in `error` when the driver is unknown, cannot create vector layers, or does not
// match the extension.
bool ResolveOutputDriver(const std::string& format, const std::string& path, std::string& driver, std::string& error);

// Records that `output` is to be written with `driver` (GPKG unless recorded).
void SetOutputDriver(const std::string& output, const std::string& driver);
std::string OutputDriverOf(const std::string& output);

// The file with the fields' names and titles written beside layers whose field names the
// format changed.
inline constexpr const char* kFieldNamesFile = "字段说明.txt";

// Writes every layer of the finished GeoPackage `gpkg` (QGIS's style table aside) into a new
// dataset `out` of `driver`. An error naming the layer when one cannot be written whole.
Status ConvertGeoPackage(const std::string& gpkg, const std::string& out, const std::string& driver);

}  // namespace panhuo
