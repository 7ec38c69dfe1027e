// The Excel ledger (台账): the lists of a finished output GeoPackage as sheets of one workbook,
// through GDAL's XLSX driver. Chinese sheet names and headers (English with lang "en"), dates as
// dates, every area in hectares with the same area in mu beside it, no geometry. Written to a
// temporary name and renamed when the driver closed the file without error.
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/staged_outputs.hpp"

#include <cpl_vsi.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ogr_util.hpp"
#include "styles.hpp"

namespace panhuo {
namespace {

using detail::GdalError;
namespace fs = std::filesystem;

using Dataset = detail::DatasetPtr;

struct Sheet {
  const char* layer;
  const char* zh;
};

// The lists a clerk keeps, in the order of the workbook: a scan's, a timeline's, a compare's, a
// scenario run's; `run` last.
const std::vector<Sheet>& Sheets() {
  static const std::vector<Sheet> s = {
      {"towns", "乡镇排名"},        {"unsupplied", "批而未供"},     {"idle", "闲置土地"},
      {"warnings", "预警"},         {"supply_status", "供地利用状况"}, {"efficiency", "亩均效益"},
      {"reserve_unsupplied", "收购储备"}, {"unfit_for_supply", "不具备供地条件"}, {"low_efficiency", "低效用地"},
      {"holders", "企业集团供而未用"},
      {"timeline", "月度通报"},     {"newly_supplied", "新增供地"},  {"idle_resolved", "闲置处置完成"},
      {"newly_idle", "新增闲置"},   {"newly_lapsed", "新增失效"},    {"newly_reserved", "新增储备"},
      {"reserve_supplied", "储备供应"}, {"newly_low_efficiency", "新增低效用地"},
      {"no_longer_low_efficiency", "低效用地退出"},    {"comparison", "方案对比"},
      {"scenarios", "方案说明"},    {"rejects", "剔除要素"},        {"undetermined", "未能认定"},
      // v3: work plans
      {"plan_status", "工作方案进度"}};
  return s;
}

// A scenario's own layers, <scenario>_<suffix>, after the lists above in the file's order.
const std::vector<Sheet>& ScenarioSheets() {
  static const std::vector<Sheet> s = {
      {"_towns", "乡镇平衡"}, {"_plots", "复垦地块"}, {"_clear", "腾退宗地"}, {"_riverside", "沿江岸线"}};
  return s;
}

// At most 31 characters, as Excel allows a sheet name.
std::string SheetName(const std::string& name) {
  size_t chars = 0, at = 0;
  while (at < name.size() && chars < 31) {
    const unsigned char c = static_cast<unsigned char>(name[at]);
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return name.substr(0, at);
}

// The layers of `ds` that become sheets, in workbook order, each with its sheet name.
std::vector<std::pair<OGRLayer*, std::string>> SheetsOf(GDALDataset* ds, bool zh) {
  std::vector<std::pair<OGRLayer*, std::string>> out;
  for (const Sheet& sh : Sheets())
    if (OGRLayer* l = ds->GetLayerByName(sh.layer)) out.push_back({l, zh ? sh.zh : sh.layer});
  for (OGRLayer* l : ds->GetLayers()) {
    const std::string name = l->GetName();
    for (const Sheet& sh : ScenarioSheets()) {
      const std::string suffix = sh.layer;
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        out.push_back({l, SheetName(zh ? name.substr(0, name.size() - suffix.size()) + "·" + sh.zh : name)});
        break;
      }
    }
  }
  if (OGRLayer* l = ds->GetLayerByName("run")) out.push_back({l, zh ? "运行信息" : "run"});
  return out;
}

// Where a field's name says hectares: "_ha" at its end or before "_from" / "_to"; npos if not.
size_t HectaresAt(const std::string& field) {
  for (const char* tail : {"_ha", "_ha_from", "_ha_to"}) {
    const std::string t = tail;
    if (field.size() > t.size() && field.compare(field.size() - t.size(), t.size(), t) == 0)
      return field.size() - t.size();
  }
  return std::string::npos;
}

bool IsHectares(const std::string& field) { return HectaresAt(field) != std::string::npos; }

std::string Header(const std::string& layer, const std::string& field, bool zh, bool mu) {
  if (!zh) return mu ? std::string(field).replace(HectaresAt(field), 3, "_mu") : field;
  std::string title = detail::FieldTitle(layer, field);
  if (title.empty()) title = field;
  if (mu) {
    const std::string ha = "（公顷）";
    const size_t at = title.find(ha);
    title = at == std::string::npos ? title + "（亩）" : title.replace(at, ha.size(), "（亩）");
  }
  return title;
}

Status CopySheet(OGRLayer* src, GDALDataset* out, const std::string& sheet, bool zh) {
  OGRLayer* dst = out->CreateLayer(sheet.c_str(), nullptr, wkbNone, nullptr);
  if (!dst) return Status::Error("cannot create sheet '" + sheet + "': " + GdalError());
  OGRFeatureDefn* in = src->GetLayerDefn();
  struct Column {
    int src;
    bool mu;
  };
  std::vector<Column> columns;
  for (int i = 0; i < in->GetFieldCount(); ++i) {
    const std::string name = in->GetFieldDefn(i)->GetNameRef();
    for (bool mu : {false, true}) {
      if (mu && !IsHectares(name)) continue;
      OGRFieldDefn f(Header(src->GetName(), name, zh, mu).c_str(), in->GetFieldDefn(i)->GetType());
      if (dst->CreateField(&f) != OGRERR_NONE) return Status::Error("cannot add column '" + name + "' to '" + sheet + "'");
      columns.push_back({i, mu});
    }
  }
  src->ResetReading();
  for (auto& f : *src) {
    OGRFeature row(dst->GetLayerDefn());
    for (size_t k = 0; k < columns.size(); ++k) {
      const int i = columns[k].src, o = static_cast<int>(k);
      if (!f->IsFieldSetAndNotNull(i)) continue;
      if (columns[k].mu) row.SetField(o, f->GetFieldAsDouble(i) * kMuPerHectare);
      else row.SetField(o, f->GetRawFieldRef(i));
    }
    if (dst->CreateFeature(&row) != OGRERR_NONE) return Status::Error("cannot write a row of '" + sheet + "': " + GdalError());
  }
  return {};
}

// The workbook at `path` opened again: each of `sheets` there with its rows.
Status ReadBack(const std::string& path, const std::vector<std::pair<OGRLayer*, std::string>>& sheets) {
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=FORCE", "FIELD_TYPES=STRING", nullptr};  // the first row is the header
  CPLErrorReset();
  Dataset back(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
  if (!back) return Status::Error("the workbook written cannot be read back (disk full?): " + GdalError());
  for (const auto& [layer, sheet] : sheets) {
    OGRLayer* got = back->GetLayerByName(sheet.c_str());
    // GDAL reads a sheet without rows as an empty layer or not at all
    const GIntBig want = layer->GetFeatureCount();
    if ((!got && want > 0) || (got && got->GetFeatureCount() != want))
      return Status::Error("the workbook written cannot be read back whole (sheet '" + sheet + "'; disk full?)");
  }
  return {};
}

}  // namespace

std::string LedgerPartialPath(const std::string& xlsx) {
  // GDAL's zip layer cuts a path at its first ".xlsx": the extension may appear only once
  return (fs::path(xlsx).parent_path() / (fs::path(xlsx).stem().string() + ".partial.xlsx")).string();
}

Status WriteLedger(const std::string& gpkg, const std::string& xlsx, const std::string& lang, bool overwrite) {
  std::error_code ec;
  if (fs::exists(xlsx, ec) && !overwrite) return Status::Error("'" + xlsx + "' exists; use --overwrite to replace it");
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
  if (!drv) return Status::Error("the GDAL XLSX driver is not available");
  Dataset src(static_cast<GDALDataset*>(
      GDALOpenEx(FinishedPath(gpkg).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!src) return Status::Error("cannot reopen '" + gpkg + "': " + GdalError());
  const std::string tmp = LedgerPartialPath(xlsx);
  VSIUnlink(tmp.c_str());
  Status s;
  {
    CPLErrorReset();
    Dataset out(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return Status::Error("cannot create '" + xlsx + "': " + GdalError());
    for (const auto& [layer, sheet] : SheetsOf(src.get(), lang != "en")) {
      s = CopySheet(layer, out.get(), sheet, lang != "en");
      if (!s.ok()) break;
    }
    CPLErrorReset();
  }  // closing writes the workbook
  if (s.ok() && CPLGetLastErrorType() == CE_Failure) s = Status::Error("cannot write '" + xlsx + "': " + GdalError());
  if (s.ok() && !fs::exists(tmp, ec)) s = Status::Error("cannot write '" + xlsx + "': the workbook was not saved");
  // GDAL 3.6's XLSX writer says nothing when the disk fills as it closes: the workbook is read
  // back, every sheet with every row, before it takes its name
  if (s.ok()) s = ReadBack(tmp, SheetsOf(src.get(), lang != "en"));
  if (!s.ok()) {
    VSIUnlink(tmp.c_str());
    return Status::Error("writing '" + xlsx + "': " + s.message());
  }
  return PublishOutput(tmp, xlsx);
}

}  // namespace panhuo
