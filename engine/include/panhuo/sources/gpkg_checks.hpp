// Internal: what a GeoPackage's SQLite file holds that GDAL would hide from the reader.
//
// A damaged file: GDAL 3.6's Arrow stream can return empty batches, or stop early without a
// word, on pages overwritten with garbage; SQLite's `PRAGMA quick_check` finds such damage in
// time linear in the file (see the README's figures), so it runs once per GeoPackage, on the
// checks' thread while the layers are read (raw_value_checks.hpp), and its verdict is taken
// before anything made from what was read leaves the process (ReadOptions::defer_source_checks).
//
// Values GDAL changes: GDAL converts a DATE, DATETIME, REAL or INTEGER column itself and turns
// what it cannot convert into 0, 1970-01-01 or null, or rolls an impossible date over
// (2021-02-29 becomes 2021-03-01), with at most a warning; text is cut at an embedded NUL. One
// query per layer finds the rows whose raw value is not what GDAL would faithfully give, and the
// reader takes those values from the raw text instead (parsed like any text, or unparseable).
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/sources/raw_layer.hpp"

class GDALDataset;
class OGRLayer;

namespace panhuo::detail {

// True when `ds` is a GeoPackage (the checks below apply).
bool IsGeoPackage(GDALDataset* ds);

// `PRAGMA quick_check`; an error naming `source` when SQLite finds the file damaged.
Status CheckGpkgIntegrity(GDALDataset* ds, const std::string& source);

// Replaces, in `raw`, every value of the mapped fields (field_index >= 0) whose raw SQLite value
// GDAL would not have given faithfully, by the value parsed from the raw text (or an
// unparseable value quoting it). Rows are matched by fid.
Status TakeRawValues(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                     RawLayer& raw);

// The same in three steps, so that the query can run on a dataset of its own (another thread)
// while the layer is read: the query of a layer (empty sql when no field needs one), its run
// (the corrected values by fid and spec field), and their application to the rows read.
struct RawValueQuery {
  std::string sql;
  std::vector<size_t> checked;  // spec field of each triple of result columns
};
struct RawCorrection {
  int64_t fid;
  size_t field;
  Value value;
};
RawValueQuery RawValueQueryOf(OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index);
Status RunRawValueQuery(GDALDataset* ds, const RawValueQuery& q, const LayerSpec& spec,
                        std::vector<RawCorrection>& out);
void ApplyRawCorrections(std::vector<RawCorrection>& corrections, RawLayer& raw);

// The conversions of a text value to each field type, shared with the Arrow and OGR paths.
Value TextValue(const std::string& text, FieldType type);

}  // namespace panhuo::detail
