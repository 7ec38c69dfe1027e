// The Excel ledger (台账): the lists of a finished output GeoPackage as sheets of one workbook
// (libxlsxwriter), each ready to print and hand out: a title row and a header row, frozen, with a
// filter; Chinese sheet names, headers and code values (English with lang "en"); areas at two
// decimals with the same area in mu beside them, shares as percentages, dates as dates; A4
// landscape, fitted to the page width, the two top rows on every page, page numbers. Written to
// a temporary name and renamed once it was read back whole.
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/staged_outputs.hpp"

#include <cpl_vsi.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include "panhuo/core/text.hpp"
#include "panhuo/tables/code_labels.hpp"
#include "ogr_util.hpp"
#include "styles.hpp"

namespace panhuo {
namespace {

using detail::GdalError;
namespace fs = std::filesystem;

using Dataset = detail::DatasetPtr;

struct Sheet {
  std::string layer;
  std::string zh;
};

// The lists a clerk keeps, in the order of the workbook (the output schema's: a review's, a
// scan's, a timeline's, a compare's, a scenario run's; `run` last, after the scenarios' own).
const std::vector<Sheet>& Sheets() {
  static const std::vector<Sheet> s = [] {
    std::vector<Sheet> out;
    for (const auto& l : OutputLayers())
      if (!l.sheet.empty() && l.name != "run") out.push_back({l.name, l.sheet});
    return out;
  }();
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
    if (OGRLayer* l = ds->GetLayerByName(sh.layer.c_str())) out.push_back({l, zh ? sh.zh : sh.layer});
  auto listed = [](const std::string& name) {
    for (const Sheet& sh : Sheets())
      if (name == sh.layer) return true;
    return false;
  };
  for (OGRLayer* l : ds->GetLayers()) {
    const std::string name = l->GetName();
    if (listed(name)) continue;  // review_towns, hard_plots: not a scenario's towns or plots
    for (const Sheet& sh : ScenarioSheets()) {
      const std::string suffix = sh.layer;
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        out.push_back({l, SheetName(zh ? name.substr(0, name.size() - suffix.size()) + "·" + sh.zh : name)});
        break;
      }
    }
  }
  // a layer no list above names still becomes a sheet, under its own name: none is left out
  for (OGRLayer* l : ds->GetLayers()) {
    const std::string name = l->GetName();
    if (name == "run" || name == "layer_styles") continue;
    bool taken = false;
    for (const auto& [layer, sheet] : out) taken |= layer == l;
    if (!taken) out.push_back({l, SheetName(name)});
  }
  if (OGRLayer* l = ds->GetLayerByName("run")) out.push_back({l, zh ? FindOutputLayer("run")->sheet : "run"});
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

// The date clause of a sheet's title, from the run table: 截至2021年12月31日, or a period.
std::string DateClause(GDALDataset* ds, bool zh) {
  OGRLayer* run = ds->GetLayerByName("run");
  if (!run) return "";
  run->ResetReading();
  std::unique_ptr<OGRFeature> f(run->GetNextFeature());
  if (!f) return "";
  auto date = [&](const char* field) -> std::string {
    const int i = f->GetFieldIndex(field);
    int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
    float ss = 0;
    if (i < 0 || !f->IsFieldSetAndNotNull(i) || !f->GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz)) return "";
    char buf[40];
    if (zh) std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  };
  const std::string as_of = date("as_of"), from = date("from"), to = date("to"), start = date("period_start");
  if (!start.empty() && !as_of.empty()) return start + (zh ? "至" : " to ") + as_of;
  if (!as_of.empty()) return (zh ? "截至" : "as of ") + as_of;
  if (!from.empty() && !to.empty()) return from + (zh ? "至" : " to ") + to;
  return "";
}

// Display width of text in a cell: CJK characters count two.
double TextWidth(const std::string& s) { return static_cast<double>(DisplayColumns(s)); }

// Fields shown as percentages.
bool IsShare(const std::string& field) {
  static const std::set<std::string> s = {"completion",       "supply_rate",    "stock_share", "completion_prev",
                                          "completion_change",
                                          "built_ratio",      "elapsed_share",  "projected_completion",
                                          "intensity_before", "intensity_after"};
  return s.count(field) > 0;
}

// One column of a sheet: a field of the layer and how it is shown.
struct Column {
  enum Kind { kText, kLabel, kInteger, kReal, kMu, kShare, kDate, kTownName, kByUnit };
  int src = -1;  // the layer's field (the town code for kTownName)
  Kind kind = kText;
  std::string header;
  double width = 0;
  bool wrap = false;  // long text, wrapped within the widest column
};

// The columns of a sheet: rank first in the town lists; the town's name after its code where
// the layer has none; the same area in mu after each area in hectares.
std::vector<Column> Columns(OGRLayer* src, const LedgerDoc& doc) {
  const std::string layer = src->GetName();
  const bool zh = doc.lang != "en";
  OGRFeatureDefn* in = src->GetLayerDefn();
  std::vector<int> order;
  for (int i = 0; i < in->GetFieldCount(); ++i) order.push_back(i);
  const int rank = in->GetFieldIndex("rank");
  if (rank > 0 && (layer == "towns" || layer == "review_towns")) {
    order.erase(order.begin() + rank);
    order.insert(order.begin(), rank);
  }
  const bool has_name = in->GetFieldIndex("town_name") >= 0;
  std::vector<Column> out;
  for (int i : order) {
    const std::string name = in->GetFieldDefn(i)->GetNameRef();
    const OGRFieldType type = in->GetFieldDefn(i)->GetType();
    Column c;
    c.src = i;
    c.header = Header(layer, name, zh, false);
    if (layer == "review_county" && (name == "start_value" || name == "end_value" || name == "change"))
      c.kind = Column::kByUnit;
    else if (zh && detail::HasCodeLabels(layer, name)) c.kind = Column::kLabel;
    else if (type == OFTDate || type == OFTDateTime) c.kind = Column::kDate;
    else if (type == OFTInteger || type == OFTInteger64) c.kind = Column::kInteger;
    else if (type == OFTReal) c.kind = IsShare(name) ? Column::kShare : Column::kReal;
    out.push_back(c);
    if (type == OFTReal && IsHectares(name)) {
      Column mu = c;
      mu.kind = Column::kMu;
      mu.header = Header(layer, name, zh, true);
      out.push_back(mu);
    }
    if (name == "town_code" && !has_name && !doc.town_names.empty()) {
      Column town;
      town.src = i;
      town.kind = Column::kTownName;
      town.header = zh ? detail::FieldTitle(layer, "town_name") : "town_name";
      out.push_back(town);
    }
  }
  return out;
}

// How many columns from the left name a row (rank, id, town code and name): at least one.
size_t KeyColumns(OGRLayer* src, const std::vector<Column>& cols) {
  size_t n = 1;
  OGRFeatureDefn* d = src->GetLayerDefn();
  for (size_t k = 0; k < cols.size() && k < 4; ++k) {
    const std::string name = cols[k].kind == Column::kTownName ? "town_name" : d->GetFieldDefn(cols[k].src)->GetNameRef();
    const bool id = name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0;
    if (name == "rank" || name == "town_code" || name == "town_name" || id)
      n = k + 1;
  }
  return n;
}

// The workbook being written, with the cell formats of a ledger.
class Book {
 public:
  Book(const std::string& path, const LedgerDoc& doc) : doc_(doc), zh_(doc.lang != "en") {
    book_ = workbook_new(path.c_str());
    if (!book_) return;
    title_ = Format(nullptr);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    format_set_align(title_, LXW_ALIGN_LEFT);
    format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(title_, LXW_BORDER_NONE);
    header_ = Format(nullptr);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(header_, 0xE8E8E8);
    text_ = Format(nullptr);
    wrap_ = Format(nullptr);
    format_set_text_wrap(wrap_);
    integer_ = Format("0");
    real_ = Format("#,##0.00");
    share_ = Format("0.0%");
    date_ = Format("yyyy-mm-dd");
  }
  ~Book() {
    if (book_) workbook_close(book_);
  }
  bool ok() const { return book_ != nullptr; }

