// Development along the Yangtze mainline: the land within d metres of the river, the area built
// on it, and what clearing industrial parcels for forest and wetland (还林还湿) takes off it.
//
// A zone is built once per distance: the GEOS buffer of the mainline, clipped to each town and
// stripped of the water body (both with Coverage), then cut into square tiles on a grid aligned
// to multiples of the tile side, so that every later overlay (footprints, cleared parcels)
// meets one small tile instead of a 40 km band.
#include <geos_c.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include "internal.hpp"
#include "panhuo/overlay/geos_bridge.hpp"

namespace panhuo::scenario {
namespace {

Shape ShapeOfGeom(const MultiPolygon& g) { return Shape{&g, Envelope(g), Area(g)}; }

MultiPolygon Square(double x0, double y0, double side) {
  Polygon p;
  // clockwise outer ring, closed (Boost's default orientation)
  p.outer() = {Point(x0, y0), Point(x0, y0 + side), Point(x0 + side, y0 + side), Point(x0 + side, y0), Point(x0, y0)};
  return MultiPolygon{p};
}

// Footprints observed on or before T whose envelope meets `box`.
void Footprints(const County& c, Date T, const Box& box, std::vector<Shape>& out) {
  thread_local std::vector<uint32_t> hits;
  c.construction_index().Query(box, hits);
  out.clear();
  const ConstructionLayer& b = c.data().construction;
  for (uint32_t i : hits)
    if (b.date[i] <= T) out.push_back(County::ShapeOf(b, i));
}

// Runs fn(i, tally) for i in [0, n) on the TBB pool and sums the tallies.
template <typename Fn>
Tally ParallelEach(size_t n, Fn fn) {
  tbb::combinable<Tally> tallies;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 4), [&](const tbb::blocked_range<size_t>& r) {
    Tally& t = tallies.local();
    for (size_t i = r.begin(); i != r.end(); ++i) fn(i, t);
  });
  Tally total;
  tallies.combine_each([&](const Tally& t) { total.Add(t); });
  return total;
}

// Tiles whose envelope meets any of the parcels, ascending, each with those parcels.
std::vector<std::pair<uint32_t, std::vector<uint32_t>>> TilesTouched(const County& c, const Zone& z,
                                                                     const std::vector<uint32_t>& parcels) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (tile, parcel)
  std::vector<uint32_t> hits;
  for (uint32_t s : parcels) {
    z.index.Query(c.data().supplies.box[s], hits);
    for (uint32_t t : hits) pairs.emplace_back(t, s);
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> out;
  for (const auto& [t, s] : pairs) {
    if (out.empty() || out.back().first != t) out.emplace_back(t, std::vector<uint32_t>{});
    out.back().second.push_back(s);
  }
  return out;
}

// Runs compute(k, tally) -> Entry for the touched tiles the memo does not know, in parallel,
// and stores the new entries; returns one entry per touched tile.
template <typename Fn>
std::vector<TileMemo::Entry> Memoised(const Zone& z, const std::vector<std::pair<uint32_t, std::vector<uint32_t>>>& hits,
                                      TileMemo& memo, Tally& tally, Fn compute) {
  std::vector<TileMemo::Entry> out(hits.size());
  std::vector<std::string> keys(hits.size());
  std::vector<size_t> misses;
  for (size_t k = 0; k < hits.size(); ++k) {
    const Tile& tile = z.tiles[hits[k].first];
    keys[k] = TileMemo::Key(tile, hits[k].second);
    if (const TileMemo::Entry* e = memo.Find(keys[k], tile.area)) out[k] = *e;
    else misses.push_back(k);
  }
  tally.Add(ParallelEach(misses.size(), [&](size_t m, Tally& tl) { out[misses[m]] = compute(misses[m], tl); }));
  for (size_t k : misses) memo.Put(keys[k], out[k]);
  return out;
}

