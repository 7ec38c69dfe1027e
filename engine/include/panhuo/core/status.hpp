// Expected failures as values: a Status with a message a person can act on, and Result<T>.
// Exceptions cross only the CLI boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace panhuo {

class Status {
 public:
  Status() = default;  // OK
  static Status Error(std::string message) { return Status(std::move(message)); }
  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string m) : failed_(true), message_(std::move(m)) {}
  bool failed_ = false;
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
