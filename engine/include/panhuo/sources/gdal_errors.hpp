// Internal: the errors and warnings GDAL raises during one read, from any thread.
//
// GDAL reports a damaged file or a value it could not convert only through its error handler
// (its Arrow stream for GeoPackage may raise them on a worker thread, and the CLI installs a
// quiet handler): while an ErrorRecorder lives, the first failure (CE_Failure and above) is kept
// instead. Other warnings are let through, but for one: a number GDAL converted only in part,
// which the feature-by-feature read takes as an unparseable value of the feature it just read. It replaces the process-wide handler and pushes one for this thread, and restores
// both when it goes. One recorder at a time, on the reading thread (GDAL is read on one thread).
#pragma once

#include <cpl_error.h>

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

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

  // The first warning that a value was converted only in part ("Value 'abc' of field x parsed
  // incompletely to real 0") since the last call, empty when none: the feature read last holds
  // a number GDAL made up. Asked for after each feature.
  std::string TakeValueWarning() {
    if (!has_value_warning_.exchange(false)) return {};
    std::lock_guard<std::mutex> lock(mutex_);
    std::string w;
    w.swap(value_warning_);
    return w;
  }

  // The first failure (CE_Failure or CE_Fatal) raised so far, empty when none.
  std::string Failure() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failure_;
  }

 private:
  static void CPL_STDCALL Record(CPLErr type, CPLErrorNum, const char* message) {
    auto* self = static_cast<ErrorRecorder*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || !self->armed_) return;
    if (type == CE_Warning && message && std::string_view(message).find("parsed incompletely") != std::string_view::npos) {
      std::lock_guard<std::mutex> lock(self->mutex_);
      if (self->value_warning_.empty()) self->value_warning_ = message;
      self->has_value_warning_ = true;
      return;
    }
    if (type < CE_Failure) return;
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (self->failure_.empty()) self->failure_ = message && *message ? message : "unknown reason";
  }

  CPLErrorHandler previous_ = nullptr;
  void* previous_user_ = nullptr;
  std::atomic<bool> armed_{true};
  std::atomic<bool> has_value_warning_{false};
  std::string value_warning_;
  mutable std::mutex mutex_;
  std::string failure_;
};

}  // namespace panhuo::detail
