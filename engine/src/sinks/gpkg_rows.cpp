// Rows inserted into a GeoPackage through SQLite (see gpkg_rows.hpp).
#include "gpkg_rows.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include "panhuo/core/text.hpp"
#include "panhuo/core/trace.hpp"
#include "panhuo/tables/output_schema.hpp"

namespace panhuo::detail {
namespace {

template <typename T>
void Put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));  // little-endian, as this machine and the blob's flags say
  out.append(b, sizeof(T));
}

// `mp` as a GeoPackage geometry blob: "GP", version 0, flags (little-endian, an envelope of
// minx, maxx, miny, maxy; or empty and no envelope), the SRS id, then the WKB MultiPolygon.
void Blob(const MultiPolygon& mp, int32_t srs, std::string& out, double env[4], bool& empty) {
  empty = true;
  env[0] = env[2] = std::numeric_limits<double>::infinity();
  env[1] = env[3] = -std::numeric_limits<double>::infinity();
  for (const auto& poly : mp)
    for (const auto& p : poly.outer()) {
      empty = false;
      env[0] = std::min(env[0], p.x()), env[1] = std::max(env[1], p.x());
      env[2] = std::min(env[2], p.y()), env[3] = std::max(env[3], p.y());
    }
  out.clear();
  out += "GP";
  out += '\0';
  out += static_cast<char>(empty ? 0x11 : 0x03);
  Put<int32_t>(out, srs);
  if (!empty)
    for (int k = 0; k < 4; ++k) Put<double>(out, env[k]);
  out += '\1';
  Put<uint32_t>(out, 6);
  Put<uint32_t>(out, empty ? 0 : static_cast<uint32_t>(mp.size()));
  if (empty) return;
  auto ring = [&](const Ring& r) {
    Put<uint32_t>(out, static_cast<uint32_t>(r.size()));
    for (const auto& p : r) Put<double>(out, p.x()), Put<double>(out, p.y());
  };
  for (const auto& poly : mp) {
    out += '\1';
    Put<uint32_t>(out, 3);
    Put<uint32_t>(out, static_cast<uint32_t>(1 + poly.inners().size()));
    ring(poly.outer());
    for (const auto& h : poly.inners()) ring(h);
  }
}

// Whether a cell fits its column (null fits every one).
bool Fits(const Cell& c, Table::Type t) {
  if (std::holds_alternative<std::monostate>(c)) return true;
  switch (t) {
    case Table::Type::kText: return std::holds_alternative<std::string>(c);
    case Table::Type::kInteger: return std::holds_alternative<int64_t>(c);
    case Table::Type::kReal: return std::holds_alternative<double>(c);
    case Table::Type::kDate: return std::holds_alternative<Date>(c);
  }
  return false;
}

constexpr size_t kChunkRows = 1024;

// Rows [first, first + n) of a table as they are bound: each row's cells (a date as its text),
// its geometry blob and envelope. Made on every core; each row is its own.
struct RowChunk {
  size_t first = 0, n = 0;
  std::vector<std::vector<Cell>> cells;
  std::vector<std::string> blobs;
  std::vector<std::array<double, 4>> env;
  std::vector<uint8_t> shape;  // 0: no geometry, 1: an empty one, 2: a geometry
  std::atomic<size_t> misfit{SIZE_MAX};  // the first row whose cells do not fit its columns

  void Make(const Table& t, size_t from, size_t count, bool with_geom, int32_t srs) {
    first = from, n = count;
    cells.resize(n), blobs.resize(n), env.resize(n), shape.assign(n, 0);
    misfit = SIZE_MAX;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 256), [&](const tbb::blocked_range<size_t>& r) {
      for (size_t i = r.begin(); i != r.end(); ++i) {
        std::vector<Cell>& c = cells[i];
        t.Row(first + i, c);
        bool fit = c.size() == t.columns.size();
        for (size_t k = 0; fit && k < c.size(); ++k) fit = Fits(c[k], t.columns[k].type);
        if (!fit) {
          for (size_t seen = misfit.load(); i < seen && !misfit.compare_exchange_weak(seen, i);) {}
          continue;
        }
        for (Cell& cell : c)
          if (const Date* day = std::get_if<Date>(&cell)) cell = day->ToString();
        if (!with_geom) continue;
        if (const MultiPolygon* g = t.Shape(first + i)) {
          bool empty = true;
          Blob(*g, srs, blobs[i], env[i].data(), empty);
          shape[i] = empty ? 1 : 2;
        }
      }
    });
  }
};

