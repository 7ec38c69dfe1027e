// Internal: the phases of a scenario evaluation, one file each.
//   reclaim.cpp    plot selection and the linkage balance of the towns
//   riverside.cpp  mainline buffers, zones cut into tiles, developed area, clearing
//   demand_layer.cpp  reading a demand polygon layer through GDAL
//   context.cpp    the caches and Evaluate(), which runs the phases in order
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "panhuo/index/spatial_index.hpp"
#include "panhuo/scenario/scenario.hpp"

namespace panhuo::scenario {

// Overlay fallbacks and failures, summed by the caller.
struct Tally {
  int64_t fallbacks = 0, failures = 0;
  void Add(const CoverageResult& r) {
    fallbacks += r.fallback;
    failures += r.failed;
  }
  void Add(const Tally& t) {
    fallbacks += t.fallbacks;
    failures += t.failures;
  }
};

// What the scan says about each supply, looked up by supply index.
struct SupplyFacts {
  std::vector<int32_t> finding;  // index into ScanResult::supplies; -1 when dated after T
  std::vector<uint8_t> industrial;  // land_use 06… and dated on or before T
  std::vector<int8_t> best_class;   // best EfficiencyClass of its enterprises, -1 when none
  std::vector<int32_t> enterprises; // enterprise rows of the efficiency year on it
  SupplyFacts(const County& c, const ScanResult& scan);
};

// ---- reclaim ----

// Plots matching the rules, in priority order, cut at the cap; notes say what was left out.
std::vector<SelectedPlot> SelectPlots(const County& c, const std::vector<int32_t>& plot_town,
                                      const ReclaimRules& rules, std::vector<std::string>& notes);

// The linkage balance of every town and of the county. `layer_demand_ha` holds one value per
// town (empty when the scenario names no demand layer).
void Balance(const County& c, const Scenario& sc, const std::vector<SelectedPlot>& plots,
             const std::vector<double>& layer_demand_ha, ScenarioResult& out);

// ---- riverside ----

// One square piece of a zone, inside one town.
struct Tile {
  MultiPolygon geom;
  Box box;
  double area = 0;  // m²
  int32_t town = 0;
  int64_t ix = 0, iy = 0;    // grid cell: [ix, ix + 1) × [iy, iy + 1) tile sides
  double developed_m2 = 0;   // area(B(T) ∩ tile)
  double industrial_m2 = 0;  // area(∪ industrial parcels ∩ tile), once PrepareIndustrial ran
  Shape shape() const { return Shape{&geom, box, area}; }
};

// The land within d metres of the mainline, cut into tiles.
struct Zone {
  double distance_m = 0;
  MultiPolygon buffer;       // the mainline buffer, before clipping to the county
  std::vector<Tile> tiles;   // by town index, then row, then column
  SpatialIndex index;        // over the tiles' envelopes
  bool industrial_ready = false;
  std::vector<double> parcel_within_m2;  // per supply: area within the zone (industrial only)
};

// Union of the GEOS buffers (kQuadrantSegments) of every shoreline line and water polygon.
Result<MultiPolygon> MainlineBuffer(const RiverLayer& river, double d);



// Overlay results of a tile for a set of parcels, kept across distances and variants. A tile
// is the same piece of land in two zones when it has the same cell and town and the same area
// (the tile of the smaller zone lies inside that of the larger, so equal area means equal land,
// to the overlay's own precision); the result then depends only on the parcels touching it.
// Variants that clear the same parcels near a tile, and wider zones whose tile is the same
// square, reuse it instead of overlaying again. Filled between parallel phases, read during them.
class TileMemo {
 public:
  struct Entry {
    double area = 0;
    double a = 0, b = 0;  // the two figures the caller keeps
  };
  static std::string Key(const Tile& t, const std::vector<uint32_t>& parcels);
  const Entry* Find(const std::string& key, double area) const;
  void Put(const std::string& key, const Entry& e) { map_[key].push_back(e); }
  size_t size() const { return map_.size(); }
  void clear() { map_.clear(); }

 private:
  std::unordered_map<std::string, std::vector<Entry>> map_;
};

// The zone at distance d, tiles and developed area; `developed` remembers the developed area of
// each tile so that a wider zone recomputes only the tiles a narrower one does not share.
Result<std::unique_ptr<Zone>> BuildZone(const County& c, Date as_of, double d, double tile_m, TileMemo& developed,
                                        Tally& tally);
void PrepareIndustrial(const County& c, const SupplyFacts& facts, Zone& z, Tally& tally);

// Figures of one zone after clearing `cleared` (supply indices, ascending): the county row,
// then towns with land in the zone by town_code.
std::vector<RiversideFigures> ZoneFigures(const County& c, Date as_of, const Zone& z,
                                          const std::vector<uint32_t>& cleared, TileMemo& memo, Tally& tally);
BanZoneFigures BanZone(const County& c, const SupplyFacts& facts, const Zone& z,
                       const std::vector<uint32_t>& cleared, TileMemo& memo, Tally& tally);
// Parcels chosen by the clear rules within zone `z` (prepared with PrepareIndustrial).
std::vector<ClearedParcel> ChooseParcels(const County& c, const ScanResult& scan, const SupplyFacts& facts,
                                         const Zone& z, const RiversideRules& rules);

// ---- demand ----

// The polygons of `layer` in `source`, in the working CRS (`crs_wkt`, or `crs_name` when the
// WKT is empty); invalid polygons are repaired with GEOS MakeValid. Features without a polygon
// are counted in `skipped`.
Result<std::vector<MultiPolygon>> ReadPolygonLayer(const std::string& source, const std::string& layer,
                                                   const std::string& crs_wkt, const std::string& crs_name,
                                                   int64_t& skipped);
// area(town ∩ ∪ polygons) per town, ha.
std::vector<double> DemandByTown(const County& c, const std::vector<MultiPolygon>& polygons, Tally& tally);

}  // namespace panhuo::scenario