// Cuts `piece` (lying in the square of n × n cells from cell (ix, iy)) into one tile per cell,
// in quadrant order; the four quadrants of a large square run in parallel.
void Cut(const MultiPolygon& piece, const Box& piece_box, double piece_area, int32_t town, int64_t ix, int64_t iy,
         int64_t n, double tile_m, std::vector<Tile>& out, Tally& tally) {
  if (n == 1) {
    if (piece_area <= kPositiveAreaM2) return;
    Tile t;
    t.geom = piece;
    t.box = piece_box;
    t.area = piece_area;
    t.town = town;
    t.ix = ix;
    t.iy = iy;
    out.push_back(std::move(t));
    return;
  }
  const int64_t h = n / 2;
  std::array<std::vector<Tile>, 4> parts;
  std::array<Tally, 4> tallies;
  auto child = [&](int q) {
    const int64_t cx = ix + (q % 2) * h, cy = iy + (q / 2) * h;
    const MultiPolygon sq = Square(static_cast<double>(cx) * tile_m, static_cast<double>(cy) * tile_m,
                                   static_cast<double>(h) * tile_m);
    const Shape target = ShapeOfGeom(sq);
    if (!BoxesIntersect(target.box, piece_box)) return;
    if (BoxWithin(piece_box, target.box)) {
      Cut(piece, piece_box, piece_area, town, cx, cy, h, tile_m, parts[q], tallies[q]);
      return;
    }
    const Shape p{&piece, piece_box, piece_area};
    CoverageOptions o;
    o.want_covered = true;
    CoverageResult r = Coverage(target, std::span<const Shape>(&p, 1), o);
    tallies[q].Add(r);
    if (r.covered_area <= kPositiveAreaM2 || r.covered.empty()) return;
    const Box sub_box = Envelope(r.covered);
    const double sub_area = Area(r.covered);
    Cut(r.covered, sub_box, sub_area, town, cx, cy, h, tile_m, parts[q], tallies[q]);
  };
  if (n >= 8) tbb::parallel_invoke([&] { child(0); }, [&] { child(1); }, [&] { child(2); }, [&] { child(3); });
  else
    for (int q = 0; q < 4; ++q) child(q);
  for (int q = 0; q < 4; ++q) {
    tally.Add(tallies[q]);
    for (auto& t : parts[q]) out.push_back(std::move(t));
  }
}

}  // namespace

std::string TileMemo::Key(const Tile& t, const std::vector<uint32_t>& parcels) {
  std::string k;
  k.reserve(20 + 4 * parcels.size());
  auto put = [&k](const void* p, size_t n) { k.append(static_cast<const char*>(p), n); };
  put(&t.town, sizeof t.town);
  put(&t.ix, sizeof t.ix);
  put(&t.iy, sizeof t.iy);
  for (uint32_t s : parcels) put(&s, sizeof s);
  return k;
}

const TileMemo::Entry* TileMemo::Find(const std::string& key, double area) const {
  const auto it = map_.find(key);
  if (it == map_.end()) return nullptr;
  // the overlay's own precision (CoverageOptions::rel_tolerance)
  for (const Entry& e : it->second)
    if (std::fabs(e.area - area) <= 1e-7 * area) return &e;
  return nullptr;
}

Result<MultiPolygon> MainlineBuffer(const RiverLayer& river, double d) {
  GEOSContextHandle_t h = geos::ThisThread();
  std::vector<geos::Geom> parts;
  auto buffer = [&](const geos::Geom& g, int64_t fid) -> Status {
    GEOSGeometry* b = GEOSBuffer_r(h, g.get(), d, kQuadrantSegments);
    if (!b) return Status::Error("GEOS cannot buffer river feature " + std::to_string(fid));
    parts.emplace_back(b);
    return {};
  };
  for (size_t i = 0; i < river.size(); ++i) {
    for (const LineString& l : river.lines[i]) {
      if (l.size() < 2) continue;
      GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(l.size()), 2);
      for (unsigned k = 0; k < l.size(); ++k) GEOSCoordSeq_setXY_r(h, seq, k, l[k].x(), l[k].y());
      geos::Geom line(GEOSGeom_createLineString_r(h, seq));
      if (Status s = buffer(line, river.fid[i]); !s.ok()) return s;
    }
    if (!river.polygons[i].empty())
      if (Status s = buffer(geos::FromBoost(river.polygons[i]), river.fid[i]); !s.ok()) return s;
  }
  if (parts.empty()) return MultiPolygon{};
  std::vector<GEOSGeometry*> raw;
  for (auto& p : parts) raw.push_back(p.release());
  geos::Geom coll(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())));
  geos::Geom u(GEOSUnaryUnion_r(h, coll.get()));
  if (!u) return Status::Error("GEOS cannot union the river buffers at " + std::to_string(d) + " m");
  return geos::ToBoost(u.get());
}

