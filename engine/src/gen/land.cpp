// The land of one town: its block grid between roads, the kind of every block, and in the
// blocks approved parcels and their supplies, stock supplies, and villages with their plots
// and houses. See town_builder.hpp for how the geometry stays valid and shared.
#include <algorithm>
#include <cmath>

#include "town_builder.hpp"

namespace panhuo::gen::detail {
namespace {

bool SegmentHitsRect(XY a, XY b, const RectD& r) {
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - r.x0, r.x1 - a.x, a.y - r.y0, r.y1 - a.y};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

bool PointInRing(XY p, const std::vector<XY>& ring) {
  bool in = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const XY& a = ring[i];
    const XY& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

}  // namespace

// Splits an nx x ny grid into rectangles of at most max_w x max_h cells (biased towards the
// largest that fit when `large`); cells already owned (owner >= 0) are left alone.
std::vector<RectI> PartitionCells(int nx, int ny, int max_w, int max_h, bool large,
                                  std::vector<int>& owner, Rng& rng) {
  auto draw = [&](int most) {
    return large ? std::max(rng.Int(1, most), rng.Int(1, most)) : rng.Int(1, most);
  };
  std::vector<RectI> out;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      if (owner[j * nx + i] >= 0) continue;
      int free_w = 0;
      while (free_w < max_w && i + free_w < nx && owner[j * nx + i + free_w] < 0) ++free_w;
      const int w = draw(free_w);
      int free_h = 1;
      while (free_h < max_h && j + free_h < ny) {
        bool ok = true;
        for (int a = i; a < i + w; ++a) ok = ok && owner[(j + free_h) * nx + a] < 0;
        if (!ok) break;
        ++free_h;
      }
      const int h = draw(free_h);
      const int id = static_cast<int>(out.size()) + 1000000;
      for (int b = j; b < j + h; ++b)
        for (int a = i; a < i + w; ++a) owner[b * nx + a] = id;
      out.push_back({i, j, i + w, j + h});
    }
  return out;
}

// Merges a few pairs of separated single-rectangle parcels into two-part parcels.
void MergeSomeParcels(std::vector<Parcel>& parcels, double chance, Rng& rng) {
  if (parcels.size() < 3 || !rng.Bern(chance)) return;
  const size_t a = static_cast<size_t>(rng.Int(0, static_cast<int>(parcels.size()) - 1));
  if (parcels[a].hole || parcels[a].parts.size() != 1) return;
  for (size_t b = 0; b < parcels.size(); ++b) {
    if (b == a || parcels[b].hole || parcels[b].parts.size() != 1) continue;
    if (!Separated(parcels[a].parts[0], parcels[b].parts[0])) continue;
    parcels[a].parts.push_back(parcels[b].parts[0]);
    parcels.erase(parcels.begin() + static_cast<std::ptrdiff_t>(b));
    return;
  }
}

int TownBuilder::PickTheme(Rng& rng, bool near_river, bool old) const {
  if (old) return rng.Bern(0.9) ? kIndustrial : kCommercial;
  std::array<double, kThemeCount> w{0.44, 0.12, 0.27, 0.17};
  if (town_.kind == TownKind::kZone) w = {0.65, 0.10, 0.12, 0.13};
  if (near_river) w[kIndustrial] *= 1.6;
  return rng.Pick(w);
}

std::vector<XY> TownBuilder::PartRing(const NodeGrid& g, const RectI& r, XY shift, int side,
                                      double extend) const {
  std::vector<XY> ring;
  for (auto [i, j] : g.RingNodes(r)) {
    XY p = g.N(i, j);
    // side 0..3: west, south, east, north edge of the block pushed out into the road
    if (side == 0 && i == 0) p.x -= extend;
    if (side == 1 && j == 0) p.y -= extend;
    if (side == 2 && i == g.nx()) p.x += extend;
    if (side == 3 && j == g.ny()) p.y += extend;
    ring.push_back({p.x + shift.x, p.y + shift.y});
  }
  return ring;
}

double TownBuilder::AddParcel(Shapes& s, const NodeGrid& g, const Parcel& p, XY shift, int side,
                              double extend) const {
  s.BeginFeature();
  double area = 0;
  for (size_t k = 0; k < p.parts.size(); ++k) {
    s.BeginPolygon();
    std::vector<XY> ring = PartRing(g, p.parts[k], shift, side, extend);
    area += SignedArea(ring);
    s.AddRing(ring, frame_);
    if (k == 0 && p.hole) {
      std::vector<XY> hole = PartRing(g, {p.hi, p.hj, p.hi + 1, p.hj + 1}, shift, -1, 0);
      std::reverse(hole.begin(), hole.end());
      area += SignedArea(hole);
      s.AddRing(hole, frame_);
    }
  }
  return area;
}

std::vector<std::pair<int, int>> TownBuilder::ParcelCells(const Parcel& p) const {
  std::vector<std::pair<int, int>> cells;
  for (const RectI& r : p.parts)
    for (int j = r.j0; j < r.j1; ++j)
      for (int i = r.i0; i < r.i1; ++i)
        if (!(p.hole && i == p.hi && j == p.hj)) cells.push_back({i, j});
  return cells;
}

void TownBuilder::ApprovalBlock(const Block& b, Rng& rng) {
  const double spacing = rng.U(70.0, 100.0) * L_;
  const int nx = std::clamp(static_cast<int>(std::lround(b.rect.W() / spacing)), 2, 8);
  const int ny = std::clamp(static_cast<int>(std::lround(b.rect.H() / spacing)), 2, 7);
  NodeGrid g(b.rect, nx, ny, rng);
  const int theme = PickTheme(rng, b.near_river, false);

  std::vector<int> owner(static_cast<size_t>(nx * ny), -1);
  std::vector<Parcel> parcels;
  if (nx >= 3 && ny >= 3 && rng.Bern(0.06)) {  // a parcel around an enclave
    Parcel p;
    const int a = rng.Int(0, nx - 3), c = rng.Int(0, ny - 3);
    p.parts.push_back({a, c, a + 3, c + 3});
    p.hole = true;
    p.hi = a + 1;
    p.hj = c + 1;
    for (int j = c; j < c + 3; ++j)
      for (int i = a; i < a + 3; ++i) owner[j * nx + i] = 0;
    parcels.push_back(p);
  }
  for (const RectI& r : PartitionCells(nx, ny, 4, 4, true, owner, rng)) parcels.push_back({{r}});
  MergeSomeParcels(parcels, 0.12, rng);

  const int years = kLastApprovalYear - kFirstApprovalYear + 1;
  static constexpr double kYearWeight[] = {1.15, 1.2,  1.1, 1.05, 1.0,  0.95,
                                           0.9,  0.95, 0.9, 0.9,  0.95, 0.85};
  const int year = rng.Pick(kYearWeight);
  auto batch_of = [&](int y) {
    const auto& list = c_.batches_by_year[static_cast<size_t>(y)];
    return list[static_cast<size_t>(rng.Int(0, static_cast<int>(list.size()) - 1))];
  };
  const int main_batch = batch_of(year);

  for (const Parcel& p : parcels) {
    ApprovalRec rec;
    rec.batch =
        rng.Bern(0.85) ? main_batch : batch_of(std::clamp(year + rng.Int(-2, 2), 0, years - 1));
    rec.kind = rng.Bern(0.65) ? 1 : 0;
    AddParcel(out_.approvals_geom, g, p);
    const size_t approval_index = out_.approvals.size();
    out_.approvals.push_back(rec);
    const Date approved = c_.batches[static_cast<size_t>(rec.batch)].date;
    const bool supplied = rng.Bern(town_.supply_propensity);

    // Pieces to supply: the holed parcel whole, other parts split along cell lines.
    std::vector<Parcel> pieces;
    if (p.hole) {
      pieces.push_back(p);
    } else {
      for (const RectI& part : p.parts) {
        std::vector<RectI> split{part};
        for (int round = 0; round < 3; ++round) {
          std::vector<RectI> next;
          for (const RectI& r : split) {
            static constexpr double kSplit[] = {0.85, 0.6, 0.4};
            if (r.Cells() < 2 || !rng.Bern(kSplit[round])) {
              next.push_back(r);
              continue;
            }
            if (r.i1 - r.i0 >= r.j1 - r.j0) {
              const int cut = rng.Int(r.i0 + 1, r.i1 - 1);
              next.push_back({r.i0, r.j0, cut, r.j1});
              next.push_back({cut, r.j0, r.i1, r.j1});
            } else {
              const int cut = rng.Int(r.j0 + 1, r.j1 - 1);
              next.push_back({r.i0, r.j0, r.i1, cut});
              next.push_back({r.i0, cut, r.i1, r.j1});
            }
          }
          split = next;
        }
        for (const RectI& r : split) pieces.push_back({{r}});
      }
    }
    for (const Parcel& piece : pieces) {
      const bool partial = pieces.size() > 1 && rng.Bern(0.08);
      // Mostly supplied within months; a share of the older approvals waits for years (the
      // stock digested under the policy).
      const bool long_wait = approved.Year() <= 2016 && rng.Bern(0.35);
      const double delay =
          long_wait ? rng.U(730.0, 3650.0) : std::clamp(rng.LogNormal(220.0, 0.75), 45.0, 1500.0);
      const Date date = AddDays(approved, delay);
      if (!supplied || partial || date > Date::FromYmd(2021, 12, 31)) out_.approvals[approval_index].waiting_2021 = true;
      if (!supplied || partial || date > c_.horizon) {
        if (rng.Bern(0.10)) {  // built without any supply
          Date seen;
          const int y0 = std::max(kFirstSurveyYear, approved.Year() - 1);
          const auto cells = ParcelCells(piece);
          const auto [i, j] =
              cells[static_cast<size_t>(rng.Int(0, static_cast<int>(cells.size()) - 1))];
          if (c_.FirstSurveyOnOrAfter(Date::FromYmd(rng.Int(y0, kLastSurveyYear), 1, 1), seen))
            AddSmallBuildings(g, i, j, rng.Int(1, 4), seen, rng);
        }
        continue;
      }
      const double u = rng.U();
      const int variant = u < 0.80 ? 0 : u < 0.90 ? 1 : 2;
      // Now and then land supplied early is never built, taken back and supplied again.
      const bool resupply = date < Date::FromYmd(2016, 1, 1) && rng.Bern(0.03);
      NewSupply(g, piece, date, theme, rng, false, variant, false, Progress::kNone, resupply);
      if (resupply) {
        const Date again = AddDays(date, rng.U(3 * 365.0, 7 * 365.0));
        if (again <= c_.horizon)
          NewSupply(g, piece, again, theme, rng, false, 0, false, Progress::kNone, false);
      }
    }
    if (p.hole) AddSmallBuildings(g, p.hi, p.hj, rng.Int(1, 2), c_.surveys.front(), rng);
  }
}

void TownBuilder::StockBlock(const Block& b, Rng& rng) {
  const bool old = rng.Bern(0.28);
  const bool small = rng.Bern(0.06);
  const double spacing = (small ? rng.U(36.0, 48.0) : rng.U(62.0, 95.0)) * L_;
  const int nx = std::clamp(static_cast<int>(std::lround(b.rect.W() / spacing)), 2, 12);
  const int ny = std::clamp(static_cast<int>(std::lround(b.rect.H() / spacing)), 2, 10);
  NodeGrid g(b.rect, nx, ny, rng);
  const int theme = PickTheme(rng, b.near_river, old);
  std::vector<int> owner(static_cast<size_t>(nx * ny), -1);
  std::vector<Parcel> parcels;
  for (const RectI& r : PartitionCells(nx, ny, small ? 2 : 3, 2, false, owner, rng))
    parcels.push_back({{r}});
  MergeSomeParcels(parcels, 0.06, rng);
  static constexpr double kYearWeight[] = {1.2,  1.3, 1.3, 1.2, 1.1,  1.0,  1.0,
                                           0.95, 0.9, 0.9, 0.9, 0.85, 0.85, 0.8};
  for (const Parcel& p : parcels) {
    if (!rng.Bern(0.86)) {  // stock land not supplied again; often old works stand on it
      if (rng.Bern(0.3))
        for (auto [i, j] : ParcelCells(p))
          AddSmallBuildings(g, i, j, rng.Int(1, 3), c_.surveys.front(), rng);
      continue;
    }
    Date date;
    if (old) {
      const Date a = Date::FromYmd(2002, 1, 1), z = Date::FromYmd(2008, 12, 31);
      date = Date{a.days + rng.Int(0, z.days - a.days)};
    } else {
      const int y = 2009 + rng.Pick(kYearWeight);
      date = Date{Date::FromYmd(y, 1, 1).days + rng.Int(0, IsLeapYear(y) ? 365 : 364)};
    }
    // Brownfield: land of old works, supplied again for redevelopment (stock by being built).
    const bool brownfield = !old && rng.Bern(brownfield_);
    NewSupply(g, p, date, theme, rng, old, rng.Bern(0.05) ? 2 : 0, brownfield, Progress::kNone,
              false);
  }
}

void TownBuilder::VillageBlock(const Block& b, int village, Rng& rng) {
  const double spacing = rng.U(20.0, 32.0) * L_;
  const int nx = std::max(2, static_cast<int>(b.rect.W() / spacing));
  const int ny = std::max(2, static_cast<int>(b.rect.H() / spacing));
  NodeGrid g(b.rect, nx, ny, rng);
  // The village: one to three overlapping blobs of houses.
  struct Blob {
    double cx, cy, rx, ry;
  };
  std::vector<Blob> blobs;
  for (int k = rng.Int(1, 3); k > 0; --k)
    blobs.push_back({rng.U(0.3, 0.7), rng.U(0.3, 0.7), rng.U(0.22, 0.42), rng.U(0.22, 0.42)});
  std::vector<char> sel(static_cast<size_t>(nx * ny), 0);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const double u = (i + 0.5) / nx, v = (j + 0.5) / ny;
      bool in = false;
      for (const Blob& bl : blobs) {
        const double du = (u - bl.cx) / bl.rx, dv = (v - bl.cy) / bl.ry;
        in = in || du * du + dv * dv <= 1.0;
      }
      sel[static_cast<size_t>(j * nx + i)] = in && rng.Bern(0.85);
    }
  const Date first_survey = c_.surveys.front();
  auto survey = [&](double p_first) {
    return rng.Bern(p_first) ? first_survey
                             : c_.surveys[static_cast<size_t>(
                                   rng.Int(1, static_cast<int>(c_.surveys.size()) - 1))];
  };
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      if (!sel[static_cast<size_t>(j * nx + i)]) continue;
      int w = 1;
      if (i + 1 < nx && sel[static_cast<size_t>(j * nx + i + 1)] && rng.Bern(0.2) &&
          g.CellArea(i, j) + g.CellArea(i + 1, j) <= 2000.0) {
        w = 2;
        sel[static_cast<size_t>(j * nx + i + 1)] = 0;
      }
      out_.plots_geom.AddSimple(g.Ring({i, j, i + w, j + 1}), frame_);
      PlotRec plot;
      plot.village = static_cast<uint32_t>(village);
      plot.kind = static_cast<uint8_t>(rng.Pick(std::array<double, 4>{0.74, 0.10, 0.08, 0.08}));
      static constexpr double kIdle[] = {0.12, 0.35, 0.45, 0.05};
      plot.idle = rng.Bern(kIdle[plot.kind]) ? 1 : 0;
      out_.plots.push_back(plot);
      const RectD in = g.Inner(i, j, 0.08 * spacing);
      if (plot.kind == 0 && rng.Bern(0.88)) {  // the house, and maybe a shed beside it
        const double x1 = in.x0 + in.W() * rng.U(0.5, 0.65);
        const double y0 = in.y0 + in.H() * rng.U(0.0, 0.15), y1 = in.y0 + in.H() * rng.U(0.7, 0.95);
        const Date built = survey(0.85);
        AddBuilding({in.x0, y0, x1, y1}, rng.Bern(0.1), built);
        if (rng.Bern(0.25)) {
          const Date shed = rng.Bern(0.7) ? built : survey(0.0);
          AddBuilding({x1 + 0.08 * in.W(), in.y0, in.x1, in.y0 + in.H() * rng.U(0.3, 0.5)}, false,
                      shed < built ? built : shed);
        }
      } else if (plot.kind == 3 && rng.Bern(0.5)) {  // a workshop
        const double mx = 0.15 * in.W(), my = 0.15 * in.H();
        AddBuilding({in.x0 + mx, in.y0 + my, in.x1 - mx, in.y1 - my}, false, survey(0.8));
      }
    }
}

