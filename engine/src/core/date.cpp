#include "panhuo/core/date.hpp"

#include <cstdio>
#include <utility>

namespace panhuo {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

Date Date::FromYmd(int year, int month, int day) {
  return Date{DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))};
}

void Date::ToYmd(int& year, int& month, int& day) const { CivilFromDays(days, year, month, day); }

int Date::Year() const {
  int y, m, d;
  ToYmd(y, m, d);
  return y;
}

std::string Date::ToString() const {
  int y, m, d;
  ToYmd(y, m, d);
  if (y < 0 || y > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  // "YYYY-MM-DD" by hand: a table or a basis text formats millions of dates
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000), out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10), out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10), out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10), out[9] = static_cast<char>('0' + d % 10);
  return out;
}

Date AddYears(Date date, int years) {
  int y, m, d;
  date.ToYmd(y, m, d);
  y += years;
  if (m == 2 && d == 29 && !IsLeapYear(y)) d = 28;
  return Date::FromYmd(y, m, d);
}

namespace {

// Digits at `pos`, at least `min` and at most `max` of them; advances `pos`.
bool TakeNumber(std::string_view s, size_t& pos, size_t min, size_t max, int& out) {
  size_t n = 0;
  while (pos + n < s.size() && n < max && s[pos + n] >= '0' && s[pos + n] <= '9') ++n;
  if (n < min || (pos + n < s.size() && n == max && s[pos + n] >= '0' && s[pos + n] <= '9')) return false;
  return ParseDigits(s, std::exchange(pos, pos + n), n, out);
}

bool Take(std::string_view s, size_t& pos, std::string_view token) {
  if (s.substr(pos, token.size()) != token) return false;
  pos += token.size();
  return true;
}

std::optional<Date> Checked(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return Date::FromYmd(y, m, d);
}

// 2019年3月1日, 2019年03月01日
std::optional<Date> ParseChinese(std::string_view s, int y) {
  size_t pos = 4;
  int m, d;
  if (!Take(s, pos, "年") || !TakeNumber(s, pos, 1, 2, m) || !Take(s, pos, "月") ||
      !TakeNumber(s, pos, 1, 2, d) || !Take(s, pos, "日") || pos != s.size())
    return std::nullopt;
  return Checked(y, m, d);
}

// 2019-03-01, 2019/03/01, 2019/3/1, 2019.03.01; dash and slash forms may carry a time part
std::optional<Date> ParseSeparated(std::string_view s, int y) {
  const char sep = s[4];
  const size_t min_digits = sep == '/' ? 1 : 2;
  size_t pos = 5;
  int m, d;
  if (!TakeNumber(s, pos, min_digits, 2, m) || pos >= s.size() || s[pos++] != sep ||
      !TakeNumber(s, pos, min_digits, 2, d))
    return std::nullopt;
  if (pos < s.size() && (sep == '.' || (s[pos] != 'T' && s[pos] != ' '))) return std::nullopt;
  return Checked(y, m, d);
}

}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  int y, m, d;
  if (!ParseDigits(s, 0, 4, y)) return std::nullopt;
  if (s.size() == 8 && ParseDigits(s, 4, 2, m) && ParseDigits(s, 6, 2, d)) return Checked(y, m, d);  // 20190301
  if (s.size() > 4 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) return ParseSeparated(s, y);
  return ParseChinese(s, y);
}

bool IsPlausibleRecordDate(Date d) {
  return d >= Date::FromYmd(1949, 10, 1) && d <= Date::FromYmd(2100, 12, 31);
}

}  // namespace panhuo
