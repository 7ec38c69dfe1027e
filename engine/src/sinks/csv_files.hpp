// Internal: CSV files written so that a failure never leaves a file that looks complete.
//
// Every file starts with a UTF-8 byte-order mark (Excel on Chinese Windows reads it as UTF-8
// only then; GDAL and Python's utf-8-sig skip it). Every file of a batch is written as "<path>.partial"; each write is checked, and Close()
// flushes, syncs and closes it, checking every step (a full disk often shows only there).
// Commit() renames all of them to their names once every one is closed; a batch destroyed
// before Commit() removes its partial files.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "panhuo/core/status.hpp"

namespace panhuo::detail {

// One CSV cell: quoted when it holds a comma, a quote or a line break.
std::string CsvQuote(std::string_view text);

class CsvBatch {
 public:
  CsvBatch() = default;
  CsvBatch(const CsvBatch&) = delete;
  CsvBatch& operator=(const CsvBatch&) = delete;
  ~CsvBatch();

  // Starts "<path>.partial"; rows go to it until the next Open() or Commit().
  Status Open(const std::string& path);
  // Appends one line of already quoted cells.
  Status Row(const std::vector<std::string>& cells);
  // Closes the current file and renames every file of the batch.
  Status Commit();

 private:
  Status CloseCurrent();

  std::vector<std::string> paths_;  // final names, in order
  FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace panhuo::detail