// Does segment a-b come within the rectangle?
void TownBuilder::Run() {
  Rng rng(SubSeed(c_.seed, 100 + static_cast<uint64_t>(t_)));
  // The town's frame: a block grid at an angle, centred on the town.
  double cx = 0, cy = 0;
  for (const XY& p : town_.ring) cx += p.x, cy += p.y;
  const double angle = rng.U(-0.3, 0.3);
  brownfield_ = rng.U(0.3, 0.85);
  frame_ = {cx / town_.ring.size(), cy / town_.ring.size(), std::cos(angle), std::sin(angle)};
  std::vector<XY> local;
  RectD box{1e300, 1e300, -1e300, -1e300};
  for (const XY& p : town_.ring) {
    local.push_back(frame_.ToLocal(p));
    box = {std::min(box.x0, local.back().x), std::min(box.y0, local.back().y),
           std::max(box.x1, local.back().x), std::max(box.y1, local.back().y)};
  }
  // Block grid: roads along every cut line.
  auto cuts = [&](double a, double b, double base) {
    std::vector<double> c{a};
    while (c.back() < b) c.push_back(c.back() + base * L_ * rng.U(0.8, 1.25));
    return c;
  };
  const std::vector<double> xs = cuts(box.x0, box.x1, 420.0), ys = cuts(box.y0, box.y1, 360.0);
  std::vector<double> road_x(xs.size()), road_y(ys.size());
  for (double& r : road_x) r = rng.U(9.0, 18.0) * L_;
  for (double& r : road_y) r = rng.U(9.0, 18.0) * L_;
  std::vector<Block> candidates;
  const double margin = 30.0 * L_;
  for (size_t j = 0; j + 1 < ys.size(); ++j)
    for (size_t i = 0; i + 1 < xs.size(); ++i) {
      Block b;
      b.rect = {xs[i] + road_x[i], ys[j] + road_y[j], xs[i + 1] - road_x[i + 1],
                ys[j + 1] - road_y[j + 1]};
      b.index = static_cast<int>(j * xs.size() + i);
      const RectD grown{b.rect.x0 - margin, b.rect.y0 - margin, b.rect.x1 + margin,
                        b.rect.y1 + margin};
      bool inside =
          PointInRing({grown.x0, grown.y0}, local) && PointInRing({grown.x1, grown.y0}, local) &&
          PointInRing({grown.x1, grown.y1}, local) && PointInRing({grown.x0, grown.y1}, local);
      for (size_t k = 0; inside && k < local.size(); ++k)
        inside = !SegmentHitsRect(local[k], local[(k + 1) % local.size()], grown);
      if (!inside) continue;
      const XY centre =
          frame_.ToWorld({0.5 * (b.rect.x0 + b.rect.x1), 0.5 * (b.rect.y0 + b.rect.y1)});
      b.near_river = c_.ShoreY(centre.x) - centre.y < 1500.0;
      candidates.push_back(b);
    }

  // Kinds of blocks, drawn by weighted sampling (development crowds the river bank).
  int na = town_.blocks_approval, ns = town_.blocks_stock, nv = town_.blocks_village;
  const int cap = static_cast<int>(0.95 * static_cast<double>(candidates.size()));
  if (na + ns + nv > cap) {
    const double f = static_cast<double>(cap) / (na + ns + nv);
    na = static_cast<int>(na * f), ns = static_cast<int>(ns * f), nv = static_cast<int>(nv * f);
  }
  std::vector<int> kind(candidates.size(), -1);  // 0 approval, 1 stock, 2 village
  const int wanted[3] = {na, ns, nv};
  for (int k = 0; k < 3; ++k) {
    std::vector<std::pair<double, size_t>> keys;
    for (size_t c = 0; c < candidates.size(); ++c) {
      const double u = 1.0 - rng.U();
      if (kind[c] >= 0) continue;
      const double w = candidates[c].near_river ? (k == 2 ? 0.5 : 2.5) : 1.0;
      keys.push_back({-std::log(u) / w, c});
    }
    std::sort(keys.begin(), keys.end());
    for (int m = 0; m < wanted[k] && m < static_cast<int>(keys.size()); ++m)
      kind[keys[static_cast<size_t>(m)].second] = k;
  }
  // Villages: consecutive village blocks belong to the same administrative village.
  int village_blocks = 0, seen_village = 0;
  for (int k : kind) village_blocks += k == 2;
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (kind[c] < 0) continue;
    Rng brng(SubSeed(c_.seed, 100 + static_cast<uint64_t>(t_),
                     static_cast<uint64_t>(candidates[c].index) + 1,
                     static_cast<uint64_t>(kind[c])));
    if (kind[c] == 0) ApprovalBlock(candidates[c], brng);
    if (kind[c] == 1) StockBlock(candidates[c], brng);
    if (kind[c] == 2) {
      const size_t nvil = town_.villages.size();
      const size_t v =
          static_cast<size_t>(seen_village++) * nvil / static_cast<size_t>(village_blocks);
      VillageBlock(candidates[c], town_.villages[v], brng);
    }
  }
}

TownData GenerateTown(const County& county, int t) {
  TownData out;
  TownBuilder(county, t, out).Run();
  return out;
}

}  // namespace panhuo::gen::detail
