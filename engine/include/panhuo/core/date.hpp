// Calendar dates as day numbers, with the calendar arithmetic the contract needs.
//
// A Date is the number of days since 1970-01-01 (proleptic Gregorian). "Adding one year" is
// calendar arithmetic: the same month and day of the next year, with 29 February clamped to
// 28 February when the target year is not a leap year (2020-02-29 + 1 year = 2021-02-28).
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace panhuo {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  static Date FromYmd(int year, int month, int day);
  void ToYmd(int& year, int& month, int& day) const;
  int Year() const;
  std::string ToString() const;  // YYYY-MM-DD

  friend auto operator<=>(const Date&, const Date&) = default;
};

// Days from a to b (b - a).
inline int32_t DaysBetween(Date a, Date b) { return b.days - a.days; }

// The same month and day `years` later (or earlier, when negative); 29 February is clamped to
// 28 February in a common year.
Date AddYears(Date d, int years);

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Parses the date forms of bureau data (docs/data.md, section 4, "日期"): 2019-03-01,
// 2019/03/01, 2019/3/1, 2019.03.01, 20190301, 2019年3月1日, 2019年03月01日; the dash and slash forms
// may carry a time part ("THH:MM:SS..." or " HH:MM"), which is ignored. Returns nullopt for
// anything else (2019-3-1, 31/12/2019, 2019年) and for an impossible day (2021-02-29), which is
// never rolled over.
std::optional<Date> ParseDate(std::string_view text);

// A date a county's land records can plausibly carry (1949-10-01 .. 2100-12-31); anything
// outside is an absurd date and the feature is rejected.
bool IsPlausibleRecordDate(Date d);

}  // namespace panhuo
