// The scan's output: its tables (panhuo/tables/scan_tables.hpp) through the sinks its options
// ask for (panhuo/sinks/sink.hpp): the dataset or PostGIS schema, the CSV files, the ledger.
#include "panhuo/sinks/writer.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "panhuo/sinks/sink.hpp"
#include "panhuo/sinks/table_writer.hpp"

namespace panhuo {

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

// The sinks a scan's options ask for: the dataset or PostGIS schema, the CSV files, the ledger.
std::vector<SinkTarget> ScanTargets(const WriteOptions& o) {
  OutputRequest r;
  r.output = o.output;
  r.out_schema = o.out_schema;
  r.csv = o.csv_dir;
  r.csv_geometry = o.csv_geometry ? "wkt" : "none";
  r.xlsx = o.xlsx;
  r.overwrite = o.overwrite;
  return TargetsOf(r);
}

Status WriteScan(const County& county, const ScanResult& result, const WriteOptions& o) {
  const InputData& d = county.data();
  Output out;
  out.tables = ScanTables(county, result, {o.input, o.run_dates, "", o.warnings});
  out.tables.insert(out.tables.end(), o.tables.begin(), o.tables.end());
  out.crs_wkt = d.working_crs_wkt;
  out.doc = DocumentOf(d, o.lang, o.county, o.issuer);
  out.progress = o.progress;
  out.progress_user = o.progress_user;
  return WriteOutputs(out, ScanTargets(o));
}

}  // namespace panhuo
