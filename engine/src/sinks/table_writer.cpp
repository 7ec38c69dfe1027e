// The table sinks' two writers: a table as a layer of a GDAL dataset, and as a CSV file. Each
// takes the table and the output schema (its field types: a declared 32-bit integer stays one),
// never findings.
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/tables/output_schema.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "csv_files.hpp"
#include "ogr_util.hpp"
#include "panhuo/sinks/sink.hpp"

namespace panhuo {
namespace {

using detail::GdalError;
using detail::ToOgrMultiPolygon;
namespace fs = std::filesystem;

// The OGR type of each column: the output schema's where it declares the layer, else the table's.
std::vector<OGRFieldType> FieldTypes(const Table& t) {
  std::vector<OGRFieldType> out;
  const auto declared = detail::SchemaFields(t.name);
  for (size_t k = 0; k < t.columns.size(); ++k) {
    if (k < declared.size() && declared[k].name == t.columns[k].name) {
      out.push_back(declared[k].type);
      continue;
    }
    switch (t.columns[k].type) {
      case Table::Type::kText: out.push_back(OFTString); break;
      case Table::Type::kInteger: out.push_back(OFTInteger64); break;
      case Table::Type::kReal: out.push_back(OFTReal); break;
      case Table::Type::kDate: out.push_back(OFTDate); break;
    }
  }
  return out;
}

bool HasGeometry(const Table& t) {
  const OutputLayer* declared = FindOutputLayer(t.name);
  return t.HasShapes() || (declared && declared->geometry);
}

Status RowError(const Table& t, size_t r, const std::vector<Cell>& cells) {
  return Status::Error("internal: row " + std::to_string(r) + " of layer '" + t.name + "' has " +
                       std::to_string(cells.size()) + " cells of the wrong kind for its " +
                       std::to_string(t.columns.size()) + " fields");
}

// A cell as text in a CSV file, as GDAL gives the field back from the GeoPackage (reals as
// %.15g, dates as ISO 8601), quoted as GDAL's CSV driver quotes: 32-bit integers, and text that
// reads as a number ("0701") so that a spreadsheet keeps it text.
std::string CsvCell(const Cell& c, OGRFieldType type) {
  if (std::holds_alternative<std::monostate>(c)) return "";
  if (auto* s = std::get_if<std::string>(&c))
    return CPLGetValueType(s->c_str()) != CPL_VALUE_STRING ? "\"" + *s + "\"" : detail::CsvQuote(*s);
  if (auto* i = std::get_if<int64_t>(&c)) return type == OFTInteger ? "\"" + std::to_string(*i) + "\"" : std::to_string(*i);
  if (auto* d = std::get_if<Date>(&c)) return d->ToString();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", std::get<double>(c));
  return buf;
}

std::string Wkt(const MultiPolygon* mp) {
  if (!mp) return "";
  std::unique_ptr<OGRMultiPolygon> g(ToOgrMultiPolygon(*mp));
  return g->exportToWkt();
}

}  // namespace

namespace detail {

Status CreateTableLayer(GDALDataset* ds, const Table& t, OGRSpatialReference* srs) {
  const bool geo = HasGeometry(t);
  char** opts = nullptr;
  // the key column gets a name of its own so that a field may be called "fid" (rejects)
  opts = CSLSetNameValue(opts, "FID", "row_id");
  if (geo) opts = CSLSetNameValue(opts, "SPATIAL_INDEX", "NO");  // packed once the rows are in
  OGRLayer* layer = ds->CreateLayer(t.name.c_str(), geo ? srs : nullptr, geo ? wkbMultiPolygon : wkbNone, opts);
  CSLDestroy(opts);
  if (!layer) return Status::Error("cannot create layer '" + t.name + "': " + GdalError());
  const auto types = FieldTypes(t);
  for (size_t k = 0; k < t.columns.size(); ++k) {
    OGRFieldDefn f(t.columns[k].name.c_str(), types[k]);
    if (layer->CreateField(&f) != OGRERR_NONE)
      return Status::Error("cannot create field '" + t.columns[k].name + "' in '" + t.name + "': " + GdalError());
  }
  // GDAL makes a new table when its first row comes or the file closes: now, so that the
  // layers stand in the file in the order written, before the styles
  if (layer->SyncToDisk() != OGRERR_NONE) return Status::Error("cannot create layer '" + t.name + "': " + GdalError());
  return {};
}

}  // namespace detail

Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables) {
  Output out;
  out.tables = tables;
  out.crs_wkt = crs_wkt;
  return WriteOutputs(out, {{"dataset", output, overwrite, "", {}}});
}

std::vector<std::string> CsvPaths(const std::string& path_or_dir, const std::vector<std::string>& layers) {
  const bool single = layers.size() == 1 && fs::path(path_or_dir).extension() == ".csv";
  std::vector<std::string> paths;
  for (const auto& l : layers) paths.push_back(single ? path_or_dir : (fs::path(path_or_dir) / (l + ".csv")).string());
  return paths;
}

Status WriteTablesCsv(const std::string& path_or_dir, bool overwrite, const std::vector<Table>& tables,
                      bool geometry) {
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  const auto paths = CsvPaths(path_or_dir, names);
  std::error_code ec;
  for (const auto& p : paths)
    if (fs::exists(p, ec) && !overwrite) return Status::Error("'" + p + "' exists; use --overwrite to replace it");
  if (paths.size() != 1 || paths[0] != path_or_dir) fs::create_directories(path_or_dir, ec);
  if (ec) return Status::Error("cannot create CSV folder '" + path_or_dir + "': " + ec.message());
  detail::CsvBatch batch;
  std::vector<Cell> row;
  std::vector<std::string> cells;
  for (size_t i = 0; i < tables.size(); ++i) {
    const Table& t = tables[i];
    if (Status s = batch.Open(paths[i]); !s.ok()) return s;
    const bool geo = geometry && HasGeometry(t);
    const auto types = FieldTypes(t);
    cells.clear();
    for (const auto& c : t.columns) cells.push_back(detail::CsvQuote(c.name));
    if (geo) cells.push_back("WKT");
    if (Status s = batch.Row(cells); !s.ok()) return s;
    for (size_t r = 0; r < t.size(); ++r) {
      t.Row(r, row);
      if (row.size() != types.size()) return RowError(t, r, row);
      cells.clear();
      for (size_t k = 0; k < row.size(); ++k) cells.push_back(CsvCell(row[k], types[k]));
      if (geo) cells.push_back(detail::CsvQuote(Wkt(t.Shape(r))));
      if (Status s = batch.Row(cells); !s.ok()) return s;
    }
  }
  return batch.Commit();
}

}  // namespace panhuo
