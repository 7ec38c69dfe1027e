// Packed R-tree indexes of a GeoPackage (see gpkg_rtree.hpp).
#include "gpkg_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ogr_util.hpp"  // SqlText
#include "panhuo/core/text.hpp"

namespace panhuo::detail {
namespace {

// SQLite's rtree module: 8 bytes of id and four 4-byte floats a cell, a node 4 bytes of header
// and as many cells as its size holds (at most 51, RTREE_MAXCELLS: 1,228 bytes on 4 KiB pages),
// the size SQLite gave the empty root when it made the table; the root (node 1) holds the depth.
constexpr size_t kCellBytes = 8 + 4 * 4;

// As rtree.c rounds a coordinate to a float: a minimum down, a maximum up.
float Down(double d) {
  float f = static_cast<float>(d);
  if (f > d) f = static_cast<float>(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
  return f;
}
float Up(double d) {
  float f = static_cast<float>(d);
  if (f < d) f = static_cast<float>(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
  return f;
}

struct Cell {
  int64_t id;  // a row's key in a leaf, a child node's number above
  float box[4];  // minx, maxx, miny, maxy
};

void PutBig(uint8_t* p, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v & 0xFF);
}

std::vector<uint8_t> NodeBlob(const Cell* cells, size_t n, int depth, size_t node_bytes) {
  std::vector<uint8_t> blob(node_bytes, 0);
  PutBig(blob.data(), static_cast<uint64_t>(depth), 2);
  PutBig(blob.data() + 2, n, 2);
  for (size_t i = 0; i < n; ++i) {
    uint8_t* p = blob.data() + 4 + i * kCellBytes;
    PutBig(p, static_cast<uint64_t>(cells[i].id), 8);
    for (int k = 0; k < 4; ++k) {
      uint32_t bits;
      std::memcpy(&bits, &cells[i].box[k], 4);
      PutBig(p + 8 + 4 * k, bits, 4);
    }
  }
  return blob;
}

Cell Around(const Cell* cells, size_t n, int64_t id) {
  Cell c{id, {cells[0].box[0], cells[0].box[1], cells[0].box[2], cells[0].box[3]}};
  for (size_t i = 1; i < n; ++i) {
    c.box[0] = std::min(c.box[0], cells[i].box[0]);
    c.box[1] = std::max(c.box[1], cells[i].box[1]);
    c.box[2] = std::min(c.box[2], cells[i].box[2]);
    c.box[3] = std::max(c.box[3], cells[i].box[3]);
  }
  return c;
}

// Sort-Tile-Recursive: the cells in slices by x, each slice by y, so that each run of a node's cells
// is a compact tile.
void Tile(std::vector<Cell>& cells, size_t max_cells) {
  const size_t nodes = (cells.size() + max_cells - 1) / max_cells;
  const auto slices = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const size_t per_slice = slices * max_cells;
  auto cx = [](const Cell& c) { return static_cast<double>(c.box[0]) + c.box[1]; };
  auto cy = [](const Cell& c) { return static_cast<double>(c.box[2]) + c.box[3]; };
  std::sort(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
    return cx(a) != cx(b) ? cx(a) < cx(b) : a.id < b.id;
  });
  for (size_t at = 0; at < cells.size(); at += per_slice) {
    auto end = cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), at + per_slice));
    std::sort(cells.begin() + static_cast<std::ptrdiff_t>(at), end, [&](const Cell& a, const Cell& b) {
      return cy(a) != cy(b) ? cy(a) < cy(b) : a.id < b.id;
    });
  }
}

// The triggers GDAL 3.6 gives a layer's index (its CreateSpatialIndex), which keep it right when
// QGIS or GDAL later edits the layer.
std::vector<std::string> Triggers(const std::string& rtree, const std::string& t, const std::string& g, const std::string& i) {
  const std::string R = SqlIdentifier(rtree), T = SqlIdentifier(t), G = "\"" + g + "\"", I = "\"" + i + "\"";
  const std::string put = "INSERT OR REPLACE INTO " + R + " VALUES (NEW." + I + ",ST_MinX(NEW." + G + "), ST_MaxX(NEW." + G +
                          "),ST_MinY(NEW." + G + "), ST_MaxY(NEW." + G + "));";
  auto name = [&](const char* suffix) { return SqlIdentifier(rtree + suffix); };
  return {
      "CREATE TRIGGER " + name("_insert") + " AFTER INSERT ON " + T + " WHEN (new." + G + " NOT NULL AND NOT ST_IsEmpty(NEW." + G +
          ")) BEGIN " + put + " END",
      "CREATE TRIGGER " + name("_update1") + " AFTER UPDATE OF " + G + " ON " + T + " WHEN OLD." + I + " = NEW." + I + " AND (NEW." +
          G + " NOTNULL AND NOT ST_IsEmpty(NEW." + G + ")) BEGIN " + put + " END",
      "CREATE TRIGGER " + name("_update2") + " AFTER UPDATE OF " + G + " ON " + T + " WHEN OLD." + I + " = NEW." + I + " AND (NEW." +
          G + " ISNULL OR ST_IsEmpty(NEW." + G + ")) BEGIN DELETE FROM " + R + " WHERE id = OLD." + I + "; END",
      "CREATE TRIGGER " + name("_update3") + " AFTER UPDATE ON " + T + " WHEN OLD." + I + " != NEW." + I + " AND (NEW." + G +
          " NOTNULL AND NOT ST_IsEmpty(NEW." + G + ")) BEGIN DELETE FROM " + R + " WHERE id = OLD." + I + "; " + put + " END",
      "CREATE TRIGGER " + name("_update4") + " AFTER UPDATE ON " + T + " WHEN OLD." + I + " != NEW." + I + " AND (NEW." + G +
          " ISNULL OR ST_IsEmpty(NEW." + G + ")) BEGIN DELETE FROM " + R + " WHERE id IN (OLD." + I + ", NEW." + I + "); END",
      "CREATE TRIGGER " + name("_delete") + " AFTER DELETE ON " + T + " WHEN old." + G + " NOT NULL BEGIN DELETE FROM " + R +
          " WHERE id = OLD." + I + "; END",
  };
}

