#include "panhuo/io/table_writer.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <boost/geometry/io/wkt/write.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "ogr_util.hpp"
#include "panhuo/io/writer.hpp"

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
  if (auto* s = std::get_if<std::string>(&c)) {
    if (s->find_first_of(",\"\n") == std::string::npos) return *s;
    std::string q = "\"";
    for (char ch : *s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  }
  if (auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (auto* d = std::get_if<Date>(&c)) return d->ToString();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", std::get<double>(c));  // as GDAL's CSV driver writes reals
  return buf;
}

}  // namespace

Cell RealCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables) {
  if (Status s = CheckOutputWritable(output, overwrite); !s.ok()) return s;
  OGRSpatialReference srs;
  srs.importFromWkt(crs_wkt.c_str());
  return detail::WriteGpkgAtomically(output, [&](GDALDataset* ds) -> Status {
    for (const auto& t : tables) {
      const bool geo = !t.geometry.empty();
      OGRLayer* layer = ds->CreateLayer(t.name.c_str(), geo ? &srs : nullptr, geo ? wkbMultiPolygon : wkbNone, nullptr);
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
        if (geo) f.SetGeometryDirectly(ToOgrMultiPolygon(t.geometry[r]));
        if (layer->CreateFeature(&f) != OGRERR_NONE)
          return Status::Error("cannot write to '" + t.name + "': " + GdalError());
      }
      if (layer->CommitTransaction() != OGRERR_NONE)
        return Status::Error("cannot commit '" + t.name + "': " + GdalError());
    }
    return {};
  });
}

Status WriteTablesCsv(const std::string& path_or_dir, const std::vector<Table>& tables) {
  const bool single = tables.size() == 1 && fs::path(path_or_dir).extension() == ".csv";
  std::error_code ec;
  if (!single) fs::create_directories(path_or_dir, ec);
  for (const auto& t : tables) {
    const std::string path = single ? path_or_dir : (fs::path(path_or_dir) / (t.name + ".csv")).string();
    const std::string tmp = path + ".partial";
    {
      std::ofstream out(tmp);
      if (!out) return Status::Error("cannot write '" + tmp + "'");
      const bool geo = !t.geometry.empty();
      if (geo) out << "WKT,";
      for (size_t k = 0; k < t.columns.size(); ++k) out << (k ? "," : "") << t.columns[k].name;
      out << "\n";
      for (size_t r = 0; r < t.rows.size(); ++r) {
        if (geo) {
          std::ostringstream w;
          w.precision(17);
          w << boost::geometry::wkt(t.geometry[r]);
          out << '"' << w.str() << "\",";
        }
        for (size_t k = 0; k < t.columns.size(); ++k) out << (k ? "," : "") << CsvText(t.rows[r][k]);
        out << "\n";
      }
      if (!out) return Status::Error("cannot write '" + tmp + "'");
    }
    fs::rename(tmp, path, ec);
    if (ec) return Status::Error("cannot move '" + tmp + "' to '" + path + "': " + ec.message());
  }
  return {};
}

}  // namespace panhuo
