// PostgreSQL/PostGIS as an output: a finished GeoPackage's layers copied into a schema of the
// database, swapped in atomically (see engine/src/sinks/postgis_sink.cpp). Reading a county from
// PostGIS needs nothing of its own: any GDAL source works as input, "PG:..." included.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"
#include "panhuo/core/text.hpp"  // MaskPassword

namespace panhuo {

// Whether an output names a PostgreSQL connection ("PG:...").
bool IsPostgis(const std::string& output);

// Up front, before any work: the database can be reached, has PostGIS, the schema name is a
// plain identifier, and an existing schema of that name may be replaced (`overwrite`).
Status CheckPostgisWritable(const std::string& conn, const std::string& schema, bool overwrite);

// Copies every layer of `gpkg` (but its QGIS styles) into `schema` of the database `conn`
// ("PG:..."): tables with primary keys, GiST indexes and Chinese column comments, written into a
// fresh schema and renamed to `schema` in one transaction only when all of them were written.
Status CopyToPostgis(const std::string& gpkg, const std::string& conn, const std::string& schema, bool overwrite);

}  // namespace panhuo
