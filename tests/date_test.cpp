#include <gtest/gtest.h>

#include <cstdio>

#include "panhuo/core/date.hpp"

namespace panhuo {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

TEST(Date, RoundTripsThroughYmdAndText) {
  for (int days = -700000; days <= 2900000; days += 2999) {
    Date d{days};
    int y, m, dd;
    d.ToYmd(y, m, dd);
    EXPECT_EQ(Date::FromYmd(y, m, dd), d);
    EXPECT_EQ(ParseDate(d.ToString()), d) << d.ToString();
  }
  EXPECT_EQ(D(1970, 1, 1).days, 0);
  EXPECT_EQ(D(2021, 12, 31).ToString(), "2021-12-31");
}

// The text of a date is printf's "%04d-%02d-%02d" of its year, month and day, whatever the year
// (before 1000, after 9999 or before year 0 too).
TEST(Date, TextIsTheZeroPaddedYearMonthAndDay) {
  for (int days = -1200000; days <= 3100000; days += 997) {
    Date d{days};
    int y, m, dd;
    d.ToYmd(y, m, dd);
    char want[32];
    std::snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, dd);
    EXPECT_EQ(d.ToString(), want) << days;
  }
  EXPECT_EQ(D(1, 1, 1).ToString(), "0001-01-01");
  EXPECT_EQ(D(999, 10, 9).ToString(), "0999-10-09");
  EXPECT_EQ(D(9999, 12, 31).ToString(), "9999-12-31");
}

TEST(Date, AddingAYearFromLeapDayClampsToFebruary28) {
  EXPECT_EQ(AddYears(D(2020, 2, 29), 1), D(2021, 2, 28));
  EXPECT_EQ(AddYears(D(2020, 2, 29), 2), D(2022, 2, 28));
  EXPECT_EQ(AddYears(D(2020, 2, 29), 4), D(2024, 2, 29));
  EXPECT_EQ(AddYears(D(2019, 3, 1), 1), D(2020, 3, 1));
  EXPECT_EQ(AddYears(D(2019, 12, 31), 2), D(2021, 12, 31));
  EXPECT_EQ(AddYears(D(2021, 2, 28), -1), D(2020, 2, 28));
}

TEST(Date, ParsesIsoAndRejectsImpossibleDays) {
  EXPECT_EQ(ParseDate("2021-03-15"), D(2021, 3, 15));
  EXPECT_EQ(ParseDate("2021/03/15"), D(2021, 3, 15));
  EXPECT_EQ(ParseDate("2021-03-15T10:00:00Z"), D(2021, 3, 15));
  EXPECT_EQ(ParseDate(" 2020-02-29 "), D(2020, 2, 29));
  EXPECT_FALSE(ParseDate("2021-02-29"));
  EXPECT_FALSE(ParseDate("2021-13-01"));
  EXPECT_FALSE(ParseDate("2021-3-15"));
  EXPECT_FALSE(ParseDate("15/03/2021"));
  EXPECT_FALSE(ParseDate("2021-03-15x"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(Date, ParsesEveryFormOfBureauData) {
  for (const char* text : {"2019-03-01", "2019/03/01", "2019/3/1", "2019.03.01", "20190301", "2019年3月1日",
                           "2019年03月01日", "2019/03/01 08:00"})
    EXPECT_EQ(ParseDate(text), D(2019, 3, 1)) << text;
  EXPECT_EQ(ParseDate("2021年12月31日"), D(2021, 12, 31));
  EXPECT_EQ(ParseDate("20200229"), D(2020, 2, 29));
}

TEST(Date, RefusesImpossibleDaysInEveryFormInsteadOfRollingOver) {
  for (const char* text : {"2021-02-29", "2021/2/29", "2021.02.29", "20210229", "2021年2月29日", "20211301",
                           "2021年13月1日", "2021.2.1", "2021.02.01 10:00", "2021-3-1", "2019年", "2019年3月",
                           "2019年3月1", "201903011", "2019/003/01", "2019/3/1x", "2019-03", "2019-03-01-"})
    EXPECT_FALSE(ParseDate(text)) << text;
}

TEST(Date, PlausibleRecordDates) {
  EXPECT_TRUE(IsPlausibleRecordDate(D(2008, 1, 1)));
  EXPECT_FALSE(IsPlausibleRecordDate(D(1900, 1, 1)));
  EXPECT_FALSE(IsPlausibleRecordDate(D(2999, 1, 1)));
}

}  // namespace
}  // namespace panhuo
