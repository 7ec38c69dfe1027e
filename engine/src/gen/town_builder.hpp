// Internals of the county generator shared by its land files: block themes, parcels on
// jittered node grids, and the builder that fills one town (blocks in land.cpp; supplies,
// buildings and enterprises in supply.cpp).
//
// Geometry is built in a local frame of the town (rotated block grid) on jittered node grids:
// a parcel is a rectangle of grid cells whose ring walks the grid nodes, so neighbouring
// parcels share their edges vertex for vertex and every ring is simple (node jitter is under
// a quarter of the cell size, so no grid edge can cross another). Buildings are rectangles
// (some L-shaped) in the local frame, inside the inner rectangle of a cell, which lies inside
// the cell quad; a few are stretched across the parcel's edge or overlap an older one.
#pragma once

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace panhuo::gen::detail {

enum Use {
  k0601,
  k0602,
  k0604,
  k0501,
  k0503,
  k0504,
  k0505,
  k0701,
  k0702,
  k0801,
  k0803,
  k0805,
  k0809,
  k1001
};

// Block themes and the land-use mix of their parcels.
enum Theme { kIndustrial, kCommercial, kResidential, kPublic, kThemeCount };
inline constexpr double kThemeUses[kThemeCount][14] = {
    // 0601 0602 0604 0501 0503 0504 0505 0701 0702 0801 0803 0805 0809 1001
    {.80, .03, .12, .02, 0, 0, 0, 0, 0, 0, 0, 0, .03, 0},
    {0, 0, 0, .35, .20, .10, .25, .10, 0, 0, 0, 0, 0, 0},
    {0, 0, 0, .08, .04, 0, .04, .76, 0, 0, .05, 0, .03, 0},
    {0, 0, 0, 0, 0, 0, 0, 0, .16, .12, .22, .10, .30, .10},
};

// How a supply's land gets built (or not).
// kExisting: old works on brownfield land, already standing at the first survey.
enum class Progress : uint8_t { kNone, kToken, kStalled, kLate, kNormal, kExisting };

struct RectI {
  int i0, j0, i1, j1;  // cells [i0, i1) x [j0, j1)
  int Cells() const { return (i1 - i0) * (j1 - j0); }
};
struct RectD {
  double x0, y0, x1, y1;
  double W() const { return x1 - x0; }
  double H() const { return y1 - y0; }
};

// A parcel of a block: one or more separated cell rectangles, optionally with one hole cell.
struct Parcel {
  std::vector<RectI> parts;
  bool hole = false;
  int hi = 0, hj = 0;  // the hole cell (inside parts[0])
};

inline bool Separated(const RectI& a, const RectI& b) {
  return a.i1 < b.i0 || b.i1 < a.i0 || a.j1 < b.j0 || b.j1 < a.j0;
}

inline Date AddDays(Date d, double days) {
  return Date{d.days + static_cast<int32_t>(std::lround(days))};
}

inline Date AddMonths(Date d, int months) {
  int y, m, day;
  d.ToYmd(y, m, day);
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  return Date::FromYmd(y, m, std::min(day, DaysInMonth(y, m)));
}

inline double Round2(double v) { return std::round(v * 100.0) / 100.0; }

// A jittered grid of (nx+1) x (ny+1) nodes over a rectangle; boundary nodes stay on it.
class NodeGrid {
 public:
  NodeGrid(const RectD& r, int nx, int ny, Rng& rng)
      : nx_(nx), ny_(ny), nodes_((nx + 1) * (ny + 1)) {
    std::vector<double> cx = Cuts(r.x0, r.x1, nx, rng), cy = Cuts(r.y0, r.y1, ny, rng);
    double min_w = r.W(), min_h = r.H();
    for (int i = 0; i < nx; ++i) min_w = std::min(min_w, cx[i + 1] - cx[i]);
    for (int j = 0; j < ny; ++j) min_h = std::min(min_h, cy[j + 1] - cy[j]);
    jx_ = 0.12 * min_w;
    jy_ = 0.12 * min_h;
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        XY p{cx[i], cy[j]};
        if (i > 0 && i < nx) p.x += rng.U(-jx_, jx_);
        if (j > 0 && j < ny) p.y += rng.U(-jy_, jy_);
        nodes_[j * (nx + 1) + i] = p;
      }
  }
  int nx() const { return nx_; }
  int ny() const { return ny_; }
  const XY& N(int i, int j) const { return nodes_[j * (nx_ + 1) + i]; }

  // The nodes around a cell rectangle, counter-clockwise, as (i, j) pairs.
  std::vector<std::pair<int, int>> RingNodes(const RectI& r) const {
    std::vector<std::pair<int, int>> out;
    for (int i = r.i0; i < r.i1; ++i) out.push_back({i, r.j0});
    for (int j = r.j0; j < r.j1; ++j) out.push_back({r.i1, j});
    for (int i = r.i1; i > r.i0; --i) out.push_back({i, r.j1});
    for (int j = r.j1; j > r.j0; --j) out.push_back({r.i0, j});
    return out;
  }
  std::vector<XY> Ring(const RectI& r) const {
    std::vector<XY> out;
    for (auto [i, j] : RingNodes(r)) out.push_back(N(i, j));
    return out;
  }
  double CellArea(int i, int j) const { return SignedArea(Ring({i, j, i + 1, j + 1})); }
  // An axis-aligned rectangle inside the cell quad, `margin` from its sides.
  RectD Inner(int i, int j, double margin) const {
    RectD r{std::max(N(i, j).x, N(i, j + 1).x), std::max(N(i, j).y, N(i + 1, j).y),
            std::min(N(i + 1, j).x, N(i + 1, j + 1).x), std::min(N(i, j + 1).y, N(i + 1, j + 1).y)};
    const double m = std::min(margin, 0.2 * std::min(r.W(), r.H()));
    return {r.x0 + m, r.y0 + m, r.x1 - m, r.y1 - m};
  }

 private:
  static std::vector<double> Cuts(double a, double b, int n, Rng& rng) {
    std::vector<double> w(n);
    double sum = 0;
    for (double& v : w) sum += (v = rng.U(0.75, 1.25));
    std::vector<double> cut{a};
    double acc = 0;
    for (int k = 0; k + 1 < n; ++k) cut.push_back(a + (b - a) * ((acc += w[k]) / sum));
    cut.push_back(b);
    return cut;
  }
  int nx_, ny_;
  std::vector<XY> nodes_;
  double jx_ = 0, jy_ = 0;
};

