// A ledger handed back as the `plans` layer (v3).
#include "panhuo/sources/ledger_plans.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "panhuo/model/field_titles.hpp"

namespace panhuo::detail {
namespace {

constexpr const char* kPlanFields[] = {"measure", "responsible", "leader", "due_date"};

struct SheetKind {
  const char* layer;  // the output layer the sheet was written from
  const char* zh;     // its sheet name in a Chinese ledger
  const char* id;     // its plot id field
};

constexpr SheetKind kSheets[] = {{"unsupplied", "批而未供", "approval_id"},
                                 {"idle", "闲置土地", "supply_id"},
                                 {"plan_status", "工作方案进度", "feature_id"}};

// A sheet of the ledger as rows of text cells: the row a person sees in Excel (1 the first) and
// its cells; `columns` maps each header title to its cell. A workbook is read without headers,
// so that the title rows above the header row are skipped wherever the header row is; any other
// source (a GeoPackage, CSV) has its field names as the header of row 1.
struct Sheet {
  OGRLayer* layer = nullptr;
  std::map<std::string, int> columns;
  std::vector<std::pair<int64_t, std::vector<std::string>>> rows;
  int id = -1;
  int plan[4] = {-1, -1, -1, -1};
  bool any_plan() const { return plan[0] >= 0 || plan[1] >= 0 || plan[2] >= 0 || plan[3] >= 0; }
};

// A cell as text; a date cell as YYYY-MM-DD; empty when null.
std::string Cell(OGRFeature& f, int i) {
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
  const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
  if (t == OFTDate || t == OFTDateTime) {
    int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
    float ss = 0;
    if (f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
  }
  return f.GetFieldAsString(i);
}

// The column of `field`: its Chinese title in `output_layer`, or its name.
int Column(const Sheet& s, const char* output_layer, const char* field) {
  const std::string title = FieldTitle(output_layer, field);
  if (auto it = s.columns.find(title); !title.empty() && it != s.columns.end()) return it->second;
  auto it = s.columns.find(field);
  return it == s.columns.end() ? -1 : it->second;
}

// How many rows from the top a header row is looked for (the title rows above it).
constexpr int64_t kHeaderSearchRows = 5;

Sheet Find(GDALDataset* ds, bool headerless, const SheetKind& k) {
  Sheet s;
  s.layer = ds->GetLayerByName(k.zh);
  if (!s.layer) s.layer = ds->GetLayerByName(k.layer);
  if (!s.layer) return s;
  const std::string id_title = FieldTitle(k.layer, k.id);
  OGRFeatureDefn* d = s.layer->GetLayerDefn();
  if (!headerless)
    for (int i = 0; i < d->GetFieldCount(); ++i) s.columns.emplace(d->GetFieldDefn(i)->GetNameRef(), i);
  int64_t row = headerless ? 0 : 1, header = headerless ? -1 : 1;
  s.layer->ResetReading();
  for (auto& f : *s.layer) {
    row = headerless ? f->GetFID() : row + 1;
    std::vector<std::string> cells(static_cast<size_t>(d->GetFieldCount()));
    for (int i = 0; i < d->GetFieldCount(); ++i) cells[static_cast<size_t>(i)] = Cell(*f, i);
    if (header < 0) {
      if (row > kHeaderSearchRows) break;
      if (std::find(cells.begin(), cells.end(), id_title) == cells.end() &&
          std::find(cells.begin(), cells.end(), std::string(k.id)) == cells.end())
        continue;
      header = row;
      for (size_t i = 0; i < cells.size(); ++i)
        if (!cells[i].empty()) s.columns.emplace(cells[i], static_cast<int>(i));
      continue;
    }
    s.rows.emplace_back(row, std::move(cells));
  }
  s.id = Column(s, k.layer, k.id);
  for (int f = 0; f < 4; ++f) s.plan[f] = Column(s, k.layer, kPlanFields[f]);
  return s;
}

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

GDALDataset* LedgerPlans(GDALDataset* ds, const std::string& path, std::string& layer_name) {
  // a workbook again without headers: its sheets have title rows above the header row
  std::unique_ptr<GDALDataset> raw;
  GDALDriver* driver = ds->GetDriver();
  const bool workbook = driver && std::string(driver->GetDescription()) == "XLSX";
  if (workbook) {
    const char* const drivers[] = {"XLSX", nullptr};
    const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
    raw.reset(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
    if (!raw) return nullptr;
  }
  GDALDataset* src = raw ? raw.get() : ds;
  std::vector<Sheet> sheets;
  bool lists = false;
  for (size_t k = 0; k < std::size(kSheets); ++k) {
    sheets.push_back(Find(src, workbook, kSheets[k]));
    if (k < 2 && sheets.back().layer && sheets.back().id >= 0 && sheets.back().any_plan()) lists = true;
  }
  if (!lists) return nullptr;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!mem) return nullptr;
  std::unique_ptr<GDALDataset> out(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  if (!out) return nullptr;
  layer_name.clear();
  for (size_t k = 0; k < sheets.size(); ++k)
    if (sheets[k].layer && sheets[k].id >= 0 && sheets[k].any_plan())
      layer_name += (layer_name.empty() ? "" : "+") + std::string(sheets[k].layer->GetName());
  OGRLayer* plans = out->CreateLayer(layer_name.c_str(), nullptr, wkbNone, nullptr);
  if (!plans) return nullptr;
  for (const char* name : {"feature_id", "measure", "responsible", "leader", "due_date"}) {
    OGRFieldDefn f(name, OFTString);
    if (plans->CreateField(&f) != OGRERR_NONE) return nullptr;
  }
  auto cell = [](const std::vector<std::string>& cells, int i) {
    return i < 0 || static_cast<size_t>(i) >= cells.size() ? std::string() : Trim(cells[static_cast<size_t>(i)]);
  };
  std::set<std::string> listed;  // plot ids on the list sheets
  for (size_t k = 0; k < sheets.size(); ++k) {
    const Sheet& s = sheets[k];
    if (!s.layer || s.id < 0 || !s.any_plan()) continue;
    for (const auto& [row, cells] : s.rows) {
      const std::string id = cell(cells, s.id);
      std::string plan[4];
      bool filled = false;
      for (int c = 0; c < 4; ++c) filled |= !(plan[c] = cell(cells, s.plan[c])).empty();
      if (k < 2) {
        if (!id.empty()) listed.insert(id);
      } else if (listed.count(id)) {
        continue;  // the plot is on a list sheet: its plan is read there
      }
      if (!filled) continue;  // a plot without a plan
      OGRFeature o(plans->GetLayerDefn());
      o.SetFID(static_cast<GIntBig>(k + 1) * 100000 + row);
      if (!id.empty()) o.SetField(0, id.c_str());
      for (int c = 0; c < 4; ++c)
        if (!plan[c].empty()) o.SetField(c + 1, plan[c].c_str());
      if (plans->CreateFeature(&o) != OGRERR_NONE) return nullptr;
    }
  }
  return out.release();
}

}  // namespace panhuo::detail