  Status Sheet(OGRLayer* src, const std::string& sheet, const std::string& when) {
    lxw_worksheet* ws = workbook_add_worksheet(book_, sheet.c_str());
    if (!ws) return Status::Error("cannot add sheet '" + sheet + "'");
    std::vector<Column> cols = Columns(src, doc_);
    if (cols.empty()) return {};
    const auto last_col = static_cast<lxw_col_t>(cols.size() - 1);
    for (auto& c : cols) c.width = TextWidth(c.header) * 0.55;
    std::string title = (doc_.county.empty() ? "" : doc_.county + " · ") + sheet;
    if (!when.empty()) title += " · " + when;
    if (!doc_.issuer.empty()) title += (zh_ ? " · 编制单位：" : " · issued by ") + doc_.issuer;
    if (last_col > 0) worksheet_merge_range(ws, 0, 0, 0, last_col, title.c_str(), title_);
    else worksheet_write_string(ws, 0, 0, title.c_str(), title_);
    worksheet_set_row(ws, 0, 24, nullptr);
    worksheet_set_row(ws, 1, kLineHeight * 3, nullptr);  // headers wrap over up to three lines
    for (size_t k = 0; k < cols.size(); ++k)
      worksheet_write_string(ws, 1, static_cast<lxw_col_t>(k), cols[k].header.c_str(), header_);
    const int unit = src->GetLayerDefn()->GetFieldIndex("unit");
    // the widths first (a column too wide for the page wraps), then the cells
    src->ResetReading();
    for (auto& f : *src)
      for (size_t k = 0; k < cols.size(); ++k) (void)Cell(nullptr, 0, 0, *f, src->GetName(), cols[k], unit);
    for (auto& c : cols) c.wrap = c.width + 2.0 > kWidest;
    lxw_row_t row = 2;
    src->ResetReading();
    for (auto& f : *src) {
      row_lines_ = 1;
      for (size_t k = 0; k < cols.size(); ++k)
        if (Status s = Cell(ws, row, static_cast<lxw_col_t>(k), *f, src->GetName(), cols[k], unit); !s.ok()) return s;
      if (row_lines_ > 1) worksheet_set_row(ws, row, kLineHeight * row_lines_, nullptr);
      ++row;
    }
    if (row == 2) worksheet_write_string(ws, row++, 0, zh_ ? "无" : "none", text_);
    for (size_t k = 0; k < cols.size(); ++k)
      worksheet_set_column(ws, static_cast<lxw_col_t>(k), static_cast<lxw_col_t>(k),
                           std::clamp(cols[k].width + 2.0, 6.0, kWidest), nullptr);
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_autofilter(ws, 1, 0, row - 1, last_col);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    // one page wide where the columns fit at a readable size; a wider list (the towns' 50
    // figures) runs over several pages across, its key columns (rank, code, name) on each
    double total = 0;
    for (const auto& c : cols) total += std::clamp(c.width + 2.0, 6.0, kWidest);
    const auto across = static_cast<uint16_t>(std::max(1.0, std::ceil(total / kPageWidth)));
    worksheet_fit_to_pages(ws, across, 0);
    worksheet_repeat_rows(ws, 0, 1);
    if (across > 1) worksheet_repeat_columns(ws, 0, static_cast<lxw_col_t>(KeyColumns(src, cols) - 1));
    worksheet_set_footer(ws, zh_ ? "&C第 &P 页，共 &N 页" : "&CPage &P of &N");
    return {};
  }