class Writer {
 public:
  explicit Writer(sqlite3* db) : db_(db) {}

  Status Exec(const std::string& sql) { return SqliteExec(db_, sql); }

  // Node `n` of the tree in `rtree`, its parent (0: none, the root), its cells.
  Status Index(const LayerRtree& layer) {
    const std::string rtree = "rtree_" + layer.table + "_" + layer.column;
    if (Status s = Exec("CREATE VIRTUAL TABLE " + SqlIdentifier(rtree) + " USING rtree(id, minx, maxx, miny, maxy)"); !s.ok()) return s;
    SqliteStmt node, rowid, parent;
    if (Status s = NodeSize(rtree); !s.ok()) return s;
    const size_t max_cells = std::min<size_t>(51, (node_bytes_ - 4) / kCellBytes);
    if (Status s = Prepare("INSERT OR REPLACE INTO " + SqlIdentifier(rtree + "_node") + " VALUES (?, ?)", node); !s.ok()) return s;
    if (Status s = Prepare("INSERT INTO " + SqlIdentifier(rtree + "_rowid") + " VALUES (?, ?)", rowid); !s.ok()) return s;
    if (Status s = Prepare("INSERT INTO " + SqlIdentifier(rtree + "_parent") + " VALUES (?, ?)", parent); !s.ok()) return s;
    std::vector<Cell> level;
    level.reserve(layer.entries.size());
    for (const auto& e : layer.entries) level.push_back({e.id, {e.minx, e.maxx, e.miny, e.maxy}});
    int depth = 0;
    int64_t next = 2;  // node 1 is the root
    while (level.size() > max_cells) {
      Tile(level, max_cells);
      std::vector<Cell> up;
      for (size_t at = 0; at < level.size(); at += max_cells) {
        const size_t n = std::min(max_cells, level.size() - at);
        const int64_t no = next++;
        if (Status s = Node(node.get(), no, &level[at], n, 0); !s.ok()) return s;
        for (size_t i = at; i < at + n; ++i)
          if (Status s = Pair(depth == 0 ? rowid.get() : parent.get(), level[i].id, no); !s.ok()) return s;
        up.push_back(Around(&level[at], n, no));
      }
      level = std::move(up);
      ++depth;
    }
    if (Status s = Node(node.get(), 1, level.data(), level.size(), depth); !s.ok()) return s;
    for (const Cell& c : level)
      if (Status s = Pair(depth == 0 ? rowid.get() : parent.get(), c.id, 1); !s.ok()) return s;
    for (const auto& sql : Triggers(rtree, layer.table, layer.column, layer.key))
      if (Status s = Exec(sql); !s.ok()) return s;
    return Exec("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (" +
                SqlText(layer.table) + ", " + SqlText(layer.column) +
                ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
  }

 private:
  Status Prepare(const std::string& sql, SqliteStmt& out) { return SqlitePrepare(db_, sql, out); }
  Status Step(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db_));
    return {};
  }
  // The size of a node of `rtree`: its empty root's, as SQLite made it.
  Status NodeSize(const std::string& rtree) {
    SqliteStmt q;
    if (Status s = Prepare("SELECT length(data) FROM " + SqlIdentifier(rtree + "_node") + " WHERE nodeno = 1", q); !s.ok()) return s;
    if (sqlite3_step(q.get()) != SQLITE_ROW) return Status::Error("no root node in " + rtree);
    node_bytes_ = static_cast<size_t>(sqlite3_column_int64(q.get(), 0));
    if (node_bytes_ < 4 + 2 * kCellBytes) return Status::Error("a node of " + rtree + " holds too little");
    return {};
  }
  Status Node(sqlite3_stmt* s, int64_t no, const Cell* cells, size_t n, int depth) {
    const auto blob = NodeBlob(cells, n, depth, node_bytes_);
    sqlite3_bind_int64(s, 1, no);
    sqlite3_bind_blob(s, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return Step(s);
  }
  Status Pair(sqlite3_stmt* s, int64_t a, int64_t b) {
    sqlite3_bind_int64(s, 1, a);
    sqlite3_bind_int64(s, 2, b);
    return Step(s);
  }
  sqlite3* db_;
  size_t node_bytes_ = 0;
};

}  // namespace

RtreeEntry EntryOf(int64_t id, const double envelope[4]) {
  return {id, Down(envelope[0]), Up(envelope[1]), Down(envelope[2]), Up(envelope[3])};
}

Status BuildRtrees(sqlite3* db, const std::vector<LayerRtree>& layers) {
  if (layers.empty()) return {};
  Writer w(db);
  if (Status s = w.Exec("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name "
                        "TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE "
                        "(table_name, column_name, extension_name))");
      !s.ok())
    return s;
  for (const auto& layer : layers)
    if (Status s = w.Index(layer); !s.ok()) return Status::Error("cannot index layer '" + layer.table + "': " + s.message());
  return {};
}

}  // namespace panhuo::detail
