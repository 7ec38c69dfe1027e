// The sink registry and the table sinks (see panhuo/sinks/sink.hpp).
#include "panhuo/sinks/sink.hpp"

#include <gdal_priv.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "gpkg_rows.hpp"
#include "ogr_util.hpp"
#include "panhuo/core/trace.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/output_format.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

// Every table as a layer of a GDAL dataset: a GeoPackage written atomically, converted to the
// target's driver when it is another (output_format.hpp).
class DatasetSink : public Sink {
 public:
  explicit DatasetSink(const SinkTarget& t) : t_(t) {}
  Status Write(const Output& out) override {
    if (!t_.option.empty()) {
      std::string driver, error;
      if (!ResolveOutputDriver(t_.option, t_.path, driver, error)) return Status::Usage(error);
      SetOutputDriver(t_.path, driver);
    }
    if (Status s = CheckOutputWritable(t_.path, t_.overwrite); !s.ok()) return s;
    OGRSpatialReference srs;
    srs.importFromWkt(out.crs_wkt.c_str());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    detail::TraceMark("write: start");
    // GDAL makes the file and its empty layers, with their styles and titles; the rows go in
    // through SQLite once it is closed, then the packed R-trees
    Status s = detail::WriteGpkgAtomically(
        t_.path,
        [&](GDALDataset* ds) -> Status {
          for (const auto& t : out.tables)
            if (Status x = detail::CreateTableLayer(ds, t, &srs); !x.ok()) return x;
          return {};
        },
        [&](const std::string& tmp) -> Status {
          const auto& tables = out.tables;
          auto progress = [&](size_t i, size_t done, size_t total) {
            const double at = (static_cast<double>(i) + static_cast<double>(done) / std::max<size_t>(total, 1)) / tables.size();
            return !out.progress || out.progress(at, tables[i].name.c_str(), out.progress_user);
          };
          Status x = detail::InsertRowsAndIndexes(tmp, tables, progress);
          if (x.ok() && out.progress) out.progress(1.0, "written", out.progress_user);
          return x;
        });
    detail::TraceMark("write: committed");
    return s;
  }

 private:
  SinkTarget t_;
};

// A schema of a PostGIS database: the tables written to a GeoPackage of their own first, then
// copied in and swapped in at once (postgis.hpp).
class PostgisSink : public Sink {
 public:
  explicit PostgisSink(const SinkTarget& t) : t_(t) {}
  Status Write(const Output& out) override {
    SinkTarget local{"dataset", (fs::temp_directory_path() / ("panhuo-" + std::to_string(::getpid()) + "-postgis.gpkg")).string(),
                     true, "GPKG", {}};
    Status s = DatasetSink(local).Write(out);
    if (s.ok()) s = CopyToPostgis(local.path, t_.path, t_.option, t_.overwrite);
    DiscardOutput(local.path);
    return s;
  }

 private:
  SinkTarget t_;
};

class CsvSink : public Sink {
 public:
  explicit CsvSink(const SinkTarget& t) : t_(t) {}
  Status Write(const Output& out) override { return WriteTablesCsv(t_.path, t_.overwrite, out.tables, t_.option != "none"); }

 private:
  SinkTarget t_;
};

class LedgerSink : public Sink {
 public:
  explicit LedgerSink(const SinkTarget& t) : t_(t) {}
  Status Write(const Output& out) override { return WriteLedger(out.tables, t_.path, out.doc, t_.overwrite); }

 private:
  SinkTarget t_;
};

template <class S>
std::unique_ptr<Sink> Make(const SinkTarget& t) {
  return std::make_unique<S>(t);
}

// The tables of `out` that `target` asks for, in the output's order.
Output Selected(const Output& out, const SinkTarget& target) {
  Output o;
  o.crs_wkt = out.crs_wkt;
  o.doc = out.doc;
  o.progress = out.progress;
  o.progress_user = out.progress_user;
  for (const auto& t : out.tables)
    if (std::find(target.layers.begin(), target.layers.end(), t.name) != target.layers.end()) o.tables.push_back(t);
  return o;
}

}  // namespace

const std::vector<SinkKind>& Sinks() {
  static const std::vector<SinkKind> kinds = {
      {"dataset", "a GeoPackage, or a dataset of any GDAL vector driver that creates layers", Make<DatasetSink>},
      {"postgis", "a schema of a PostgreSQL/PostGIS database", Make<PostgisSink>},
      {"csv", "one CSV file per table", Make<CsvSink>},
      {"ledger", "the Excel ledger (台账)", Make<LedgerSink>},
  };
  return kinds;
}

Result<std::unique_ptr<Sink>> MakeSink(const SinkTarget& target) {
  for (const auto& k : Sinks())
    if (target.sink == k.name) return k.make(target);
  return Status::Error("no output of kind '" + target.sink + "'");
}

std::vector<SinkTarget> TargetsOf(const OutputRequest& r) {
  std::vector<SinkTarget> targets;
  if (IsPostgis(r.output)) targets.push_back({"postgis", r.output, r.overwrite, r.out_schema, {}});
  else if (!r.output.empty()) targets.push_back({"dataset", r.output, r.overwrite, r.format, {}});
  if (!r.csv.empty()) targets.push_back({"csv", r.csv, r.overwrite, r.csv_geometry, r.csv_layers});
  if (!r.xlsx.empty()) targets.push_back({"ledger", r.xlsx, r.overwrite, "", {}});
  return targets;
}

Status WriteOutputs(const Output& output, const std::vector<SinkTarget>& targets) {
  for (const auto& target : targets) {
    auto sink = MakeSink(target);
    if (!sink.ok()) return sink.status();
    Status s = target.layers.empty() ? (*sink)->Write(output) : (*sink)->Write(Selected(output, target));
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace panhuo
