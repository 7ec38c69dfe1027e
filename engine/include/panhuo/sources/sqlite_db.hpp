// SQLite opened directly, for the GeoPackages the engine reads in one pass (input/sqlite_read)
// and writes its rows and R-trees into (sinks/gpkg_rows, sinks/gpkg_rtree): owned handles and
// statements, and the calls those readers and writers make with SQLite's own messages.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo::detail {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, SqliteCloser>;

// `path` opened with `flags` (SQLITE_OPEN_*); null, with SQLite's reason in `why`, when it cannot.
inline SqliteDb OpenSqlite(const std::string& path, int flags, std::string& why) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK) return SqliteDb(db);
  why = db ? sqlite3_errmsg(db) : "out of memory";
  sqlite3_close(db);
  return nullptr;
}

// Runs `sql` (one or more statements without rows).
inline Status SqliteExec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return {};
  const std::string why = err ? err : sqlite3_errmsg(db);
  sqlite3_free(err);
  return Status::Error(why);
}

// `sql` prepared into `out`.
inline Status SqlitePrepare(sqlite3* db, const std::string& sql, SqliteStmt& out) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Status::Error(sqlite3_errmsg(db));
  out.reset(s);
  return {};
}

}  // namespace panhuo::detail