Result<std::unique_ptr<Zone>> BuildZone(const County& c, Date T, double d, double tile_m, TileMemo& developed,
                                        Tally& tally) {
  const InputData& data = c.data();
  auto z = std::make_unique<Zone>();
  z->distance_m = d;
  auto buf = MainlineBuffer(data.river, d);
  if (!buf.ok()) return buf.status();
  z->buffer = std::move(*buf);
  if (z->buffer.empty()) return z;
  const Shape bshape = ShapeOfGeom(z->buffer);
  std::vector<Shape> water;
  for (const auto& w : data.river.polygons)
    if (!w.empty()) water.push_back(ShapeOfGeom(w));

  // Land of each town within the buffer: (town ∩ buffer) − water.
  const size_t nt = data.towns.size();
  std::vector<MultiPolygon> land(nt);
  tally.Add(ParallelEach(nt, [&](size_t t, Tally& tl) {
    const Shape town = County::ShapeOf(data.towns, t);
    if (!BoxesIntersect(town.box, bshape.box)) return;
    CoverageOptions o;
    o.want_covered = true;
    CoverageResult r = Coverage(town, std::span<const Shape>(&bshape, 1), o);
    tl.Add(r);
    if (r.covered_area <= kPositiveAreaM2 || r.covered.empty()) return;
    if (water.empty()) {
      land[t] = std::move(r.covered);
      return;
    }
    const Shape in_buffer = ShapeOfGeom(r.covered);
    CoverageOptions ow;
    ow.want_remainder = true;
    CoverageResult rw = Coverage(in_buffer, water, ow);
    tl.Add(rw);
    land[t] = std::move(rw.remainder);
  }));

  // Cut into tiles on a grid aligned to multiples of tile_m, by quadrants, so that each cut
  // meets a piece already clipped to its parent quadrant rather than the whole zone.
  std::vector<std::vector<Tile>> by_town(nt);
  std::vector<Tally> tallies(nt);
  tbb::parallel_for(size_t{0}, nt, [&](size_t t) {
    if (land[t].empty()) return;
    const Box b = Envelope(land[t]);
    const auto ix0 = static_cast<int64_t>(std::floor(b.min_corner().x() / tile_m));
    const auto ix1 = static_cast<int64_t>(std::ceil(b.max_corner().x() / tile_m));
    const auto iy0 = static_cast<int64_t>(std::floor(b.min_corner().y() / tile_m));
    const auto iy1 = static_cast<int64_t>(std::ceil(b.max_corner().y() / tile_m));
    int64_t n = 1;
    while (n < std::max(ix1 - ix0, iy1 - iy0)) n *= 2;
    Cut(land[t], b, Area(land[t]), static_cast<int32_t>(t), ix0, iy0, n, tile_m, by_town[t], tallies[t]);
  });
  for (size_t t = 0; t < nt; ++t) {
    tally.Add(tallies[t]);
    for (auto& tile : by_town[t]) z->tiles.push_back(std::move(tile));
  }
  // Developed area of each tile: area(B(T) ∩ tile), computed once for tiles zones share.
  std::vector<std::string> keys(z->tiles.size());
  std::vector<size_t> misses;
  for (size_t k = 0; k < z->tiles.size(); ++k) {
    Tile& tile = z->tiles[k];
    keys[k] = TileMemo::Key(tile, {});
    if (const TileMemo::Entry* e = developed.Find(keys[k], tile.area)) tile.developed_m2 = e->a;
    else misses.push_back(k);
  }
  tally.Add(ParallelEach(misses.size(), [&](size_t m, Tally& tl) {
    Tile& tile = z->tiles[misses[m]];
    thread_local std::vector<Shape> fp;
    Footprints(c, T, tile.box, fp);
    if (fp.empty()) return;
    const CoverageResult rb = Coverage(tile.shape(), fp);
    tl.Add(rb);
    tile.developed_m2 = rb.covered_area;
  }));
  for (size_t k : misses) developed.Put(keys[k], {z->tiles[k].area, z->tiles[k].developed_m2, 0});
  std::vector<Box> boxes;
  for (const auto& t : z->tiles) boxes.push_back(t.box);
  z->index = SpatialIndex(boxes);
  return z;
}

