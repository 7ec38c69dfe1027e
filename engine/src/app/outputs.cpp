// What a command was asked to write, as sinks (see outputs.hpp).
#include "panhuo/app/outputs.hpp"

#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/postgis.hpp"

namespace panhuo::app {

std::vector<SinkTarget> TargetsOf(const OutputRequest& r) {
  std::vector<SinkTarget> targets;
  if (IsPostgis(r.output)) targets.push_back({"postgis", r.output, r.overwrite, r.out_schema, {}});
  else if (!r.output.empty()) targets.push_back({"dataset", r.output, r.overwrite, r.format, {}});
  if (!r.csv.empty()) targets.push_back({"csv", r.csv, r.overwrite, r.csv_geometry, r.csv_layers});
  if (!r.xlsx.empty()) targets.push_back({"ledger", r.xlsx, r.overwrite, "", {}});
  return targets;
}

Status WriteRequested(const County& county, std::vector<Table> tables, const OutputRequest& request,
                      ProgressFn progress) {
  const InputData& d = county.data();
  Output out;
  out.tables = std::move(tables);
  out.crs_wkt = d.working_crs_wkt;
  out.doc = DocumentOf(d, request.lang, request.county, request.issuer);
  out.progress = progress;
  return WriteOutputs(out, TargetsOf(request));
}

}  // namespace panhuo::app
