// A GeoPackage layer read through SQLite in one pass (see sqlite_read.hpp).
#include "sqlite_read.hpp"

#include <sys/stat.h>
#include <tbb/parallel_for.h>

#include <cstring>
#include <memory>
#include <thread>

#include "panhuo/core/text.hpp"
#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/sources/sqlite_db.hpp"
#include "stored_value.hpp"

namespace panhuo::detail {
namespace {

constexpr size_t kBatch = 8192;  // rows a batch: two are alive at once

// A value of one row as stored, its bytes kept in the batch's arena until the batch is converted.
struct Cell {
  int type = SQLITE_NULL;  // SQLite's storage class
  int64_t i = 0;
  double d = 0;
  size_t at = 0, size = 0;  // text or blob bytes in the arena
};

// "YYYY-MM-DD" naming a day that exists: the text SQLite's date(t, '+0 days') gives back unchanged,
// which GDAL reads as that day.
bool CanonicalDate(std::string_view t, int32_t& days) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[k] < '0' || t[k] > '9') return false;
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const int m = (t[5] - '0') * 10 + (t[6] - '0'), d = (t[8] - '0') * 10 + (t[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  days = Date::FromYmd(y, m, d).days;
  return true;
}

// The stored bytes as the raw-value check shows them: each NUL as the two characters \0.
std::string RawText(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) out += c == '\0' ? std::string("\\0") : std::string(1, c);
  return out;
}

// The value of a field declared `declared` (its OGR type) for a contract field of type `want`:
// as GDAL gives a value it converts faithfully, else from the stored text (TextValue), as the
// raw-value query corrects it on the other paths.
Value FromCell(const Cell& c, std::string_view bytes, OGRFieldType declared, FieldType want) {
  using K = StoredValue::Kind;
  StoredValue s;
  bool faithful = false;
  switch (declared) {
    case OFTDate:
      if (c.type == SQLITE_TEXT && CanonicalDate(bytes, s.day)) s.kind = K::kDay, faithful = true;
      break;
    case OFTReal:
      if (c.type == SQLITE_INTEGER) s.kind = K::kReal, s.d = static_cast<double>(c.i), faithful = true;
      else if (c.type == SQLITE_FLOAT) s.kind = K::kReal, s.d = c.d, faithful = true;
      break;
    case OFTInteger:
    case OFTInteger64:
      if (c.type == SQLITE_INTEGER) s.kind = K::kInt, s.i = c.i, faithful = true;
      break;
    default:  // OFTString: a number is read as its text
      if (c.type != SQLITE_BLOB && bytes.find('\0') == std::string_view::npos) s.kind = K::kText, s.text = bytes, faithful = true;
      break;
  }
  if (faithful) return ConvertStored(s, want);
  if (c.type == SQLITE_BLOB) {
    Value v;
    v.kind = Value::Kind::kBad;
    v.text = "blob of " + std::to_string(c.size) + " bytes";
    return v;
  }
  return TextValue(RawText(bytes), want);
}

// The WKB inside a GeoPackage geometry blob: after the 8-byte header and the envelope its flags
// announce. A blob that is no GeoPackage geometry is handed on whole (and found unreadable).
WkbView GpkgWkb(const uint8_t* b, size_t n) {
  if (n < 8 || b[0] != 'G' || b[1] != 'P') return {b, n};
  static const size_t kEnvelope[8] = {0, 32, 48, 48, 64, 0, 0, 0};
  const int env = (b[3] >> 1) & 7;
  if (env > 4) return {b, n};
  const size_t header = 8 + kEnvelope[env];
  if (n < header) return {b, n};
  return {b + header, n - header};
}

}  // namespace

