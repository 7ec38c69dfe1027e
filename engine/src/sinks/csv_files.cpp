#include "csv_files.hpp"
#include "panhuo/sinks/staged_outputs.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include <utility>

#include "panhuo/sinks/writer.hpp"

namespace panhuo::detail {
namespace {

Status WriteError(const std::string& path, int err) {
  return Status::Error("cannot write '" + path + "': " + std::strerror(err ? err : EIO));
}

}  // namespace

std::string CsvQuote(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

CsvBatch::~CsvBatch() {
  if (file_) std::fclose(file_);
  if (committed_) return;
  std::error_code ec;
  for (const auto& p : paths_) std::filesystem::remove(PartialOutputPath(p), ec);
}

Status CsvBatch::Open(const std::string& path) {
  if (Status s = CloseCurrent(); !s.ok()) return s;
  paths_.push_back(path);
  const std::string tmp = PartialOutputPath(path);
  file_ = std::fopen(tmp.c_str(), "wb");
  if (!file_) return Status::Error("cannot create '" + tmp + "': " + std::strerror(errno));
  static constexpr char kBom[] = "\xEF\xBB\xBF";  // so that Excel on Chinese Windows reads UTF-8
  if (std::fwrite(kBom, 1, 3, file_) != 3) return WriteError(tmp, errno);
  return {};
}

Status CsvBatch::Row(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t k = 0; k < cells.size(); ++k) (line += k ? "," : "") += cells[k];
  line += '\n';
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size())
    return WriteError(PartialOutputPath(paths_.back()), errno);
  return {};
}

Status CsvBatch::CloseCurrent() {
  if (!file_) return {};
  FILE* f = std::exchange(file_, nullptr);
  errno = 0;
  bool ok = std::fflush(f) == 0 && !std::ferror(f) && ::fsync(fileno(f)) == 0;
  const int err = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return WriteError(PartialOutputPath(paths_.back()), err ? err : errno);
  return {};
}

Status CsvBatch::Commit() {
  if (Status s = CloseCurrent(); !s.ok()) return s;
  for (const auto& p : paths_)
    if (Status s = PublishOutput(PartialOutputPath(p), p); !s.ok()) return s;
  committed_ = true;
  return {};
}

}  // namespace panhuo::detail
