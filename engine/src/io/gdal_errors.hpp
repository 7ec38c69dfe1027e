// Internal: the errors and warnings GDAL raises during one read, from any thread.
//
// GDAL reports a damaged file or a value it could not convert only through its error handler
// (its Arrow stream for GeoPackage may raise them on a worker thread, and the CLI installs a
// quiet handler): while an ErrorRecorder lives, the first failure (CE_Failure and above) is kept
// instead. Warnings are let through: GDAL warns about values it could not convert, and the reader
// checks those against the raw values itself (gpkg_checks.hpp). It replaces the process-wide handler and pushes one for this thread, and restores
// both when it goes. One recorder at a time, on the reading thread (GDAL is read on one thread).
#pragma once

#include <cpl_error.h>

#include <atomic>
#include <mutex>
#include <string>

namespace panhuo::detail {

class ErrorRecorder {
 public:
  ErrorRecorder() {
    previous_user_ = CPLGetErrorHandlerUserData();
    previous_ = CPLSetErrorHandlerEx(&ErrorRecorder::Record, this);
    CPLPushErrorHandlerEx(&ErrorRecorder::Record, this);
  }
  ~ErrorRecorder() {
    CPLPopErrorHandler();
    CPLSetErrorHandlerEx(previous_, previous_user_);
  }
  ErrorRecorder(const ErrorRecorder&) = delete;
  ErrorRecorder& operator=(const ErrorRecorder&) = delete;

  // While a Paused lives, nothing is recorded: the work done between reads (reprojection,
  // geometry checks) raises failures of its own feature, which the reader reports as rejects.
  class Paused {
   public:
    explicit Paused(ErrorRecorder& r) : r_(r) { r_.armed_ = false; }
    ~Paused() { r_.armed_ = true; }

   private:
    ErrorRecorder& r_;
  };

  // The first failure (CE_Failure or CE_Fatal) raised so far, empty when none.
  std::string Failure() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failure_;
  }

 private:
  static void CPL_STDCALL Record(CPLErr type, CPLErrorNum, const char* message) {
    auto* self = static_cast<ErrorRecorder*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || type < CE_Failure || !self->armed_) return;
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (self->failure_.empty()) self->failure_ = message && *message ? message : "unknown reason";
  }

  CPLErrorHandler previous_ = nullptr;
  void* previous_user_ = nullptr;
  std::atomic<bool> armed_{true};
  mutable std::mutex mutex_;
  std::string failure_;
};

}  // namespace panhuo::detail
