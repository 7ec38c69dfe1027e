#include "panhuo/sources/raw_value_checks.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>

#include <map>

#include "panhuo/core/trace.hpp"

namespace panhuo::detail {

RawValueChecks::~RawValueChecks() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

size_t RawValueChecks::Add(std::string source, RawValueQuery query, const LayerSpec* spec) {
  jobs_.push_back({std::move(source), std::move(query), spec, std::nullopt, {}});
  return jobs_.size() - 1;
}

size_t RawValueChecks::AddIntegrityCheck(std::string source) {
  jobs_.push_back({std::move(source), {}, nullptr, std::nullopt, {}});
  return jobs_.size() - 1;
}

void RawValueChecks::Start() {
  if (!jobs_.empty()) worker_ = std::thread([this] { RunAll(); });
}

void RawValueChecks::RunAll() {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
  };
  std::map<std::string, std::unique_ptr<GDALDataset, Closer>> open;
  for (Job& job : jobs_) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) break;
    }
    Status s;
    std::vector<RawCorrection> corrections;
    if (!job.spec || !job.query.sql.empty()) {
      auto& ds = open[job.source];
      CPLErrorReset();
      if (!ds) ds.reset(GDALDataset::Open(job.source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
      if (!ds)
        s = Status::Error(std::string(job.spec ? "cannot check raw values" : "cannot check '" + job.source + "'") +
                          ": cannot open the source again: " + CPLGetLastErrorMsg());
      else if (!job.spec)
        s = CheckGpkgIntegrity(ds.get(), job.source);
      else
        s = RunRawValueQuery(ds.get(), job.query, *job.spec, corrections);
    }
    TraceMark((std::string("checks: ") + (job.spec ? job.spec->name : "integrity")).c_str());
    std::lock_guard<std::mutex> lock(mutex_);
    job.corrections = std::move(corrections);
    job.status = std::move(s);
    done_.notify_all();
  }
  open.clear();
  CPLPopErrorHandler();
}

Status RawValueChecks::Take(size_t job, std::vector<RawCorrection>& out) {
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return jobs_[job].status.has_value(); });
  out = std::move(jobs_[job].corrections);
  return *jobs_[job].status;
}

Status RawValueChecks::Take(size_t job) {
  std::vector<RawCorrection> none;  // an integrity check has no corrections
  return Take(job, none);
}

}  // namespace panhuo::detail
