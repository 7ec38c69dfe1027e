// The Excel ledger (台账): the output tables of a run as the sheets of one workbook
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
      if (!l.sheet.empty() && l.name != "run" && l.name.front() != '_') out.push_back({l.name, l.sheet});
    return out;
  }();
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

int ColumnOf(const Table& t, const std::string& name) {
  for (size_t k = 0; k < t.columns.size(); ++k)
    if (t.columns[k].name == name) return static_cast<int>(k);
  return -1;
}

const Table* Find(const std::vector<Table>& tables, const std::string& name) {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

// The tables that become sheets, in workbook order, each with its sheet name.
std::vector<std::pair<const Table*, std::string>> SheetsOf(const std::vector<Table>& tables, bool zh) {
  std::vector<std::pair<const Table*, std::string>> out;
  for (const Sheet& sh : Sheets())
    if (const Table* t = Find(tables, sh.layer)) out.push_back({t, zh ? sh.zh : sh.layer});
  auto listed = [](const std::string& name) {
    for (const Sheet& sh : Sheets())
      if (name == sh.layer) return true;
    return false;
  };
  // a scenario's own layers, <scenario>_<suffix>, after the lists above in the order written
  for (const Table& t : tables) {
    if (listed(t.name)) continue;  // review_towns, hard_plots: not a scenario's towns or plots
    if (const OutputLayer* l = FindScenarioLayer(t.name))
      out.push_back({&t, SheetName(zh ? t.name.substr(0, t.name.size() - l->name.size()) + "·" + l->sheet : t.name)});
  }
  // a layer no list above names still becomes a sheet, under its own name: none is left out
  for (const Table& t : tables) {
    if (t.name == "run") continue;
    bool taken = false;
    for (const auto& [table, sheet] : out) taken |= table == &t;
    if (!taken) out.push_back({&t, SheetName(t.name)});
  }
  if (const Table* t = Find(tables, "run")) out.push_back({t, zh ? FindOutputLayer("run")->sheet : "run"});
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
std::string DateClause(const std::vector<Table>& tables, bool zh) {
  const Table* run = Find(tables, "run");
  if (!run || run->size() == 0) return "";
  std::vector<Cell> cells;
  run->Row(0, cells);
  auto date = [&](const char* field) -> std::string {
    const int i = ColumnOf(*run, field);
    const Date* day = i < 0 ? nullptr : std::get_if<Date>(&cells[static_cast<size_t>(i)]);
    if (!day) return "";
    int y = 0, m = 0, d = 0;
    day->ToYmd(y, m, d);
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
std::vector<Column> Columns(const Table& src, const Document& doc) {
  using T = Table::Type;
  const std::string& layer = src.name;
  const bool zh = doc.lang != "en";
  std::vector<int> order;
  for (size_t i = 0; i < src.columns.size(); ++i) order.push_back(static_cast<int>(i));
  const int rank = ColumnOf(src, "rank");
  if (rank > 0 && (layer == "towns" || layer == "review_towns")) {
    order.erase(order.begin() + rank);
    order.insert(order.begin(), rank);
  }
  const bool has_name = ColumnOf(src, "town_name") >= 0;
  std::vector<Column> out;
  for (int i : order) {
    const std::string& name = src.columns[static_cast<size_t>(i)].name;
    const T type = src.columns[static_cast<size_t>(i)].type;
    Column c;
    c.src = i;
    c.header = Header(layer, name, zh, false);
    if (layer == "review_county" && (name == "start_value" || name == "end_value" || name == "change"))
      c.kind = Column::kByUnit;
    else if (zh && detail::HasCodeLabels(layer, name)) c.kind = Column::kLabel;
    else if (type == T::kDate) c.kind = Column::kDate;
    else if (type == T::kInteger) c.kind = Column::kInteger;
    else if (type == T::kReal) c.kind = IsShare(name) ? Column::kShare : Column::kReal;
    out.push_back(c);
    if (type == T::kReal && IsHectares(name)) {
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
size_t KeyColumns(const Table& src, const std::vector<Column>& cols) {
  size_t n = 1;
  for (size_t k = 0; k < cols.size() && k < 4; ++k) {
    const std::string name = cols[k].kind == Column::kTownName ? "town_name" : src.columns[static_cast<size_t>(cols[k].src)].name;
    const bool id = name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0;
    if (name == "rank" || name == "town_code" || name == "town_name" || id)
      n = k + 1;
  }
  return n;
}

// The workbook being written, with the cell formats of a ledger.
class Book {
 public:
  Book(const std::string& path, const Document& doc) : doc_(doc), zh_(doc.lang != "en") {
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

  Status Sheet(const Table& src, const std::string& sheet, const std::string& when) {
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
    const int unit = ColumnOf(src, "unit");
    // the widths first (a column too wide for the page wraps), then the cells
    std::vector<panhuo::Cell> f;
    for (size_t r = 0; r < src.size(); ++r) {
      src.Row(r, f);
      for (size_t k = 0; k < cols.size(); ++k) (void)Cell(nullptr, 0, 0, f, src, cols[k], unit);
    }
    for (auto& c : cols) c.wrap = c.width + 2.0 > kWidest;
    lxw_row_t row = 2;
    for (size_t r = 0; r < src.size(); ++r) {
      src.Row(r, f);
      row_lines_ = 1;
      for (size_t k = 0; k < cols.size(); ++k)
        if (Status s = Cell(ws, row, static_cast<lxw_col_t>(k), f, src, cols[k], unit); !s.ok()) return s;
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

  Status Cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::vector<panhuo::Cell>& f, const Table& src,
              Column& col, int unit) {
    const std::string& layer = src.name;
    const panhuo::Cell& cell = f[static_cast<size_t>(col.src)];
    const bool null = std::holds_alternative<std::monostate>(cell);
    auto as_text = [](const panhuo::Cell& v) -> std::string {
      if (auto* t = std::get_if<std::string>(&v)) return *t;
      if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
      return "";
    };
    auto as_number = [](const panhuo::Cell& v) {
      if (auto* d = std::get_if<double>(&v)) return *d;
      if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
      return 0.0;
    };
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
    const std::string& field = src.columns[static_cast<size_t>(col.src)].name;
    if (null && col.kind == Column::kLabel && layer == "idle" && field == "idle_cause") {
      e = text("待认定");  // an idle parcel's cause not recorded is still to be determined
    } else if (null) {
      e = ws ? worksheet_write_blank(ws, r, c, text_) : LXW_NO_ERROR;
    } else {
      switch (col.kind) {
        case Column::kText: e = text(as_text(cell)); break;
        case Column::kLabel: e = text(detail::CodeLabel(layer, field, as_text(cell))); break;
        case Column::kTownName: {
          auto it = doc_.town_names.find(as_text(cell));
          e = it == doc_.town_names.end() ? (ws ? worksheet_write_blank(ws, r, c, text_) : LXW_NO_ERROR) : text(it->second);
          break;
        }
        case Column::kInteger: e = number(as_number(cell), integer_, 0); break;
        case Column::kReal: e = number(as_number(cell), real_, 3); break;
        case Column::kMu: e = number(as_number(cell) * kMuPerHectare, real_, 3); break;
        case Column::kShare: e = number(as_number(cell), share_, 3); break;
        case Column::kByUnit: {
          const std::string u = unit >= 0 ? as_text(f[static_cast<size_t>(unit)]) : "";
          e = number(as_number(cell), u == "ratio" ? share_ : u == "count" ? integer_ : real_, 3);
          break;
        }
        case Column::kDate: {
          int y = 0, m = 0, d = 0;
          if (auto* day = std::get_if<Date>(&cell)) day->ToYmd(y, m, d);
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

  const Document& doc_;
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
Status ReadBack(const std::string& path, const std::vector<std::pair<const Table*, std::string>>& sheets) {
  const char* const drivers[] = {"XLSX", nullptr};
  const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
  CPLErrorReset();
  Dataset back(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
  if (!back) return Status::Error("the workbook written cannot be read back (disk full?): " + GdalError());
  for (const auto& [layer, sheet] : sheets) {
    OGRLayer* got = back->GetLayerByName(sheet.c_str());
    const auto rows = static_cast<GIntBig>(layer->size());
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

Status WriteLedger(const std::vector<Table>& tables, const std::string& xlsx, const Document& doc, bool overwrite) {
  std::error_code ec;
  if (fs::exists(xlsx, ec) && !overwrite) return Status::Error("'" + xlsx + "' exists; use --overwrite to replace it");
  const std::string tmp = LedgerPartialPath(xlsx);
  VSIUnlink(tmp.c_str());
  const bool zh = doc.lang != "en";
  const auto sheets = SheetsOf(tables, zh);
  Status s;
  {
    Book book(tmp, doc);
    if (!book.ok()) return Status::Error("cannot create '" + xlsx + "'");
    const std::string when = DateClause(tables, zh);
    for (const auto& [table, sheet] : sheets)
      if (s = book.Sheet(*table, sheet, when); !s.ok()) break;
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
