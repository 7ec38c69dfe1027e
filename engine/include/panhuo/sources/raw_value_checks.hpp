// Internal: the checks of GeoPackage sources (gpkg_checks.hpp), the raw-value queries of their
// layers and the integrity check of each file, on a thread of their own, each source opened a
// second time (GDAL datasets are not thread-safe, two handles on one file are), while the reader
// reads the layers through the first handle. SQLite runs the checks' full scans on the other
// core instead of before and after each layer's read.
//
// Add every layer's query and every file's integrity check, Start, then Take each job's result
// (waits until that job has run). Jobs run in the order added. The destructor stops after the
// job under way and joins. Errors of the thread's GDAL calls go to a quiet handler of that
// thread (the reader's ErrorRecorder is for the reading thread); a failed job's Status says why.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "panhuo/sources/gpkg_checks.hpp"

namespace panhuo::detail {

class RawValueChecks {
 public:
  RawValueChecks() = default;
  RawValueChecks(const RawValueChecks&) = delete;
  RawValueChecks& operator=(const RawValueChecks&) = delete;
  ~RawValueChecks();

  // Each returns the job's number for Take.
  size_t Add(std::string source, RawValueQuery query, const LayerSpec* spec);
  size_t AddIntegrityCheck(std::string source);  // CheckGpkgIntegrity of the file
  void Start();
  Status Take(size_t job, std::vector<RawCorrection>& out);
  Status Take(size_t job);  // an integrity check's (or any job's) status alone

 private:
  struct Job {
    std::string source;
    RawValueQuery query;
    const LayerSpec* spec;  // null for an integrity check
    std::optional<Status> status;  // set when run
    std::vector<RawCorrection> corrections;
  };
  void RunAll();

  std::vector<Job> jobs_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace panhuo::detail
