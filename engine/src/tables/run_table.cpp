#include "panhuo/tables/run_table.hpp"

#include "panhuo/core/text.hpp"

namespace panhuo {

void AddRunColumn(Table& t, const std::string& name, Table::Type type, Cell value) {
  if (t.rows.empty()) t.rows.emplace_back();
  t.columns.push_back({name, type});
  t.rows.front().push_back(std::move(value));
}

Table RunTable(const InputData& d, const RunInfo& info) {
  using T = Table::Type;
  Table t;
  t.name = "run";
  AddRunColumn(t, "engine_version", T::kText, std::string(PANHUO_VERSION));
  AddRunColumn(t, "input", T::kText, MaskPassword(info.input));  // a table handed out holds no password
  for (const auto& [name, date] : info.dates) AddRunColumn(t, name, T::kDate, date);
  AddRunColumn(t, "parameters", T::kText, info.parameters);
  AddRunColumn(t, "working_crs", T::kText, d.working_crs_name);
  std::string warnings;
  for (const auto& w : info.warnings) (warnings += warnings.empty() ? "" : "\n") += MaskPassword(w);
  AddRunColumn(t, "warnings", T::kText, warnings.empty() ? Cell{} : Cell{warnings});
  for (const auto& rep : d.reports) {
    AddRunColumn(t, "read_" + rep.name, T::kInteger, rep.read);
    AddRunColumn(t, "used_" + rep.name, T::kInteger, rep.used);
    AddRunColumn(t, "repaired_" + rep.name, T::kInteger, rep.repaired);
    AddRunColumn(t, "rejected_" + rep.name, T::kInteger, rep.rejected);
  }
  std::string encodings;  // "supplies=CP936 (ldid); towns=..." for the Shapefile layers
  for (const auto& rep : d.reports)
    if (!rep.encoding.empty()) (encodings += encodings.empty() ? "" : "; ") += rep.name + "=" + rep.encoding;
  AddRunColumn(t, "encodings", T::kText, encodings.empty() ? Cell{} : Cell{encodings});
  AddRunColumn(t, "rejected_total", T::kInteger, static_cast<int64_t>(d.rejects.size()));
  AddRunColumn(t, "repaired_total", T::kInteger, static_cast<int64_t>(d.repaired_total));
  return t;
}

}  // namespace panhuo
