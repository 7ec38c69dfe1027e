// A ledger handed back as the `plans` layer (v3).
#include "ledger_plans.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
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

// A sheet found in the ledger with the columns of its id and plan fields (-1 when absent).
struct Sheet {
  OGRLayer* layer = nullptr;
  int id = -1;
  int plan[4] = {-1, -1, -1, -1};
  bool any_plan() const { return plan[0] >= 0 || plan[1] >= 0 || plan[2] >= 0 || plan[3] >= 0; }
};

// The column of `field` in `layer`: its Chinese title in `output_layer`, or its name.
int Column(OGRLayer* layer, const char* output_layer, const char* field) {
  OGRFeatureDefn* d = layer->GetLayerDefn();
  const std::string title = FieldTitle(output_layer, field);
  if (!title.empty())
    if (const int i = d->GetFieldIndex(title.c_str()); i >= 0) return i;
  return d->GetFieldIndex(field);
}

Sheet Find(GDALDataset* ds, const SheetKind& k) {
  Sheet s;
  s.layer = ds->GetLayerByName(k.zh);
  if (!s.layer) s.layer = ds->GetLayerByName(k.layer);
  if (!s.layer) return s;
  s.id = Column(s.layer, k.layer, k.id);
  for (int f = 0; f < 4; ++f) s.plan[f] = Column(s.layer, k.layer, kPlanFields[f]);
  return s;
}

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

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

GDALDataset* LedgerPlans(GDALDataset* ds, std::string& layer_name) {
  std::vector<Sheet> sheets;
  bool lists = false;
  for (size_t k = 0; k < std::size(kSheets); ++k) {
    sheets.push_back(Find(ds, kSheets[k]));
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
  std::set<std::string> listed;  // plot ids on the list sheets
  for (size_t k = 0; k < sheets.size(); ++k) {
    const Sheet& s = sheets[k];
    if (!s.layer || s.id < 0 || !s.any_plan()) continue;
    s.layer->ResetReading();
    int64_t row = 1;  // the header is row 1
    for (auto& f : *s.layer) {
      ++row;
      const std::string id = Trim(Cell(*f, s.id));
      std::string cells[4];
      bool filled = false;
      for (int c = 0; c < 4; ++c) filled |= !(cells[c] = Trim(Cell(*f, s.plan[c]))).empty();
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
        if (!cells[c].empty()) o.SetField(c + 1, cells[c].c_str());
      if (plans->CreateFeature(&o) != OGRERR_NONE) return nullptr;
    }
  }
  return out.release();
}

}  // namespace panhuo::detail
