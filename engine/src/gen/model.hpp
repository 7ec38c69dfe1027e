// Internals of the county generator: the PRNG, flat polygon buffers, the county layout (towns,
// river, batches, surveys, villages) and the features generated for one town.
//
// Everything here is deterministic given the seed: no std:: distributions (their output is
// implementation-defined), only xoshiro256** and explicit transforms.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "panhuo/core/date.hpp"

namespace panhuo::gen::detail {

// ---- random numbers ----------------------------------------------------------------------

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A sub-seed for an independent stream: (seed, a, b, c) -> 64 bits.
inline uint64_t SubSeed(uint64_t seed, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t s = seed;
  uint64_t h = SplitMix64(s);
  s = h ^ (a * 0xD6E8FEB86659FD93ull);
  h = SplitMix64(s);
  s = h ^ (b * 0xA0761D6478BD642Full);
  h = SplitMix64(s);
  s = h ^ (c * 0xE7037ED1A0B428DBull);
  return SplitMix64(s);
}

// xoshiro256** with helpers. Not thread-safe: one Rng per stream.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& v : s_) v = SplitMix64(s);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double U() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double U(double lo, double hi) { return lo + (hi - lo) * U(); }
  // Uniform integer in [lo, hi].
  int Int(int lo, int hi) {
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo + 1);
    return lo + static_cast<int>((static_cast<unsigned __int128>(Next()) * span) >> 64);
  }
  bool Bern(double p) { return U() < p; }
  // Standard normal (Box-Muller, one value per call).
  double Normal() {
    const double u1 = 1.0 - U();  // (0, 1]
    const double u2 = U();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Log-normal with the given median and log-sd.
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  // Index drawn with probability proportional to weights[i].
  template <typename W>
  int Pick(const W& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = U() * total;
    int i = 0;
    for (double w : weights) {
      if (r < w) return i;
      r -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// ---- geometry ----------------------------------------------------------------------------

struct XY {
  double x = 0, y = 0;
};

// Signed area of an open ring (positive when counter-clockwise).
double SignedArea(const std::vector<XY>& ring);

// A local frame: rotation by an angle about an origin (world = origin + R * local). World
// coordinates are rounded to the millimetre, so equal local points give equal world points.
struct Frame {
  double ox = 0, oy = 0, c = 1, s = 0;
  XY ToWorld(XY p) const {
    return {std::round((ox + (c * p.x - s * p.y)) * 1000.0) / 1000.0,
            std::round((oy + (s * p.x + c * p.y)) * 1000.0) / 1000.0};
  }
  XY ToLocal(XY p) const {
    const double dx = p.x - ox, dy = p.y - oy;
    return {c * dx + s * dy, -s * dx + c * dy};
  }
};

// Polygon features stored flat: points, ring ends, polygon ends, feature ends. Rings are open
// (the writer closes them); outer rings counter-clockwise, holes clockwise.
class Shapes {
 public:
  void BeginFeature() { feat_end_.push_back(static_cast<uint32_t>(poly_end_.size())); }
  void BeginPolygon() {
    poly_end_.push_back(static_cast<uint32_t>(ring_end_.size()));
    feat_end_.back() = static_cast<uint32_t>(poly_end_.size());
  }
  // Adds a ring (local coordinates) to the current polygon, transformed by `frame`.
  void AddRing(const std::vector<XY>& local, const Frame& frame) {
    for (const XY& p : local) pts_.push_back(frame.ToWorld(p));
    ring_end_.push_back(static_cast<uint32_t>(pts_.size()));
    poly_end_.back() = static_cast<uint32_t>(ring_end_.size());
  }
  // Adds a ring already in world coordinates.
  void AddWorldRing(const std::vector<XY>& world) {
    pts_.insert(pts_.end(), world.begin(), world.end());
    ring_end_.push_back(static_cast<uint32_t>(pts_.size()));
    poly_end_.back() = static_cast<uint32_t>(ring_end_.size());
  }
  // One feature made of one polygon with one ring.
  void AddSimple(const std::vector<XY>& local, const Frame& frame) {
    BeginFeature();
    BeginPolygon();
    AddRing(local, frame);
  }

  size_t size() const { return feat_end_.size(); }
  // Ranges: polygons of feature f, rings of polygon p, points of ring r.
  uint32_t PolyBegin(size_t f) const { return f == 0 ? 0 : feat_end_[f - 1]; }
  uint32_t PolyEnd(size_t f) const { return feat_end_[f]; }
  uint32_t RingBegin(size_t p) const { return p == 0 ? 0 : poly_end_[p - 1]; }
  uint32_t RingEnd(size_t p) const { return poly_end_[p]; }
  uint32_t PointBegin(size_t r) const { return r == 0 ? 0 : ring_end_[r - 1]; }
  uint32_t PointEnd(size_t r) const { return ring_end_[r]; }
  const XY& Point(size_t i) const { return pts_[i]; }

 private:
  std::vector<XY> pts_;
  std::vector<uint32_t> ring_end_, poly_end_, feat_end_;
};

// ---- the county --------------------------------------------------------------------------

constexpr int kFirstSurveyYear = 2008;
constexpr int kLastSurveyYear = 2022;
constexpr int kFirstApprovalYear = 2010;
constexpr int kLastApprovalYear = 2021;
constexpr int kFirstEnterpriseYear = 2018;
constexpr int kLastEnterpriseYear = 2022;
constexpr int kFirstTargetYear = 2019;
constexpr int kLastTargetYear = 2022;

enum class TownKind : uint8_t { kStreet, kTown, kZone };
const char* ToString(TownKind k);

struct Town {
  std::string code, name, short_name;
  std::string government;  // the holder of land allocated to the town (its government)
  TownKind kind = TownKind::kTown;
  int row = 0, col = 0;
  std::vector<XY> ring;  // world coordinates, counter-clockwise, open
  double area_m2 = 0;
  double supply_propensity = 0.8;  // chance an approved parcel gets supplied at all
  int blocks_approval = 0, blocks_stock = 0, blocks_village = 0;  // wanted at this scale
  std::vector<int> villages;                                      // indices into County::villages
};

// A provincial approval batch (批次): one document, one date, parcels in several towns.
struct Batch {
  int year = 0, seq = 0;
  Date date;
  std::string batch_no;  // e.g. 2015-苏政地-037
};

struct Village {
  std::string name;
  bool retained = true;  // kept by the village plan
};

// A town's revitalization target for a year (盘活目标).
struct Target {
  int town = 0;  // index into County::towns
  int year = 0;
  double target_ha = 0;
};

struct County {
  uint64_t seed = 1;
  double scale = 1.0;
  double linear = 1.0;         // linear size factor of blocks and parcels (1/sqrt(scale) > 1)
  std::vector<Town> towns;     // in output order
  std::vector<XY> shoreline;   // the county's northern border, west to east (world)
  std::vector<XY> river_ring;  // the Yangtze water body, counter-clockwise, open (world)
  double shore_phase1 = 0, shore_phase2 = 0;
  std::vector<Batch> batches;                     // by year, then seq
  std::vector<std::vector<int>> batches_by_year;  // index year - kFirstApprovalYear
  std::vector<Date> surveys;                      // index year - kFirstSurveyYear
  std::vector<Village> villages;
  std::vector<Target> targets;  // by town, then year; one (town, year) left out
  Date horizon;  // the data's end (2022-12-31): nothing is dated after it but agreed starts

  double ShoreY(double x) const;  // northing of the shoreline at easting x
  // First survey date on or after d; nullopt when d is after the last survey.
  bool FirstSurveyOnOrAfter(Date d, Date& out) const;
};

// Builds the county layout (towns, river, batches, surveys, villages, block counts).
County BuildCounty(uint64_t seed, double scale);

// ---- features of one town ----------------------------------------------------------------

struct ApprovalRec {
  int batch = 0;     // index into County::batches
  uint8_t kind = 0;  // 0 conversion, 1 expropriation
  // v3: some of it is still unsupplied at the end of 2021 (for the work plans)
  bool waiting_2021 = false;
};

// GB/T 21010-2017 land-use codes used by the generator.
struct LandUse {
  const char* code;
  uint8_t cls;  // 0 industrial/mining/storage, 1 commercial, 2 residential, 3 public
};
extern const LandUse kLandUses[];
extern const int kLandUseCount;

struct SupplyRec {
  Date date, agreed_start;
  uint8_t mode = 0;      // 0 grant, 1 allocation
  uint8_t land_use = 0;  // index into kLandUses
  int8_t cause = -1;     // -1 null, 0 enterprise, 1 government, 2 force_majeure, 3 mixed
  double price_wan = NAN;
  std::string holder;
  // v3: not built as agreed (not started, a shed, stalled...), for the work plans
  bool troubled = false;
};

struct EnterpriseRow {
  uint32_t supply = 0;      // index into the town's supplies
  uint32_t enterprise = 0;  // index among the town's enterprises
  int16_t year = 0;
  double tax = NAN, sales = NAN, value_added = NAN, energy = NAN, emission = NAN, rnd = NAN;
  int32_t employees = -1;  // -1 null
};

struct PlotRec {
  uint32_t village = 0;  // index into County::villages
  uint8_t kind = 0;      // 0 homestead, 1 vacant, 2 unused, 3 other
  uint8_t idle = 0;
};

struct TownData {
  Shapes approvals_geom;
  std::vector<ApprovalRec> approvals;
  Shapes supplies_geom;
  std::vector<SupplyRec> supplies;
  Shapes construction_geom;
  std::vector<Date> construction;
  std::vector<EnterpriseRow> enterprises;
  uint32_t enterprise_count = 0;
  Shapes plots_geom;
  std::vector<PlotRec> plots;
};

// Generates all features of town `t`; depends only on (county, t).
TownData GenerateTown(const County& county, int t);

}  // namespace panhuo::gen::detail