  // libxlsxwriter prints its own line on stderr when it fails: the error is carried into ours
  // instead, with the system's reason (a full disk, a file too large)
  Status Close() {
    std::fflush(stderr);
    const int saved = ::dup(2), null = ::open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0) ::dup2(null, 2);
    errno = 0;
    const lxw_error e = workbook_close(book_);
    const int why = errno;
    std::fflush(stderr);
    if (saved >= 0) ::dup2(saved, 2), ::close(saved);
    if (null >= 0) ::close(null);
    book_ = nullptr;
    if (e == LXW_NO_ERROR) return {};
    return Status::Error(std::string(lxw_strerror(e)) + (why ? std::string(" (") + std::strerror(why) + ")" : ""));
  }

 private:
  lxw_format* Format(const char* num_format) {
    lxw_format* f = workbook_add_format(book_);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (num_format) format_set_num_format(f, num_format);
    return f;
  }

  Status Cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, OGRFeature& f, const std::string& layer, Column& col,
              int unit) {
    const int i = col.src;
    // without a worksheet the cell is only measured
    auto text = [&](const std::string& s) {
      col.width = std::max(col.width, TextWidth(s));
      if (col.wrap) row_lines_ = std::max(row_lines_, std::ceil(TextWidth(s) / (kWidest - 2.0)));
      return ws ? worksheet_write_string(ws, r, c, s.c_str(), col.wrap ? wrap_ : text_) : LXW_NO_ERROR;
    };
    auto number = [&](double v, lxw_format* fmt, double digits) {
      col.width = std::max(col.width, std::floor(std::log10(std::max(std::fabs(v), 1.0))) + 2 + digits);
      return ws ? worksheet_write_number(ws, r, c, v, fmt) : LXW_NO_ERROR;
    };
    lxw_error e = LXW_NO_ERROR;
    if (!f.IsFieldSetAndNotNull(i) && col.kind == Column::kLabel && layer == "idle" &&
        std::string(f.GetFieldDefnRef(i)->GetNameRef()) == "idle_cause") {
      e = text("待认定");  // an idle parcel's cause not recorded is still to be determined
    } else if (!f.IsFieldSetAndNotNull(i)) {
      e = ws ? worksheet_write_blank(ws, r, c, text_) : LXW_NO_ERROR;
    } else {
      switch (col.kind) {
        case Column::kText: e = text(f.GetFieldAsString(i)); break;
        case Column::kLabel:
          e = text(detail::CodeLabel(layer, f.GetFieldDefnRef(i)->GetNameRef(), f.GetFieldAsString(i)));
          break;
        case Column::kTownName: {
          auto it = doc_.town_names.find(f.GetFieldAsString(i));
          e = it == doc_.town_names.end() ? (ws ? worksheet_write_blank(ws, r, c, text_) : LXW_NO_ERROR) : text(it->second);
          break;
        }
        case Column::kInteger: e = number(static_cast<double>(f.GetFieldAsInteger64(i)), integer_, 0); break;
        case Column::kReal: e = number(f.GetFieldAsDouble(i), real_, 3); break;
        case Column::kMu: e = number(f.GetFieldAsDouble(i) * kMuPerHectare, real_, 3); break;
        case Column::kShare: e = number(f.GetFieldAsDouble(i), share_, 3); break;
        case Column::kByUnit: {
          const std::string u = unit >= 0 ? f.GetFieldAsString(unit) : "";
          e = number(f.GetFieldAsDouble(i), u == "ratio" ? share_ : u == "count" ? integer_ : real_, 3);
          break;
        }
        case Column::kDate: {
          int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
          float ss = 0;
          f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
          lxw_datetime dt = {y, m, d, 0, 0, 0.0};
          col.width = std::max(col.width, 10.0);
          e = ws ? worksheet_write_datetime(ws, r, c, &dt, date_) : LXW_NO_ERROR;
          break;
        }
      }
    }
    if (e != LXW_NO_ERROR) return Status::Error(std::string("cannot write a cell: ") + lxw_strerror(e));
    return {};
  }

  const LedgerDoc& doc_;
  bool zh_;
  lxw_workbook* book_ = nullptr;
  static constexpr double kWidest = 64.0;     // the widest column, in characters
  static constexpr double kLineHeight = 13.5;  // points a line of 10-point text takes
  static constexpr double kPageWidth = 220.0;  // characters across an A4 landscape page at a readable size
  double row_lines_ = 1;                       // lines the wrapped cells of the row being written take
  lxw_format *title_ = nullptr, *header_ = nullptr, *text_ = nullptr, *wrap_ = nullptr, *integer_ = nullptr, *real_ = nullptr,
             *share_ = nullptr, *date_ = nullptr;
};

