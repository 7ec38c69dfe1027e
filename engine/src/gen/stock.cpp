#include "stock.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "town_builder.hpp"

namespace panhuo::gen::detail {
namespace {

struct BoxD {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
};

BoxD FeatureBox(const Shapes& s, size_t f) {
  BoxD b;
  for (uint32_t p = s.PolyBegin(f); p < s.PolyEnd(f); ++p)
    for (uint32_t r = s.RingBegin(p); r < s.RingEnd(p); ++r)
      for (uint32_t i = s.PointBegin(r); i < s.PointEnd(r); ++i) {
        const XY& q = s.Point(i);
        b.x0 = std::min(b.x0, q.x), b.y0 = std::min(b.y0, q.y), b.x1 = std::max(b.x1, q.x), b.y1 = std::max(b.y1, q.y);
      }
  return b;
}

// The outer ring of a feature's first polygon (world coordinates, counter-clockwise).
std::vector<XY> OuterRing(const Shapes& s, size_t f) {
  const uint32_t r = s.RingBegin(s.PolyBegin(f));
  std::vector<XY> ring;
  for (uint32_t i = s.PointBegin(r); i < s.PointEnd(r); ++i) ring.push_back(s.Point(i));
  return ring;
}

double FeatureArea(const Shapes& s, size_t f) {
  double a = 0;
  for (uint32_t p = s.PolyBegin(f); p < s.PolyEnd(f); ++p)
    for (uint32_t r = s.RingBegin(p); r < s.RingEnd(p); ++r) {
      std::vector<XY> ring;
      for (uint32_t i = s.PointBegin(r); i < s.PointEnd(r); ++i) ring.push_back(s.Point(i));
      a += SignedArea(ring);
    }
  return a;
}

double Mm(double v) { return std::round(v * 1000.0) / 1000.0; }

void AddRect(Shapes& out, double x0, double y0, double x1, double y1) {
  out.BeginFeature();
  out.BeginPolygon();
  out.AddWorldRing({{Mm(x0), Mm(y0)}, {Mm(x1), Mm(y0)}, {Mm(x1), Mm(y1)}, {Mm(x0), Mm(y1)}});
}

void CopyFeature(const Shapes& s, size_t f, Shapes& out) {
  out.BeginFeature();
  for (uint32_t p = s.PolyBegin(f); p < s.PolyEnd(f); ++p) {
    out.BeginPolygon();
    for (uint32_t r = s.RingBegin(p); r < s.RingEnd(p); ++r) {
      std::vector<XY> ring;
      for (uint32_t i = s.PointBegin(r); i < s.PointEnd(r); ++i) ring.push_back(s.Point(i));
      out.AddWorldRing(ring);
    }
  }
}

Date Capped(const County& c, Date d) { return d > c.horizon ? Date{c.horizon.days - 30} : d; }

// About 4 % of the supplies give a reserve: bought back before the supply and so partly
// supplied by it (its envelope, larger than the parcel), wholly supplied, recovered after the
// grant (the parcel itself: the older grant does not supply it), or other land around a parcel
// taken in after its grant (unsupplied).
void Reserves(const County& c, const TownData& td, int t, StockData& out) {
  Rng rng(SubSeed(c.seed, 0x5E5E, static_cast<uint64_t>(t)));
  bool on_as_of = t != 0;  // one reserve of the first town is acquired on 2021-12-31
  for (size_t k = 0; k < td.supplies.size(); ++k) {
    const double u = rng.U();
    const Date d = td.supplies[k].date;
    const BoxD b = FeatureBox(td.supplies_geom, k);
    const double e = rng.U(5.0, 25.0) * c.linear;
    ReserveRec r;
    if (u < 0.015) {
      r = {AddDays(d, -rng.Int(120, 900)), 0};
      AddRect(out.reserves_geom, b.x0 - e, b.y0 - e, b.x1 + e, b.y1 + e);
    } else if (u < 0.025) {
      r = {AddDays(d, -rng.Int(60, 700)), 0};
      CopyFeature(td.supplies_geom, k, out.reserves_geom);
    } else if (u < 0.035) {
      r = {Capped(c, AddDays(d, rng.Int(730, 3600))), 1};
      if (!on_as_of && d < Date::FromYmd(2021, 1, 1)) r.acquired = Date::FromYmd(2021, 12, 31), on_as_of = true;
      CopyFeature(td.supplies_geom, k, out.reserves_geom);
    } else if (u < 0.04) {
      r = {Capped(c, AddDays(d, rng.Int(365, 2500))), 2};
      AddRect(out.reserves_geom, b.x0 - e, b.y0 - e, b.x1 + e, b.y1 + e);
    } else {
      continue;
    }
    out.reserves.push_back(r);
  }
}

// About 6 % of the approvals get a constraint: 4 % one that crosses the parcel (its western
// half and beyond), 2 % a strip outside one of its edges, sharing the edge and nothing else.
void Constraints(const County& c, const TownData& td, int t, StockData& out) {
  Rng rng(SubSeed(c.seed, 0xC0C0, static_cast<uint64_t>(t)));
  for (size_t k = 0; k < td.approvals.size(); ++k) {
    const double u = rng.U();
    if (u >= 0.06) continue;
    const auto kind = static_cast<uint8_t>(rng.Pick(std::array<double, 4>{0.25, 0.4, 0.2, 0.15}));
    if (u < 0.04) {
      const BoxD b = FeatureBox(td.approvals_geom, k);
      const double e = rng.U(5.0, 30.0) * c.linear, mid = b.x0 + (b.x1 - b.x0) * rng.U(0.3, 0.7);
      AddRect(out.constraints_geom, b.x0 - e, b.y0 - e, mid, b.y1 + e);
    } else {
      const std::vector<XY> ring = OuterRing(td.approvals_geom, k);
      const XY p0 = ring[0], p1 = ring[1];
      const double len = std::hypot(p1.x - p0.x, p1.y - p0.y);
      if (len <= 0) continue;
      const double w = rng.U(10.0, 40.0) * c.linear, nx = (p1.y - p0.y) / len * w, ny = -(p1.x - p0.x) / len * w;
      out.constraints_geom.BeginFeature();
      out.constraints_geom.BeginPolygon();
      out.constraints_geom.AddWorldRing({p0, {Mm(p0.x + nx), Mm(p0.y + ny)}, {Mm(p1.x + nx), Mm(p1.y + ny)}, p1});
    }
    out.constraint_kind.push_back(kind);
  }
}

std::string GroupName(int g) {
  static const char* kA[] = {"华", "兴", "澄", "海", "阳", "新", "双", "恒", "长", "远", "金", "宏", "盛", "永", "申",
                             "利", "达", "泰", "鑫", "瑞", "博", "德", "元", "汇", "昌", "嘉", "通", "联", "中", "天"};
  static const char* kB[] = {"澄", "光", "良", "力", "润", "达", "峰", "江", "海", "源", "丰", "业", "通", "安", "晟",
                             "宇", "鼎", "诚", "信", "捷", "邦", "科", "华", "美", "威", "隆", "康", "泰", "盛", "荣"};
  return std::string("江阴") + kA[g % 30] + kB[(g / 30 + g * 7) % 30] + "集团有限公司";
}

// Enterprise groups over the grant holders (6 % of them, groups spanning towns), a tenth of the
// mappings written with stray spaces; 2 % of the grant holders on the supplies written with
// stray spaces too.
void Groups(const County& c, std::vector<TownData>& towns, StockData& out) {
  Rng rng(SubSeed(c.seed, 0x6A0F));
  const int n_groups = static_cast<int>(std::clamp(std::lround(40.0 * c.scale), 3L, 900L));
  std::set<std::string> mapped;
  static const char* kPad[] = {" ", "  ", "\t"};
  for (TownData& td : towns)
    for (SupplyRec& s : td.supplies) {
      if (s.mode != 0 || kLandUses[s.land_use].cls == 3) continue;
      if (!mapped.count(s.holder) && rng.Bern(0.06)) {
        mapped.insert(s.holder);
        std::string holder = s.holder;
        if (rng.Bern(0.1)) holder = rng.Bern(0.5) ? kPad[rng.Int(0, 2)] + holder : holder + kPad[rng.Int(0, 1)];
        out.holder_groups.push_back({holder, GroupName(rng.Int(0, n_groups - 1))});
      }
      if (rng.Bern(0.02)) s.holder = rng.Bern(0.5) ? " " + s.holder : s.holder + "  ";
    }
}

// Closed firms (every row from 2021 with zero sales and tax), weak firms (figures a twentieth:
// class D) and parcels of small firms (enough firms that each has under 3 mu: class T only).
// `every` carries the share of eligible parcels given to small firms from town to town, so that
// their number follows the county's size rather than chance.
void EnterpriseCases(const County& c, TownData& td, int t, double& every) {
  Rng rng(SubSeed(c.seed, 0xE0E0, static_cast<uint64_t>(t)));
  std::vector<uint8_t> fate(td.supplies.size(), 0), has_rows(td.supplies.size(), 0);
  for (size_t k = 0; k < td.supplies.size(); ++k) fate[k] = static_cast<uint8_t>(rng.Pick(std::array<double, 3>{0.93, 0.04, 0.03}));
  for (EnterpriseRow& e : td.enterprises) {
    has_rows[e.supply] = 1;
    if (fate[e.supply] == 1 && e.year >= 2021) e.sales = 0, e.tax = 0, e.value_added = 0;
    if (fate[e.supply] == 2 && e.year >= 2020)
      for (double* v : {&e.tax, &e.sales, &e.value_added}) *v = Round2(*v / 20.0);
  }
  for (size_t k = 0; k < td.supplies.size(); ++k) {
    const SupplyRec& s = td.supplies[k];
    if (has_rows[k] || kLandUses[s.land_use].cls != 0 || s.date.Year() > 2017) continue;
    const double mu = FeatureArea(td.supplies_geom, k) / 10000.0 * 15.0;
    if (mu < 3.0 || mu > 12.0 || (every += 0.12) < 1.0) continue;
    every -= 1.0;
    const int firms = static_cast<int>(mu / 3.0) + 1;
    for (int f = 0; f < firms; ++f) {
      const uint32_t id = td.enterprise_count++;
      for (int y = kLastEnterpriseYear - 1; y <= kLastEnterpriseYear; ++y) {
        EnterpriseRow row;
        row.supply = static_cast<uint32_t>(k);
        row.enterprise = id;
        row.year = static_cast<int16_t>(y);
        row.sales = Round2(rng.LogNormal(120.0, 0.4));
        row.tax = Round2(row.sales * rng.U(0.02, 0.05));
        row.employees = rng.Int(3, 25);
        td.enterprises.push_back(row);
      }
    }
  }
}

}  // namespace

StockData GenerateStock(const County& county, std::vector<TownData>& towns) {
  StockData out;
  double every = 0.5;
  for (size_t t = 0; t < towns.size(); ++t) {
    Reserves(county, towns[t], static_cast<int>(t), out);
    Constraints(county, towns[t], static_cast<int>(t), out);
    EnterpriseCases(county, towns[t], static_cast<int>(t), every);
  }
  Groups(county, towns, out);
  return out;
}

}  // namespace panhuo::gen::detail