bool SqliteReadable(GDALDataset* ds, OGRLayer* layer, const std::vector<int>& field_index) {
  if (!ds || !layer || !ds->GetDriver() || std::string(ds->GetDriver()->GetDescription()) != "GPKG") return false;
  struct stat st;
  if (::stat(ds->GetDescription(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const char* fid = layer->GetFIDColumn();
  if (!fid || !*fid) return false;
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i : field_index) {
    if (i < 0) continue;
    const OGRFieldDefn* f = defn->GetFieldDefn(i);
    const OGRFieldType t = f->GetType();
    if (f->GetSubType() != OFSTNone) return false;
    if (t != OFTString && t != OFTInteger && t != OFTInteger64 && t != OFTReal && t != OFTDate) return false;
  }
  return true;
}

bool ReadSqlite(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                RawLayer& raw, const std::function<void(size_t, const std::vector<WkbView>&)>& on_geometry,
                Status& error) {
  std::string why;
  SqliteDb db = OpenSqlite(ds->GetDescription(), SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, why);
  if (!db) return false;
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const bool geo = spec.geom != GeomKind::kNone;
  const char* geom_name = layer->GetGeometryColumn();
  if (geo && (!geom_name || !*geom_name)) return false;
  std::string sql = "SELECT " + SqlIdentifier(layer->GetFIDColumn()) + (geo ? ", " + SqlIdentifier(geom_name) : std::string());
  std::vector<int> col(spec.fields.size(), -1);
  std::vector<OGRFieldType> declared(spec.fields.size(), OFTString);
  int next = geo ? 2 : 1;
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    if (field_index[k] < 0) continue;
    const OGRFieldDefn* f = defn->GetFieldDefn(field_index[k]);
    sql += ", " + SqlIdentifier(f->GetNameRef());
    col[k] = next++;
    declared[k] = f->GetType();
  }
  sql += " FROM " + SqlIdentifier(layer->GetName());
  // --where: GDAL hands a GeoPackage layer's attribute filter to SQLite as it is written
  if (const char* where = layer->GetAttrQueryString(); where && *where) sql += " WHERE (" + std::string(where) + ")";
  SqliteStmt stmt;
  if (!SqlitePrepare(db.get(), sql, stmt).ok()) return false;
  const size_t nf = spec.fields.size();
  // whether a number stored in a field needs its text: in a text field, and wherever it is not
  // what the field holds (its text is then what the value is read from)
  std::vector<uint8_t> int_text(nf), real_text(nf);
  for (size_t k = 0; k < nf; ++k) {
    int_text[k] = declared[k] != OFTInteger && declared[k] != OFTInteger64 && declared[k] != OFTReal;
    real_text[k] = declared[k] != OFTReal;
  }
  // One batch of rows as stored; one is filled on a thread of its own while the other is
  // converted on every core.
  struct Batch {
    std::vector<int64_t> fids;
    std::vector<Cell> cells, shapes;
    std::string arena;
    size_t n = 0;
    int rc = SQLITE_ROW;
    std::string why;
  };
  sqlite3_stmt* q = stmt.get();
  auto keep = [q](Batch& b, int c, Cell& cell, bool number_text) {
    cell.type = sqlite3_column_type(q, c);
    if (cell.type == SQLITE_NULL) return;
    if (cell.type == SQLITE_INTEGER) cell.i = sqlite3_column_int64(q, c);
    else if (cell.type == SQLITE_FLOAT) cell.d = sqlite3_column_double(q, c);
    if ((cell.type == SQLITE_INTEGER || cell.type == SQLITE_FLOAT) && !number_text) return;
    // a number's text as SQLite writes it (what the raw-value query and GDAL's text field see)
    const void* p = cell.type == SQLITE_BLOB ? sqlite3_column_blob(q, c) : static_cast<const void*>(sqlite3_column_text(q, c));
    cell.size = static_cast<size_t>(sqlite3_column_bytes(q, c));
    cell.at = b.arena.size();
    if (p) b.arena.append(static_cast<const char*>(p), cell.size);
  };
  auto fill = [&](Batch& b) {
    b.fids.clear();
    b.cells.assign(kBatch * nf, Cell{});
    b.shapes.assign(geo ? kBatch : 0, Cell{});
    b.arena.clear();
    b.n = 0;
    while (b.n < kBatch && (b.rc = sqlite3_step(q)) == SQLITE_ROW) {
      b.fids.push_back(sqlite3_column_int64(q, 0));
      if (geo) keep(b, 1, b.shapes[b.n], true);
      for (size_t k = 0; k < nf; ++k)
        if (col[k] >= 0) {
          Cell& c = b.cells[b.n * nf + k];
          keep(b, col[k], c, sqlite3_column_type(q, col[k]) == SQLITE_INTEGER ? int_text[k] : real_text[k]);
        }
      ++b.n;
    }
    if (b.rc != SQLITE_ROW && b.rc != SQLITE_DONE) b.why = sqlite3_errmsg(db.get());
  };
  std::vector<WkbView> views;
  // the batch's values on every core, each row its own; then its geometries
  auto convert = [&](const Batch& b) {
    const size_t first = raw.size(), n = b.n;
    raw.fid.insert(raw.fid.end(), b.fids.begin(), b.fids.end());
    raw.reject.resize(first + n);
    raw.values.resize((first + n) * nf);
    const std::string_view arena(b.arena);
    tbb::parallel_for(size_t{0}, n, [&](size_t i) {
      for (size_t k = 0; k < nf; ++k) {
        if (col[k] < 0) continue;
        const Cell& c = b.cells[i * nf + k];
        raw.values[(first + i) * nf + k] = FromCell(c, arena.substr(c.at, c.size), declared[k], spec.fields[k].type);
      }
    });
    if (!geo) return;
    views.assign(n, WkbView{});
    for (size_t i = 0; i < n; ++i)
      if (b.shapes[i].type != SQLITE_NULL)
        views[i] = GpkgWkb(reinterpret_cast<const uint8_t*>(b.arena.data() + b.shapes[i].at), b.shapes[i].size);
    on_geometry(first, views);
  };
  Batch batches[2];
  fill(batches[0]);
  for (int cur = 0;; cur ^= 1) {
    Batch& b = batches[cur];
    const bool more = b.rc == SQLITE_ROW;  // full: there may be more rows
    std::thread next;
    if (more) next = std::thread([&, other = cur ^ 1] { fill(batches[other]); });
    if (b.n > 0) convert(b);
    if (next.joinable()) next.join();
    if (more) continue;
    if (b.rc != SQLITE_DONE) {
      error = Status::Error("read failed after " + std::to_string(raw.size()) + " features: " + b.why);
      return true;
    }
    break;
  }
  return true;
}

}  // namespace panhuo::detail
