#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/tables/output_schema.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <boost/geometry/io/wkt/write.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include "csv_files.hpp"
#include "ogr_util.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo {
namespace {

using detail::GdalError;
using detail::ToOgrMultiPolygon;
namespace fs = std::filesystem;

OGRFieldType ToOgr(Table::Type t) {
  switch (t) {
    case Table::Type::kText: return OFTString;
    case Table::Type::kInteger: return OFTInteger64;
    case Table::Type::kReal: return OFTReal;
    case Table::Type::kDate: return OFTDate;
  }
  return OFTString;
}

std::string CsvText(const Cell& c) {
  if (std::holds_alternative<std::monostate>(c)) return "";
  if (auto* s = std::get_if<std::string>(&c)) return detail::CsvQuote(*s);
  if (auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (auto* d = std::get_if<Date>(&c)) return d->ToString();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", std::get<double>(c));  // as GDAL's CSV driver writes reals
  return buf;
}

}  // namespace

namespace detail {

Status WriteTableLayer(GDALDataset* ds, const Table& t, OGRSpatialReference* srs) {
  // a layer the output schema declares with geometry has it even without rows
  const OutputLayer* declared = FindOutputLayer(t.name);
  const bool geo = !t.geometry.empty() || (declared && declared->geometry);
  OGRLayer* layer = ds->CreateLayer(t.name.c_str(), geo ? srs : nullptr, geo ? wkbMultiPolygon : wkbNone, nullptr);
  if (!layer) return Status::Error("cannot create layer '" + t.name + "': " + GdalError());
  for (const auto& c : t.columns) {
    OGRFieldDefn f(c.name.c_str(), ToOgr(c.type));
    if (layer->CreateField(&f) != OGRERR_NONE)
      return Status::Error("cannot create field '" + c.name + "' in '" + t.name + "': " + GdalError());
  }
  if (layer->StartTransaction() != OGRERR_NONE)
    return Status::Error("cannot start writing '" + t.name + "': " + GdalError());
  for (size_t r = 0; r < t.rows.size(); ++r) {
    OGRFeature f(layer->GetLayerDefn());
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const Cell& c = t.rows[r][k];
      const int idx = static_cast<int>(k);
      if (std::holds_alternative<std::monostate>(c)) f.SetFieldNull(idx);
      else if (auto* s = std::get_if<std::string>(&c)) f.SetField(idx, s->c_str());
      else if (auto* i = std::get_if<int64_t>(&c)) f.SetField(idx, static_cast<GIntBig>(*i));
      else if (auto* d = std::get_if<double>(&c)) f.SetField(idx, *d);
      else {
        int y, m, dd;
        std::get<Date>(c).ToYmd(y, m, dd);
        f.SetField(idx, y, m, dd);
      }
    }
    if (geo && r < t.geometry.size()) f.SetGeometryDirectly(ToOgrMultiPolygon(t.geometry[r]));
    if (layer->CreateFeature(&f) != OGRERR_NONE) return Status::Error("cannot write to '" + t.name + "': " + GdalError());
  }
  if (layer->CommitTransaction() != OGRERR_NONE) return Status::Error("cannot commit '" + t.name + "': " + GdalError());
  return {};
}

}  // namespace detail

Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables) {
  if (Status s = CheckOutputWritable(output, overwrite); !s.ok()) return s;
  OGRSpatialReference srs;
  srs.importFromWkt(crs_wkt.c_str());
  return detail::WriteGpkgAtomically(output, [&](GDALDataset* ds) -> Status {
    for (const auto& t : tables)
      if (Status s = detail::WriteTableLayer(ds, t, &srs); !s.ok()) return s;
    return {};
  });
}

std::vector<std::string> CsvPaths(const std::string& path_or_dir, const std::vector<Table>& tables) {
  const bool single = tables.size() == 1 && fs::path(path_or_dir).extension() == ".csv";
  std::vector<std::string> paths;
  for (const auto& t : tables)
    paths.push_back(single ? path_or_dir : (fs::path(path_or_dir) / (t.name + ".csv")).string());
  return paths;
}

Status WriteTablesCsv(const std::string& path_or_dir, bool overwrite, const std::vector<Table>& tables,
                      bool geometry) {
  const auto paths = CsvPaths(path_or_dir, tables);
  std::error_code ec;
  for (const auto& p : paths)
    if (fs::exists(p, ec) && !overwrite) return Status::Error("'" + p + "' exists; use --overwrite to replace it");
  if (paths.size() != 1 || paths[0] != path_or_dir) fs::create_directories(path_or_dir, ec);
  if (ec) return Status::Error("cannot create CSV folder '" + path_or_dir + "': " + ec.message());
  detail::CsvBatch batch;
  for (size_t i = 0; i < tables.size(); ++i) {
    const Table& t = tables[i];
    if (Status s = batch.Open(paths[i]); !s.ok()) return s;
    const OutputLayer* declared = FindOutputLayer(t.name);
    const bool geo = geometry && (!t.geometry.empty() || (declared && declared->geometry));
    std::vector<std::string> cells;
    for (const auto& c : t.columns) cells.push_back(detail::CsvQuote(c.name));
    if (geo) cells.push_back("WKT");
    if (Status s = batch.Row(cells); !s.ok()) return s;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      cells.clear();
      for (const auto& c : t.rows[r]) cells.push_back(CsvText(c));
      if (geo) {
        std::ostringstream w;
        w.precision(17);
        if (r < t.geometry.size()) w << boost::geometry::wkt(t.geometry[r]);
        cells.push_back(detail::CsvQuote(w.str()));
      }
      if (Status s = batch.Row(cells); !s.ok()) return s;
    }
  }
  return batch.Commit();
}

}  // namespace panhuo