void PrepareIndustrial(const County& c, const SupplyFacts& facts, Zone& z, Tally& tally) {
  if (z.industrial_ready) return;
  const SuppliesLayer& s = c.data().supplies;
  z.parcel_within_m2.assign(s.size(), 0.0);
  std::vector<uint32_t> industrial;
  for (uint32_t i = 0; i < s.size(); ++i)
    if (facts.industrial[i]) industrial.push_back(i);
  // Part of each industrial parcel within the zone (tiles are disjoint).
  tally.Add(ParallelEach(industrial.size(), [&](size_t k, Tally& tl) {
    const uint32_t i = industrial[k];
    thread_local std::vector<uint32_t> hits;
    z.index.Query(s.box[i], hits);
    if (hits.empty()) return;
    std::vector<Shape> tiles;
    for (uint32_t h : hits) tiles.push_back(z.tiles[h].shape());
    const CoverageResult r = Coverage(County::ShapeOf(s, i), tiles);
    tl.Add(r);
    z.parcel_within_m2[i] = r.covered_area;
  }));
  // Area of the union of industrial parcels in each tile.
  tally.Add(ParallelEach(z.tiles.size(), [&](size_t k, Tally& tl) {
    Tile& tile = z.tiles[k];
    thread_local std::vector<uint32_t> hits;
    c.supplies_index().Query(tile.box, hits);
    std::vector<Shape> cands;
    for (uint32_t i : hits)
      if (facts.industrial[i]) cands.push_back(County::ShapeOf(s, i));
    if (cands.empty()) return;
    const CoverageResult r = Coverage(tile.shape(), cands);
    tl.Add(r);
    tile.industrial_m2 = r.covered_area;
  }));
  z.industrial_ready = true;
}

std::vector<RiversideFigures> ZoneFigures(const County& c, Date T, const Zone& z,
                                          const std::vector<uint32_t>& cleared, TileMemo& memo, Tally& tally) {
  const InputData& d = c.data();
  const size_t nt = d.towns.size();
  const auto hits = TilesTouched(c, z, cleared);
  // a = area(tile ∩ K), b = area(tile ∩ K ∩ B(T)), K the union of the cleared parcels
  const auto figures_of = Memoised(z, hits, memo, tally, [&](size_t k, Tally& tl) {
    TileMemo::Entry e;
    const Tile& tile = z.tiles[hits[k].first];
    e.area = tile.area;
    std::vector<Shape> parcels;
    for (uint32_t s : hits[k].second) parcels.push_back(County::ShapeOf(d.supplies, s));
    CoverageOptions o;
    o.want_covered = true;
    CoverageResult r = Coverage(tile.shape(), parcels, o);
    tl.Add(r);
    if (r.covered_area <= kPositiveAreaM2 || r.covered.empty()) return e;
    e.a = r.covered_area;
    const Shape q = ShapeOfGeom(r.covered);
    thread_local std::vector<Shape> fp;
    Footprints(c, T, q.box, fp);
    if (fp.empty()) return e;
    const CoverageResult rb = Coverage(q, fp);
    tl.Add(rb);
    e.b = rb.covered_area;
    return e;
  });
  // Sums in tile order, so that figures do not depend on the thread count.
  std::vector<double> land(nt, 0.0), dev(nt, 0.0), clr(nt, 0.0), rem(nt, 0.0);
  for (const Tile& t : z.tiles) {
    land[static_cast<size_t>(t.town)] += t.area;
    dev[static_cast<size_t>(t.town)] += t.developed_m2;
  }
  for (size_t k = 0; k < hits.size(); ++k) {
    const auto t = static_cast<size_t>(z.tiles[hits[k].first].town);
    clr[t] += figures_of[k].a;
    rem[t] += figures_of[k].b;
  }
  auto figures = [&](int32_t town, double l, double dv, double cl, double rm) {
    RiversideFigures f;
    f.distance_m = z.distance_m;
    f.town = town;
    f.land_ha = l / kSquareMetresPerHectare;
    f.developed_before_ha = dv / kSquareMetresPerHectare;
    f.cleared_ha = cl / kSquareMetresPerHectare;
    f.developed_after_ha = std::max(0.0, dv - rm) / kSquareMetresPerHectare;
    if (l > 0) {
      f.intensity_before = dv / l;
      f.intensity_after = std::max(0.0, dv - rm) / l;
    }
    return f;
  };
  std::vector<RiversideFigures> out;
  double L = 0, D = 0, C = 0, R = 0;
  for (size_t t = 0; t < nt; ++t) {
    L += land[t];
    D += dev[t];
    C += clr[t];
    R += rem[t];
  }
  out.push_back(figures(-1, L, D, C, R));
  std::vector<size_t> order;
  for (size_t t = 0; t < nt; ++t)
    if (land[t] > 0) order.push_back(t);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return d.towns.code[a] < d.towns.code[b]; });
  for (size_t t : order) out.push_back(figures(static_cast<int32_t>(t), land[t], dev[t], clr[t], rem[t]));
  return out;
}

