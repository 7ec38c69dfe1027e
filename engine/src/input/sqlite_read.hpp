// Internal: a GeoPackage layer read through SQLite in one pass, the reader's fastest path. Each
// value is taken as stored, with its storage class, and converted as GDAL converts it where GDAL
// is faithful and from its own text where GDAL would not be (a text in an integer column, a
// date that is no date: what the raw-value query finds on the other paths), so no second pass
// over the table is needed; each geometry is the WKB inside its GeoPackage blob.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <string>
#include <vector>

#include "arrow_read.hpp"  // WkbView
#include "panhuo/core/status.hpp"
#include "panhuo/sources/raw_layer.hpp"

namespace panhuo::detail {

// Whether `layer` of the GeoPackage `ds` can be read so: the dataset is a plain file, the layer
// a table, and every field read of a type SQLite gives as stored (text, integer, integer64 and
// real without a subtype, date). An attribute filter (--where) goes into the query as GDAL puts
// it into its own.
bool SqliteReadable(GDALDataset* ds, OGRLayer* layer, const std::vector<int>& field_index);

// Appends every feature's fid and field values (spec order; field_index < 0: absent) to `raw`,
// in the table's order, and hands each batch's geometries to `on_geometry(first_row, views)`.
// Returns false, with `raw` untouched, when the table cannot be queried as expected (the caller
// then takes another path); sets `error` when the read fails part-way (SQLite's own message: a
// damaged page is "database disk image is malformed").
bool ReadSqlite(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                RawLayer& raw, const std::function<void(size_t, const std::vector<WkbView>&)>& on_geometry,
                Status& error);

}  // namespace panhuo::detail
