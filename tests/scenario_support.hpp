// What the scenario tests share: rural plots and the river added to a test county, the
// scan and the scenario file a test evaluates, and the two-town riverside county.
#pragma once

#include <gtest/gtest.h>

#include <boost/geometry/io/wkt/read.hpp>
#include <string>
#include <vector>

#include "panhuo/scenario/scenario.hpp"
#include "test_county.hpp"

namespace panhuo::testing {

inline void Plot(CountyBuilder& b, const std::string& id, const std::string& kind, int retained, int idle,
                 const std::string& wkt) {
  auto& p = b.d.rural_plots;
  p.Add(b.next_fid++, Wkt(wkt));
  p.id.push_back(id);
  p.village.push_back("village");
  p.kind.push_back(kind);
  p.retained.push_back(static_cast<int8_t>(retained));
  p.idle.push_back(static_cast<int8_t>(idle));
}

inline void RiverLine(CountyBuilder& b, const std::string& wkt) {
  LineString l;
  boost::geometry::read_wkt(wkt, l);
  auto& r = b.d.river;
  r.fid.push_back(b.next_fid++);
  r.name.push_back("Yangtze");
  r.lines.push_back(MultiLineString{l});
  r.polygons.emplace_back();
}

inline void RiverPolygon(CountyBuilder& b, const std::string& wkt) {
  auto& r = b.d.river;
  r.fid.push_back(b.next_fid++);
  r.name.push_back("Yangtze");
  r.lines.emplace_back();
  r.polygons.push_back(Wkt(wkt));
}

inline std::vector<std::string> Codes(const County& c) { return c.data().towns.code; }

inline ScanResult ScanAt(const County& c, const char* as_of) {
  ScanParams p;
  p.as_of = D(as_of);
  auto r = Scan(c, p);
  EXPECT_TRUE(r.ok());
  return std::move(*r);
}

inline Scenario Parse(const std::string& text, const County& c) {
  auto s = ParseScenario(text, "test.toml", Codes(c));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.status().message());
  return s.ok() ? *s : Scenario{};
}

inline const TownBalance& TownRow(const County& c, const ScenarioResult& r, const std::string& code) {
  for (const auto& b : r.towns)
    if (b.town >= 0 && c.data().towns.code[static_cast<size_t>(b.town)] == code) return b;
  ADD_FAILURE() << "no row for town " << code;
  return r.towns.front();
}

inline const RiversideFigures* Riverside(const ScenarioResult& r, double d, int32_t town = -1) {
  for (const auto& f : r.riverside)
    if (f.distance_m == d && f.town == town) return &f;
  return nullptr;
}

inline constexpr const char* kCountyWkt = "POLYGON((0 0,0 5000,20000 5000,20000 0,0 0))";

// Two towns south of the river; the shoreline is the county's northern edge (y = 5000).
inline CountyBuilder RiverCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 10000, 5000));
  b.Town("T2", Rect(10000, 0, 20000, 5000));
  b.Built("B1", "2015-01-01", Rect(1000, 4500, 1100, 4600));
  b.Built("B2", "2016-01-01", Rect(1050, 4550, 1150, 4650));  // overlaps B1
  b.Built("B3", "2016-01-01", Rect(5000, 3500, 5100, 3600));  // 1.4 km from the shore
  b.Built("B4", "2024-01-01", Rect(7000, 4500, 7100, 4600));  // after T
  b.Built("B5", "2016-01-01", Rect(2000, 3900, 2100, 4100));  // half within 1 km
  // industrial parcels: S1 built (B1, B2), S2 idle, S3 residential, S4 far from the river
  b.Supply("S1", "2010-01-01", "2010-06-01", Rect(1000, 4450, 1200, 4650));  // 4 ha, 44 % built
  b.Supply("S2", "2014-01-01", "2015-01-01", Rect(3000, 4800, 3200, 4900));
  b.Supply("S3", "2014-01-01", "2015-01-01", Rect(4000, 4800, 4200, 4900), IdleCause::kNone, "0701");
  b.Supply("S4", "2014-01-01", "2015-01-01", Rect(5000, 1000, 5100, 1100), IdleCause::kNone, "0602");
  return b;
}

}  // namespace panhuo::testing
