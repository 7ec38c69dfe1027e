// The scan's output: its tables (panhuo/tables/scan_tables.hpp) as a GeoPackage (or another
// GDAL dataset, or a PostGIS schema), with the CSV files and the ledger when asked for.
#include "panhuo/sinks/writer.hpp"

#include <gdal_priv.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "ogr_util.hpp"
#include "panhuo/core/trace.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "panhuo/sinks/table_writer.hpp"

namespace panhuo {

using detail::WriteGpkgAtomically;
namespace fs = std::filesystem;

Status CheckOutputWritable(const std::string& output, bool overwrite, const std::string& out_schema) {
  if (output.empty()) return Status::Error("no output file given");
  if (IsPostgis(output)) return CheckPostgisWritable(output, out_schema, overwrite);
  if (!out_schema.empty()) return Status::Usage("--out-schema is for a PostGIS output (-o PG:...)");
  std::error_code ec;
  if (fs::exists(output, ec) && !overwrite)
    return Status::Error("'" + output + "' exists; use --overwrite to replace it");
  fs::path dir = fs::path(output).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec)) return Status::Error("cannot write '" + output + "': folder '" + dir.string() + "' does not exist");
  const std::string probe = (dir / (".panhuo-probe-" + std::to_string(::getpid()))).string();
  if (FILE* f = std::fopen(probe.c_str(), "w")) {
    std::fclose(f);
    std::remove(probe.c_str());
  } else {
    return Status::Error("cannot write '" + output + "': folder '" + dir.string() + "' is not writable");
  }
  return {};
}

// A PostGIS output: the GeoPackage written to a temporary file first, then copied in.
static Status WriteScanToPostgis(const County& county, const ScanResult& result, const WriteOptions& o) {
  WriteOptions local = o;
  local.output = (fs::temp_directory_path() / ("panhuo-" + std::to_string(::getpid()) + "-postgis.gpkg")).string();
  local.overwrite = true;
  local.out_schema.clear();
  Status s = WriteScan(county, result, local);
  if (s.ok()) s = CopyToPostgis(local.output, o.output, o.out_schema, o.overwrite);
  DiscardOutput(local.output);
  return s;
}

Status WriteScan(const County& county, const ScanResult& result, const WriteOptions& o) {
  if (IsPostgis(o.output)) return WriteScanToPostgis(county, result, o);
  if (Status s = CheckOutputWritable(o.output, o.overwrite, o.out_schema); !s.ok()) return s;
  detail::TraceMark("write: start");
  std::vector<Table> tables = ScanTables(county, result, {o.input, o.run_dates, "", o.warnings});
  tables.insert(tables.end(), o.tables.begin(), o.tables.end());
  OGRSpatialReference srs;
  srs.importFromWkt(county.data().working_crs_wkt.c_str());
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  Status s = WriteGpkgAtomically(o.output, [&](GDALDataset* ds) -> Status {
    for (size_t i = 0; i < tables.size(); ++i) {
      auto progress = [&](size_t done, size_t total) {
        const double at = (static_cast<double>(i) + static_cast<double>(done) / std::max<size_t>(total, 1)) / tables.size();
        return !o.progress || o.progress(at, tables[i].name.c_str(), o.progress_user);
      };
      if (Status x = detail::WriteTableLayer(ds, tables[i], &srs, progress); !x.ok()) return x;
      detail::TraceMark(("write: " + tables[i].name).c_str());
    }
    if (o.progress) o.progress(1.0, "written", o.progress_user);
    return {};
  });
  if (!s.ok()) return s;
  detail::TraceMark("write: committed");
  if (!o.csv_dir.empty())
    if (Status x = WriteTablesCsv(o.csv_dir, o.overwrite, tables, o.csv_geometry); !x.ok()) return x;
  if (o.xlsx.empty()) return {};
  const InputData& d = county.data();
  LedgerDoc doc{o.lang, DocumentCountyName(d, o.county), o.issuer, {}};
  for (size_t t = 0; t < d.towns.size(); ++t) doc.town_names.emplace(d.towns.code[t], d.towns.name[t]);
  return WriteLedger(o.output, o.xlsx, doc, o.overwrite);
}

}  // namespace panhuo
