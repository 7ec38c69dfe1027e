// Expected failures as values: a Status with a message a person can act on, and Result<T>.
// Exceptions cross only the CLI boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace panhuo {

class Status {
 public:
  // What kind of failure: the run's (a file, the data, the machine), or the arguments' (a
  // parameter or option that cannot be used as given: the command line's exit code 2).
  enum class Code { kOk, kFailure, kUsage };

  Status() = default;  // OK
  static Status Error(std::string message) { return Status(Code::kFailure, std::move(message)); }
  static Status Usage(std::string message) { return Status(Code::kUsage, std::move(message)); }
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status error) : v_(std::move(error)) {}
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const { return std::get<Status>(v_); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> v_;
};

// GDAL-shaped progress callback: fraction done in [0,1], a message; return false to cancel.
using ProgressFn = bool (*)(double fraction, const char* message, void* user);

}  // namespace panhuo