BanZoneFigures BanZone(const County& c, const SupplyFacts& facts, const Zone& z,
                       const std::vector<uint32_t>& cleared, TileMemo& memo, Tally& tally) {
  const SuppliesLayer& s = c.data().supplies;
  BanZoneFigures f;
  f.distance_m = z.distance_m;
  double before_m2 = 0;
  for (const Tile& t : z.tiles) before_m2 += t.industrial_m2;
  for (uint32_t i = 0; i < s.size(); ++i)
    if (facts.industrial[i] && z.parcel_within_m2[i] > kPositiveAreaM2) ++f.parcels_before;
  int32_t gone = 0;
  std::vector<uint8_t> is_cleared(s.size(), 0);
  for (uint32_t i : cleared) {
    is_cleared[i] = 1;
    if (z.parcel_within_m2[i] > kPositiveAreaM2) ++gone;
  }
  const auto hits = TilesTouched(c, z, cleared);
  // a = area(tile ∩ ∪ industrial parcels left)
  const auto left = Memoised(z, hits, memo, tally, [&](size_t k, Tally& tl) {
    TileMemo::Entry e;
    const Tile& tile = z.tiles[hits[k].first];
    e.area = tile.area;
    thread_local std::vector<uint32_t> cand;
    c.supplies_index().Query(tile.box, cand);
    std::vector<Shape> keep;
    for (uint32_t i : cand)
      if (facts.industrial[i] && !is_cleared[i]) keep.push_back(County::ShapeOf(s, i));
    if (keep.empty()) return e;
    const CoverageResult r = Coverage(tile.shape(), keep);
    tl.Add(r);
    e.a = r.covered_area;
    return e;
  });
  double after_m2 = before_m2;
  for (size_t k = 0; k < hits.size(); ++k) after_m2 -= z.tiles[hits[k].first].industrial_m2 - left[k].a;
  f.parcels_after = f.parcels_before - gone;
  f.ha_before = before_m2 / kSquareMetresPerHectare;
  f.ha_after = std::max(0.0, after_m2) / kSquareMetresPerHectare;
  return f;
}

std::vector<ClearedParcel> ChooseParcels(const County& c, const ScanResult& scan, const SupplyFacts& facts,
                                         const Zone& z, const RiversideRules& rules) {
  const SuppliesLayer& s = c.data().supplies;
  std::vector<ClearedParcel> out;
  if (rules.clear.empty()) return out;
  for (uint32_t i = 0; i < s.size(); ++i) {
    if (!facts.industrial[i] || z.parcel_within_m2[i] <= kPositiveAreaM2) continue;
    const SupplyFinding& f = scan.supplies[static_cast<size_t>(facts.finding[i])];
    int32_t rule = 0;
    for (size_t k = 0; k < rules.clear.size() && rule == 0; ++k) {
      const ClearRule& r = rules.clear[k];
      const bool use_ok = std::any_of(r.land_use.begin(), r.land_use.end(),
                                      [&](const std::string& p) { return s.land_use[i].rfind(p, 0) == 0; });
      const bool class_ok = r.classes.empty() ||
                            (facts.best_class[i] >= 0 &&
                             std::find(r.classes.begin(), r.classes.end(),
                                       static_cast<EfficiencyClass>(facts.best_class[i])) != r.classes.end());
      const bool idle_ok = !r.idle_only || IsIdle(f.status);
      if (use_ok && class_ok && idle_ok) rule = static_cast<int32_t>(k + 1);
    }
    if (rule == 0) continue;
    ClearedParcel p;
    p.supply = i;
    p.town = c.supply_town(i);
    p.parcel_ha = s.area_m2[i] / kSquareMetresPerHectare;
    p.within_ha = z.parcel_within_m2[i] / kSquareMetresPerHectare;
    p.built_ha = f.built_ha;
    p.status = f.status;
    if (facts.best_class[i] >= 0) p.cls = static_cast<EfficiencyClass>(facts.best_class[i]);
    p.enterprises = facts.enterprises[i];
    p.rule = rule;
    out.push_back(p);
  }
  return out;
}

}  // namespace panhuo::scenario