// The workbook at `path` opened again: each of `sheets` there with a title row, a header row and
// its rows (or the line saying there are none).
Status ReadBack(const std::string& path, const std::vector<std::pair<OGRLayer*, std::string>>& sheets) {
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
  CPLErrorReset();
  Dataset back(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
  if (!back) return Status::Error("the workbook written cannot be read back (disk full?): " + GdalError());
  for (const auto& [layer, sheet] : sheets) {
    OGRLayer* got = back->GetLayerByName(sheet.c_str());
    const GIntBig rows = layer->GetFeatureCount();
    if (!got || got->GetFeatureCount() != 2 + std::max<GIntBig>(rows, 1))
      return Status::Error("the workbook written cannot be read back whole (sheet '" + sheet + "'; disk full?)");
  }
  return {};
}

}  // namespace

std::string LedgerPartialPath(const std::string& xlsx) {
  // GDAL's zip layer cuts a path at its first ".xlsx": the extension may appear only once
  return (fs::path(xlsx).parent_path() / (fs::path(xlsx).stem().string() + ".partial.xlsx")).string();
}

Status WriteLedger(const std::string& gpkg, const std::string& xlsx, const LedgerDoc& doc, bool overwrite) {
  std::error_code ec;
  if (fs::exists(xlsx, ec) && !overwrite) return Status::Error("'" + xlsx + "' exists; use --overwrite to replace it");
  Dataset src(static_cast<GDALDataset*>(
      GDALOpenEx(FinishedPath(gpkg).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!src) return Status::Error("cannot reopen '" + gpkg + "': " + GdalError());
  const std::string tmp = LedgerPartialPath(xlsx);
  VSIUnlink(tmp.c_str());
  const bool zh = doc.lang != "en";
  const auto sheets = SheetsOf(src.get(), zh);
  Status s;
  {
    Book book(tmp, doc);
    if (!book.ok()) return Status::Error("cannot create '" + xlsx + "'");
    const std::string when = DateClause(src.get(), zh);
    for (const auto& [layer, sheet] : sheets)
      if (s = book.Sheet(layer, sheet, when); !s.ok()) break;
    if (Status c = book.Close(); s.ok() && !c.ok()) s = Status::Error("cannot write '" + xlsx + "': " + c.message());
  }
  if (s.ok() && !fs::exists(tmp, ec)) s = Status::Error("cannot write '" + xlsx + "': the workbook was not saved");
  // the workbook is read back, every sheet with every row, before it takes its name
  if (s.ok()) s = ReadBack(tmp, sheets);
  if (!s.ok()) {
    VSIUnlink(tmp.c_str());
    return Status::Error("writing '" + xlsx + "': " + s.message());
  }
  return PublishOutput(tmp, xlsx);
}

}  // namespace panhuo
