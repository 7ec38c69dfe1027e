// CertainlyApart (overlay/separation.hpp): true only for pieces whose interiors certainly do not
// meet; every doubtful case (touching, nearly touching, crossing, nested) is false.
#include <gtest/gtest.h>

#include <boost/geometry/io/wkt/read.hpp>
#include <string>

#include "panhuo/overlay/separation.hpp"

namespace panhuo {
namespace {

MultiPolygon Wkt(const std::string& wkt) {
  MultiPolygon mp;
  boost::geometry::read_wkt(wkt, mp);
  boost::geometry::correct(mp);
  return mp;
}

bool Apart(const std::string& a, const std::string& b) {
  const MultiPolygon pa = Wkt(a), pb = Wkt(b);
  const bool ab = CertainlyApart(pa, Envelope(pa), pb, Envelope(pb));
  EXPECT_EQ(ab, CertainlyApart(pb, Envelope(pb), pa, Envelope(pa))) << a << " / " << b;
  return ab;
}

constexpr const char* kDiamond = "MULTIPOLYGON(((500010 3500000,500020 3500010,500010 3500020,500000 3500010,500010 3500000)))";

TEST(Separation, RotatedNeighboursWithOverlappingEnvelopesAreApart) {
  EXPECT_TRUE(Apart(kDiamond, "MULTIPOLYGON(((500019 3500019,500025 3500013,500031 3500019,500025 3500025,500019 3500019)))"));
}

TEST(Separation, TouchingNearlyTouchingAndCrossingAreNot) {
  // shares the vertex (500020 3500010)
  EXPECT_FALSE(Apart(kDiamond, "MULTIPOLYGON(((500020 3500010,500030 3500000,500030 3500020,500020 3500010)))"));
  // 1e-7 m away from the diamond's edge: within the gap
  EXPECT_FALSE(Apart(kDiamond, "MULTIPOLYGON(((500015.0000001 3500015.0000001,500030 3500015,500030 3500030,500015.0000001 3500015.0000001)))"));
  // crossing
  EXPECT_FALSE(Apart(kDiamond, "MULTIPOLYGON(((500015 3500015,500030 3500012,500030 3500030,500015 3500015)))"));
}

TEST(Separation, NestedIsNotAndInsideAHoleIs) {
  const std::string holed =
      "MULTIPOLYGON(((499990 3499990,500030 3499990,500030 3500030,499990 3500030,499990 3499990),"
      "(499999 3499999,500021 3499999,500021 3500021,499999 3500021,499999 3499999)))";
  EXPECT_FALSE(Apart(kDiamond, "MULTIPOLYGON(((500008 3500008,500012 3500008,500012 3500012,500008 3500012,500008 3500008)))"));
  EXPECT_FALSE(Apart(kDiamond, "MULTIPOLYGON(((499990 3499990,500030 3499990,500030 3500030,499990 3500030,499990 3499990)))"));
  EXPECT_TRUE(Apart(kDiamond, holed));
}

}  // namespace
}  // namespace panhuo