class Inserter {
 public:
  explicit Inserter(sqlite3* db) : db_(db) {}

  Status Exec(const std::string& sql) { return SqliteExec(db_, sql); }
  Status Prepare(const std::string& sql, SqliteStmt& out) { return SqlitePrepare(db_, sql, out); }

  // The layer's geometry column and SRS id; an empty column for a table without geometry.
  Status GeometryOf(const std::string& table, std::string& column, int32_t& srs) {
    SqliteStmt q;
    if (Status s = Prepare("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", q); !s.ok()) return s;
    sqlite3_bind_text(q.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
    column.clear();
    if (sqlite3_step(q.get()) == SQLITE_ROW) {
      column = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
      srs = static_cast<int32_t>(sqlite3_column_int(q.get(), 1));
    }
    return {};
  }

  Status Layer(const Table& t, std::vector<LayerRtree>& rtrees, const std::function<bool(size_t, size_t)>& progress) {
    std::string geom;
    int32_t srs = 0;
    if (Status s = GeometryOf(t.name, geom, srs); !s.ok()) return s;
    // the key as SQLite gives it, 1, 2, ... into the empty table, as GDAL leaves it
    std::string sql = "INSERT INTO " + SqlIdentifier(t.name) + " (", marks;
    if (!geom.empty()) sql += SqlIdentifier(geom), marks = "?";
    for (const auto& c : t.columns) {
      sql += (marks.empty() ? "" : ", ") + SqlIdentifier(c.name);
      marks += marks.empty() ? "?" : ", ?";
    }
    if (marks.empty()) sql = "INSERT INTO " + SqlIdentifier(t.name) + " DEFAULT VALUES", marks.clear();
    SqliteStmt insert;
    if (Status s = Prepare(marks.empty() ? sql : sql + ") VALUES (" + marks + ")", insert); !s.ok()) return s;
    // GDAL's trigger counting each inserted row (a scan of gpkg_ogr_contents each time) stands
    // aside while the rows go in; the count is set once after them, as GDAL does in bulk
    std::string count_trigger;
    if (Status s = TriggerSql("trigger_insert_feature_count_" + t.name, count_trigger); !s.ok()) return s;
    if (!count_trigger.empty())
      if (Status s = Exec("DROP TRIGGER " + SqlIdentifier("trigger_insert_feature_count_" + t.name)); !s.ok()) return s;
    LayerRtree* index = nullptr;
    if (!geom.empty()) {
      rtrees.push_back({t.name, geom, "row_id", {}});
      index = &rtrees.back();
    }
    double extent[4] = {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    const size_t n = t.size();
    // chunks of rows made on every core (cells, dates as text, geometry blobs) while the
    // previous chunk is bound and stepped, in row order, on this thread
    RowChunk chunks[2];
    const bool with_geom = !geom.empty();
    chunks[0].Make(t, 0, std::min(n, kChunkRows), with_geom, srs);
    for (size_t first = 0, cur = 0; first < n; first += kChunkRows, cur ^= 1) {
      const size_t next_first = first + kChunkRows;
      std::thread next;
      if (next_first < n)
        next = std::thread([&, other = cur ^ 1] {
          chunks[other].Make(t, next_first, std::min(n - next_first, kChunkRows), with_geom, srs);
        });
      Status bound = Bind(chunks[cur], insert.get(), with_geom, extent, index, progress, n);
      if (next.joinable()) next.join();
      if (!bound.ok()) return bound;
    }
    if (!count_trigger.empty())
      if (Status s = Exec(count_trigger); !s.ok()) return s;
    return Contents(t.name, n, !geom.empty() && std::isfinite(extent[0]) ? extent : nullptr);
  }

  // Binds and steps the rows of `chunk` in order; the envelopes of its geometries go to `extent`
  // and the index.
  Status Bind(const RowChunk& chunk, sqlite3_stmt* q, bool with_geom, double extent[4], LayerRtree* index,
              const std::function<bool(size_t, size_t)>& progress, size_t total) {
    if (chunk.misfit != SIZE_MAX) {
      const size_t r = chunk.first + chunk.misfit;
      return Status::Error("internal: row " + std::to_string(r) + " has " + std::to_string(chunk.cells[chunk.misfit].size()) +
                           " cells of the wrong kind for its fields");
    }
    for (size_t i = 0; i < chunk.n; ++i) {
      const size_t r = chunk.first + i;
      if (progress && r % 4096 == 0 && !progress(r, total)) return Status::Error("cancelled");
      const auto id = static_cast<int64_t>(r + 1);
      int at = 1;
      if (with_geom) {
        if (chunk.shape[i] == 0) {
          sqlite3_bind_null(q, at++);
        } else {
          const std::string& blob = chunk.blobs[i];
          sqlite3_bind_blob(q, at++, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
        }
        if (chunk.shape[i] == 2) {
          const auto& env = chunk.env[i];
          extent[0] = std::min(extent[0], env[0]), extent[1] = std::max(extent[1], env[1]);
          extent[2] = std::min(extent[2], env[2]), extent[3] = std::max(extent[3], env[3]);
          index->entries.push_back(EntryOf(id, env.data()));
        }
      }
      for (const Cell& c : chunk.cells[i]) Bind(q, at++, c);
      const int rc = sqlite3_step(q);
      sqlite3_reset(q);
      sqlite3_clear_bindings(q);
      if (rc != SQLITE_DONE) return Status::Error(std::string("cannot write a row: ") + sqlite3_errmsg(db_));
      if (sqlite3_last_insert_rowid(db_) != id) return Status::Error("internal: row " + std::to_string(r) + " took another key");
    }
    return {};
  }

  // The SQL of trigger `name`, empty when there is none.
  Status TriggerSql(const std::string& name, std::string& sql) {
    SqliteStmt q;
    if (Status s = Prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", q); !s.ok()) return s;
    sqlite3_bind_text(q.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
    sql.clear();
    if (sqlite3_step(q.get()) == SQLITE_ROW && sqlite3_column_text(q.get(), 0))
      sql = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
    return {};
  }

 private:
  void Bind(sqlite3_stmt* q, int i, const Cell& c) {
    if (auto* s = std::get_if<std::string>(&c)) sqlite3_bind_text(q, i, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    else if (auto* v = std::get_if<int64_t>(&c)) sqlite3_bind_int64(q, i, *v);
    else if (auto* d = std::get_if<double>(&c)) std::isnan(*d) ? sqlite3_bind_null(q, i) : sqlite3_bind_double(q, i, *d);
    else sqlite3_bind_null(q, i);  // a date is text by now (RowChunk::Make)
  }

  // The layer's extent and feature count, as GDAL records them when it closes a layer.
  Status Contents(const std::string& table, size_t n, const double* extent) {
    SqliteStmt q;
    if (Status s = Prepare("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = "
                           "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(?)",
                           q);
        !s.ok())
      return s;
    if (extent) {
      sqlite3_bind_double(q.get(), 1, extent[0]);
      sqlite3_bind_double(q.get(), 2, extent[2]);
      sqlite3_bind_double(q.get(), 3, extent[1]);
      sqlite3_bind_double(q.get(), 4, extent[3]);
    }
    sqlite3_bind_text(q.get(), 5, table.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q.get()) != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db_));
    SqliteStmt c;
    if (Status s = Prepare("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", c); !s.ok())
      return s;
    sqlite3_bind_int64(c.get(), 1, static_cast<int64_t>(n));
    sqlite3_bind_text(c.get(), 2, table.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(c.get()) != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db_));
    return {};
  }

  sqlite3* db_;
};

}  // namespace

Status InsertRowsAndIndexes(const std::string& path, const std::vector<Table>& tables,
                            const std::function<bool(size_t, size_t, size_t)>& progress) {
  std::string why;
  SqliteDb db = OpenSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, why);
  if (!db) return Status::Error("cannot reopen '" + path + "': " + why);
  Inserter w(db.get());
  // the file is a temporary one, removed whole on any failure and synced before it takes its
  // name: no journal, no sync of its own
  Status s = w.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
  if (s.ok()) s = w.Exec("BEGIN");
  std::vector<LayerRtree> rtrees;
  for (size_t i = 0; i < tables.size() && s.ok(); ++i) {
    auto step = [&](size_t done, size_t total) { return !progress || progress(i, done, total); };
    if (Status x = w.Layer(tables[i], rtrees, step); !x.ok())
      s = x.message() == "cancelled" ? x : Status::Error("cannot write layer '" + tables[i].name + "': " + x.message());
    TraceMark(("write: " + tables[i].name).c_str());
  }
  if (s.ok()) s = BuildRtrees(db.get(), rtrees);
  TraceMark("write: indexes");
  if (s.ok()) s = w.Exec("COMMIT");
  else w.Exec("ROLLBACK");
  if (!s.ok()) return s;
  if (sqlite3_close(db.release()) != SQLITE_OK) return Status::Error("cannot close '" + path + "' after writing its rows");
  return {};
}

}  // namespace panhuo::detail
