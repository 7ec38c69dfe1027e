// Test helper: a sheet of an Excel ledger (台账) as a clerk reads it: a title row, a header row,
// then the rows (or one cell saying there are none).
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace panhuo::testing {

struct LedgerSheet {
  bool found = false;
  std::string title;                              // row 1
  std::vector<std::string> header;                // row 2
  std::vector<std::vector<std::string>> rows;     // rows 3.. (none when the sheet says 无/none)
  int Column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

// Every cell as text (dates as GDAL shows them: 2021/12/31); `names` gets the sheets in order.
inline std::vector<LedgerSheet> ReadLedger(const std::string& xlsx, std::vector<std::string>* names = nullptr) {
  GDALAllRegister();
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
  std::vector<LedgerSheet> out;
  GDALDataset* ds = static_cast<GDALDataset*>(
      GDALOpenEx(xlsx.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr));
  if (!ds) return out;
  for (OGRLayer* l : ds->GetLayers()) {
    if (names) names->push_back(l->GetName());
    LedgerSheet s;
    s.found = true;
    size_t row = 0;
    for (auto& f : *l) {
      std::vector<std::string> cells;
      for (int i = 0; i < f->GetFieldCount(); ++i) cells.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
      while (!cells.empty() && cells.back().empty() && row != 1) cells.pop_back();
      if (row == 0) s.title = cells.empty() ? "" : cells[0];
      else if (row == 1) s.header = cells;
      else if (!(row == 2 && cells.size() == 1 && (cells[0] == "无" || cells[0] == "none"))) s.rows.push_back(cells);
      ++row;
    }
    while (!s.header.empty() && s.header.back().empty()) s.header.pop_back();
    out.push_back(s);
  }
  GDALClose(ds);
  return out;
}

inline LedgerSheet ReadLedgerSheet(const std::string& xlsx, const std::string& sheet) {
  std::vector<std::string> names;
  auto sheets = ReadLedger(xlsx, &names);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == sheet) return sheets[i];
  return {};
}

}  // namespace panhuo::testing
