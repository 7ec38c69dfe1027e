// A stored value converted to a field's type (see stored_value.hpp).
#include "stored_value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "panhuo/sources/code_values.hpp"

namespace panhuo::detail {
namespace {

using K = StoredValue::Kind;

Value Bad(std::string text) {
  Value v;
  v.kind = Value::Kind::kBad;
  v.text = std::move(text);
  return v;
}

Value Text(std::string t) {
  Value v;
  if (!t.empty()) {
    v.kind = Value::Kind::kText;
    v.text = std::move(t);
  }
  return v;
}

Value Day(Date d) {
  Value v;
  v.kind = Value::Kind::kDate;
  v.date = d;
  return v;
}

Value AsText(const StoredValue& s) {
  switch (s.kind) {
    case K::kText: return Text(TrimText(s.text));
    case K::kInt: return Text(std::to_string(s.i));
    case K::kReal: return Text(RealText(s.d));
    case K::kDay: return Text(Date{s.day}.ToString());
    default: return Bad("?");
  }
}

Value AsDate(const StoredValue& s) {
  switch (s.kind) {
    case K::kDay: return Day(Date{s.day});
    case K::kTicks: {
      const int64_t per = s.per_day;
      return Day(Date{static_cast<int32_t>(s.i >= 0 ? s.i / per : -((-s.i + per - 1) / per))});
    }
    case K::kInt: {
      const int64_t n = s.i;  // YYYYMMDD
      const int y = static_cast<int>(n / 10000), m = static_cast<int>(n / 100 % 100), d = static_cast<int>(n % 100);
      if (n >= 10000101 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m)) return Day(Date::FromYmd(y, m, d));
      return Bad(std::to_string(n));
    }
    case K::kText: {
      const std::string t = TrimText(s.text);
      if (t.empty()) return {};
      if (auto d = ParseDate(t)) return Day(*d);
      return Bad(t);
    }
    case K::kReal: return Bad(RealText(s.d));
    default: return Bad("?");
  }
}

Value AsInt(const StoredValue& s) {
  Value v;
  if (s.kind == K::kInt) {
    v.kind = Value::Kind::kInt;
    v.i = s.i;
    return v;
  }
  double d;
  std::string t;
  if (s.kind == K::kText) {
    t = TrimText(s.text);
    if (t.empty()) return v;
    char* end = nullptr;
    d = std::strtod(t.c_str(), &end);
    if (!(end && *end == '\0')) return Bad(t);
  } else if (s.kind == K::kReal) {
    d = s.d;
    t = RealText(d);
  } else {
    return Bad("?");
  }
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
    v.kind = Value::Kind::kInt;
    v.i = static_cast<int64_t>(d);
    return v;
  }
  return Bad(t);
}

Value AsReal(const StoredValue& s) {
  Value v;
  if (s.kind == K::kReal || s.kind == K::kInt) {
    const double d = s.kind == K::kInt ? static_cast<double>(s.i) : s.d;
    if (!std::isfinite(d)) return Bad(RealText(d));
    v.kind = Value::Kind::kReal;
    v.d = d;
    return v;
  }
  if (s.kind == K::kText) {
    const std::string t = TrimText(s.text);
    if (t.empty()) return v;
    if (const auto d = NumberWithUnit(t)) {  // also "75.29万元"
      v.kind = Value::Kind::kReal;
      v.d = *d;
      v.text = t;  // its own unit, if any, is not the field's
      return v;
    }
    return Bad(t);
  }
  return Bad("?");
}

}  // namespace

std::string RealText(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

Value ConvertStored(const StoredValue& s, FieldType type) {
  if (s.kind == K::kNull) return {};
  switch (type) {
    case FieldType::kText: return AsText(s);
    case FieldType::kDate: return AsDate(s);
    case FieldType::kInt: return AsInt(s);
    case FieldType::kReal: return AsReal(s);
  }
  return {};
}

}  // namespace panhuo::detail
