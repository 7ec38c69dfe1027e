// What a command was asked to write, as sinks (see outputs.hpp).
#include "panhuo/app/outputs.hpp"

#include "panhuo/sinks/ledger.hpp"

namespace panhuo::app {

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