// Splits an nx x ny grid into rectangles of at most max_w x max_h cells (biased towards the
// largest that fit when `large`); cells already owned (owner >= 0) are left alone.
std::vector<RectI> PartitionCells(int nx, int ny, int max_w, int max_h, bool large,
                                  std::vector<int>& owner, Rng& rng);

// Merges, with probability `chance`, two separated single-rectangle parcels into one
// two-part parcel (a MultiPolygon).
void MergeSomeParcels(std::vector<Parcel>& parcels, double chance, Rng& rng);

inline const char* Pick(Rng& rng, std::initializer_list<const char*> options) {
  return options.begin()[rng.Int(0, static_cast<int>(options.size()) - 1)];
}

class TownBuilder {
 public:
  TownBuilder(const County& c, int t, TownData& out)
      : c_(c), t_(t), town_(c.towns[t]), out_(out), L_(c.linear) {}
  void Run();

 private:
  struct Block {
    RectD rect;     // local frame
    int index = 0;  // cell index in the town grid, the block's stream
    bool near_river = false;
  };
  struct Building {
    RectD r;
    bool l_shape = false;
  };

  int PickTheme(Rng& rng, bool near_river, bool old) const;
  void ApprovalBlock(const Block& b, Rng& rng);
  void StockBlock(const Block& b, Rng& rng);
  void VillageBlock(const Block& b, int village, Rng& rng);

  std::vector<XY> PartRing(const NodeGrid& g, const RectI& r, XY shift, int side,
                           double extend) const;
  double AddParcel(Shapes& s, const NodeGrid& g, const Parcel& p, XY shift = {}, int side = -1,
                   double extend = 0) const;
  std::vector<std::pair<int, int>> ParcelCells(const Parcel& p) const;
  void NewSupply(const NodeGrid& g, const Parcel& p, Date date, int theme, Rng& rng,
                 bool pre2009_block, int variant, bool brownfield, Progress forced,
                 bool has_forced);
  // Buildings on the cells of a parcel; returns the earliest observed date (days = INT32_MIN
  // when none).
  Date BuildOnParcel(const NodeGrid& g, const std::vector<std::pair<int, int>>& cells, Date supply,
                     Date start, Progress progress, double parcel_area, bool industrial, Rng& rng);
  void AddBuilding(const RectD& r, bool l_shape, Date observed);
  void AddSmallBuildings(const NodeGrid& g, int i, int j, int count, Date observed, Rng& rng);
  void AddEnterprises(uint32_t supply, double mu, bool weak, Date first_built, Rng& rng);
  std::string Holder(int use, uint8_t mode, Rng& rng) const;

  const County& c_;
  int t_;
  const Town& town_;
  TownData& out_;
  double L_;
  Frame frame_;
  double brownfield_ = 0.5;  // chance that a later stock supply lies on old works
};

}  // namespace panhuo::gen::detail
