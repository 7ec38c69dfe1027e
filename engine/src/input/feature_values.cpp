// Reading one field of an OGR feature as the contract's type (the feature-by-feature path).
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdlib>

#include "feature_values.hpp"
#include "panhuo/sources/code_values.hpp"

namespace panhuo::detail {

Value ReadValue(OGRFeature& f, int idx, FieldType type) {
  Value v;
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return v;
  const OGRFieldType src = f.GetFieldDefnRef(idx)->GetType();
  // formatting numbers and dates as text is costly: only text sources, or a failure, need it
  const bool native = src == OFTDate || src == OFTDateTime || src == OFTInteger || src == OFTInteger64 ||
                      src == OFTReal;
  const bool wants_text = !native || type == FieldType::kText || (type == FieldType::kDate && src == OFTReal) ||
                          (type == FieldType::kInt && src == OFTReal);
  std::string text = wants_text ? std::string(f.GetFieldAsString(idx)) : std::string();
  switch (type) {
    case FieldType::kText:
      text = TrimText(text);
      if (!text.empty()) {
        v.kind = Value::Kind::kText;
        v.text = std::move(text);
      }
      return v;
    case FieldType::kDate: {
      if (src == OFTDate || src == OFTDateTime) {
        int y, m, d, hh, mm, tz;
        float ss;
        f.GetFieldAsDateTime(idx, &y, &m, &d, &hh, &mm, &ss, &tz);
        if (m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m)) {
          v.kind = Value::Kind::kDate;
          v.date = Date::FromYmd(y, m, d);
          return v;
        }
      } else if (src == OFTInteger || src == OFTInteger64) {
        const int64_t n = f.GetFieldAsInteger64(idx);  // YYYYMMDD
        const int y = static_cast<int>(n / 10000), m = static_cast<int>(n / 100 % 100),
                  d = static_cast<int>(n % 100);
        if (n >= 10000101 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m)) {
          v.kind = Value::Kind::kDate;
          v.date = Date::FromYmd(y, m, d);
          return v;
        }
      } else {
        text = TrimText(text);
        if (text.empty()) return v;
        if (auto d = ParseDate(text)) {
          v.kind = Value::Kind::kDate;
          v.date = *d;
          return v;
        }
      }
      v.kind = Value::Kind::kBad;
      v.text = text.empty() ? std::string(f.GetFieldAsString(idx)) : text;
      return v;
    }
    case FieldType::kInt: {
      if (src == OFTInteger || src == OFTInteger64) {
        v.kind = Value::Kind::kInt;
        v.i = f.GetFieldAsInteger64(idx);
        return v;
      }
      text = TrimText(text);
      if (text.empty()) return v;
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (end && *end == '\0' && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
        v.kind = Value::Kind::kInt;
        v.i = static_cast<int64_t>(d);
        return v;
      }
      v.kind = Value::Kind::kBad;
      v.text = text;
      return v;
    }
    case FieldType::kReal: {
      if (src == OFTReal || src == OFTInteger || src == OFTInteger64) {
        v.kind = Value::Kind::kReal;
        v.d = f.GetFieldAsDouble(idx);
        if (std::isfinite(v.d)) return v;
      } else {
        text = TrimText(text);
        if (text.empty()) return v;
        if (const auto d = NumberWithUnit(text)) {  // also "75.29万元"
          v.kind = Value::Kind::kReal;
          v.d = *d;
          v.text = std::move(text);  // its own unit, if any, is not the field's
          return v;
        }
      }
      v.kind = Value::Kind::kBad;
      v.text = text.empty() ? std::string(f.GetFieldAsString(idx)) : text;
      return v;
    }
  }
  return v;
}

}  // namespace panhuo::detail
