// The county layout of the generator: the shoreline, 18 towns tiling the county with shared
// edges, the Yangtze water body, approval batches, survey dates, villages, targets and how
// many blocks of each kind every town gets at the requested scale.
#include <algorithm>
#include <cmath>
#include <set>

#include "model.hpp"

namespace panhuo::gen::detail {
namespace {

constexpr double kPi = 3.141592653589793;

// The county's frame (EPSG:4549): a ~40 km x 25 km county south of the Yangtze.
constexpr double kWest = 510000.0, kEast = 550000.0;
constexpr double kSouth = 3505000.0, kShoreMean = 3530000.0;
constexpr int kCols = 6, kRows = 3;

// Block counts at scale 1 (calibrated to the counts documented in generator.hpp).
constexpr double kApprovalBlocks = 1040.0;
constexpr double kStockBlocks = 650.0;
constexpr double kVillageBlocks = 1550.0;

struct TownSeed {
  const char* code;
  const char* name;
  const char* short_name;
  TownKind kind;
  int row, col;  // row 0 on the river, col 0 in the west
};

// The 18 units of the seed notice, laid out roughly as in Jiangyin.
constexpr TownSeed kTownSeeds[] = {
    {"320281001", "澄江街道", "澄江", TownKind::kStreet, 0, 4},
    {"320281004", "南闸街道", "南闸", TownKind::kStreet, 1, 2},
    {"320281005", "云亭街道", "云亭", TownKind::kStreet, 1, 3},
    {"320281007", "申港街道", "申港", TownKind::kStreet, 0, 2},
    {"320281008", "利港街道", "利港", TownKind::kStreet, 0, 1},
    {"320281009", "夏港街道", "夏港", TownKind::kStreet, 1, 1},
    {"320281100", "璜土镇", "璜土", TownKind::kTown, 0, 0},
    {"320281102", "月城镇", "月城", TownKind::kTown, 1, 0},
    {"320281103", "青阳镇", "青阳", TownKind::kTown, 2, 0},
    {"320281104", "徐霞客镇", "徐霞客", TownKind::kTown, 2, 1},
    {"320281107", "华士镇", "华士", TownKind::kTown, 2, 3},
    {"320281108", "周庄镇", "周庄", TownKind::kTown, 1, 4},
    {"320281109", "新桥镇", "新桥", TownKind::kTown, 2, 2},
    {"320281110", "长泾镇", "长泾", TownKind::kTown, 2, 4},
    {"320281111", "顾山镇", "顾山", TownKind::kTown, 1, 5},
    {"320281112", "祝塘镇", "祝塘", TownKind::kTown, 2, 5},
    {"320281400", "江阴高新技术产业开发区", "高新区", TownKind::kZone, 0, 5},
    {"320281404", "临港经济开发区", "临港", TownKind::kZone, 0, 3},
};

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

// Largest-remainder apportionment of `total` over weights (ties to the lower index).
std::vector<int> Apportion(int total, const std::vector<double>& w) {
  double sum = 0;
  for (double v : w) sum += v;
  std::vector<int> out(w.size(), 0);
  if (total <= 0 || sum <= 0) return out;
  std::vector<std::pair<double, size_t>> rem;
  int given = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const double exact = total * w[i] / sum;
    out[i] = static_cast<int>(std::floor(exact));
    given += out[i];
    rem.push_back({exact - out[i], i});
  }
  std::stable_sort(rem.begin(), rem.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total; ++k, ++given) ++out[rem[k % rem.size()].second];
  return out;
}

Date RandomDayOfYear(int year, Rng& rng) {
  const Date first = Date::FromYmd(year, 1, 1);
  return Date{first.days + rng.Int(0, IsLeapYear(year) ? 365 : 364)};
}

void BuildBatches(County& c, Rng& rng) {
  const int years = kLastApprovalYear - kFirstApprovalYear + 1;
  c.batches_by_year.assign(years, {});
  for (int y = kFirstApprovalYear; y <= kLastApprovalYear; ++y) {
    const int n = std::max(1, static_cast<int>(std::lround(c.scale * 26.0 * rng.U(0.8, 1.2))));
    std::vector<Date> dates;
    for (int k = 0; k < n; ++k) dates.push_back(RandomDayOfYear(y, rng));
    // Edge dates the engine must get right: leap days and year ends.
    // (In every leap year and four year ends when batches are many, in one of each when few.)
    const bool many = n >= 4;
    if (IsLeapYear(y) && (many || y == 2020)) dates[1 % n] = Date::FromYmd(y, 2, 29);
    const bool year_end = many ? (y == 2011 || y == 2014 || y == 2017 || y == 2020) : y == 2017;
    if (year_end) dates[n - 1] = Date::FromYmd(y, 12, 31);
    std::sort(dates.begin(), dates.end());
    for (int k = 0; k < n; ++k) {
      Batch b;
      b.year = y;
      b.seq = k + 1;
      b.date = dates[k];
      char buf[64];
      std::snprintf(buf, sizeof buf, "%d-苏政地-%03d", y, b.seq);
      b.batch_no = buf;
      c.batches_by_year[y - kFirstApprovalYear].push_back(static_cast<int>(c.batches.size()));
      c.batches.push_back(std::move(b));
    }
  }
}

void BuildVillages(County& c, Rng& rng) {
  static const char* kFirst[] = {"东", "西", "南", "北", "新", "大", "小", "长", "高", "石",
                                 "桥", "河", "湖", "山", "花", "金", "塘", "陈", "周", "王",
                                 "徐", "顾", "钱", "黄", "李", "张", "朱", "杨", "许", "蒋",
                                 "秦", "沈", "范", "华", "庄", "吴", "邵", "蔡", "谢", "夏"};
  static const char* kSecond[] = {"家", "巷", "桥", "墩", "湾", "圩", "港", "泾", "浜", "塘",
                                  "庄", "园", "山", "河", "星", "丰", "旺", "湖", "田", "林"};
  std::set<std::string> used;
  for (Town& t : c.towns) {
    const int n = t.kind == TownKind::kTown ? rng.Int(9, 14) : rng.Int(4, 8);
    for (int k = 0; k < n; ++k) {
      std::string name;
      do {
        name = std::string(kFirst[rng.Int(0, std::size(kFirst) - 1)]) +
               kSecond[rng.Int(0, std::size(kSecond) - 1)] + "村";
      } while (!used.insert(name).second);
      t.villages.push_back(static_cast<int>(c.villages.size()));
      c.villages.push_back({name, !rng.Bern(0.3)});
    }
  }
}

}  // namespace

const char* ToString(TownKind k) {
  switch (k) {
    case TownKind::kStreet:
      return "street";
    case TownKind::kTown:
      return "town";
    case TownKind::kZone:
      return "zone";
  }
  return "town";
}

double SignedArea(const std::vector<XY>& ring) {
  if (ring.size() < 3) return 0;
  const double x0 = ring[0].x, y0 = ring[0].y;
  double s = 0;
  for (size_t i = 0; i < ring.size(); ++i) {
    const XY& a = ring[i];
    const XY& b = ring[(i + 1) % ring.size()];
    s += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0);
  }
  return s * 0.5;
}

double County::ShoreY(double x) const {
  const double u = x - kWest;
  return kShoreMean + 500.0 * std::sin(2 * kPi * u / 13000.0 + shore_phase1) +
         250.0 * std::sin(2 * kPi * u / 4700.0 + shore_phase2) +
         400.0 * (x - 0.5 * (kWest + kEast)) / 20000.0;
}

bool County::FirstSurveyOnOrAfter(Date d, Date& out) const {
  for (const Date& s : surveys)
    if (s >= d) {
      out = s;
      return true;
    }
  return false;
}

County BuildCounty(uint64_t seed, double scale) {
  County c;
  c.seed = seed;
  c.scale = scale;
  c.linear = scale > 1.0 ? 1.0 / std::sqrt(scale) : 1.0;
  c.horizon = Date::FromYmd(2022, 12, 31);
  Rng rng(SubSeed(seed, 1));
  c.shore_phase1 = rng.U(0, 2 * kPi);
  c.shore_phase2 = rng.U(0, 2 * kPi);

  // Grid nodes N[i][j] (i west->east, j north->south); row 0 lies on the shoreline.
  const double dx = (kEast - kWest) / kCols;
  const double dy = (kShoreMean - kSouth) / kRows;
  std::vector<std::vector<XY>> node(kCols + 1, std::vector<XY>(kRows + 1));
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j <= kRows; ++j) {
      const bool outer_x = i == 0 || i == kCols;
      double x = kWest + i * dx + rng.U(-1, 1) * (outer_x ? 900.0 : 700.0);
      double y = kShoreMean - j * dy + rng.U(-1, 1) * (j == kRows ? 800.0 : 600.0);
      if (j == 0) y = c.ShoreY(x);
      node[i][j] = {Round3(x), Round3(y)};
    }
  // Edges with intermediate vertices, each stored once and shared by both neighbours.
  // h[j][i]: N[i][j] -> N[i+1][j] (west to east); v[i][j]: N[i][j] -> N[i][j+1] (north to south).
  std::vector<std::vector<std::vector<XY>>> h(kRows + 1, std::vector<std::vector<XY>>(kCols));
  std::vector<std::vector<std::vector<XY>>> v(kCols + 1, std::vector<std::vector<XY>>(kRows));
  for (int j = 0; j <= kRows; ++j)
    for (int i = 0; i < kCols; ++i) {
      const XY a = node[i][j], b = node[i + 1][j];
      const int k = j == 0 ? 7 : (j == kRows ? 4 : 3);
      const double amp = j == kRows ? 600.0 : 250.0;
      auto& e = h[j][i];
      e.push_back(a);
      for (int m = 1; m <= k; ++m) {
        const double t = static_cast<double>(m) / (k + 1);
        const double x = a.x + t * (b.x - a.x);
        const double y = j == 0 ? c.ShoreY(x) : a.y + t * (b.y - a.y) + rng.U(-amp, amp);
        e.push_back({Round3(x), Round3(y)});
      }
      e.push_back(b);
    }
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j < kRows; ++j) {
      const XY a = node[i][j], b = node[i][j + 1];
      const bool outer = i == 0 || i == kCols;
      const int k = outer ? 4 : 3;
      const double amp = outer ? 600.0 : 250.0;
      auto& e = v[i][j];
      e.push_back(a);
      for (int m = 1; m <= k; ++m) {
        const double t = static_cast<double>(m) / (k + 1);
        e.push_back(
            {Round3(a.x + t * (b.x - a.x) + rng.U(-amp, amp)), Round3(a.y + t * (b.y - a.y))});
      }
      e.push_back(b);
    }

  // Towns: counter-clockwise rings south edge (W->E), east edge (S->N), north edge (E->W),
  // west edge (N->S).
  for (const TownSeed& s : kTownSeeds) {
    Town t;
    t.code = s.code;
    t.name = s.name;
    t.short_name = s.short_name;
    t.kind = s.kind;
    t.row = s.row;
    t.col = s.col;
    t.government = s.kind == TownKind::kZone ? std::string(s.name) + "管理委员会"
                                             : "江阴市" + std::string(s.name) + "人民政府";
    const int i = s.col, j = s.row;
    const auto& south = h[j + 1][i];
    const auto& east = v[i + 1][j];
    const auto& north = h[j][i];
    const auto& west = v[i][j];
    for (size_t k = 0; k + 1 < south.size(); ++k) t.ring.push_back(south[k]);
    for (size_t k = east.size() - 1; k > 0; --k) t.ring.push_back(east[k]);
    for (size_t k = north.size() - 1; k > 0; --k) t.ring.push_back(north[k]);
    for (size_t k = 0; k + 1 < west.size(); ++k) t.ring.push_back(west[k]);
    t.area_m2 = SignedArea(t.ring);
    c.towns.push_back(std::move(t));
  }

  // The shoreline (the county's northern border) and the water body north of it, which runs
  // on 5 km beyond the county at both ends.
  for (int i = 0; i < kCols; ++i)
    for (size_t k = (i == 0 ? 0 : 1); k < h[0][i].size(); ++k) c.shoreline.push_back(h[0][i][k]);
  const double x_w = c.shoreline.front().x, x_e = c.shoreline.back().x;
  for (int k = 5; k >= 1; --k) {
    const double x = x_w - 1000.0 * k;
    c.river_ring.push_back({Round3(x), Round3(c.ShoreY(x))});
  }
  c.river_ring.insert(c.river_ring.end(), c.shoreline.begin(), c.shoreline.end());
  for (int k = 1; k <= 5; ++k) {
    const double x = x_e + 1000.0 * k;
    c.river_ring.push_back({Round3(x), Round3(c.ShoreY(x))});
  }
  const double phase = rng.U(0, 2 * kPi);
  for (double x = x_e + 5000.0; x >= x_w - 5000.0 - 1e-6; x -= 1000.0) {
    const double width = 1750.0 + 250.0 * std::sin((x - kWest) / 7000.0 + phase);
    c.river_ring.push_back({Round3(x), Round3(c.ShoreY(x) + width)});
  }

  for (int y = kFirstSurveyYear; y <= kLastSurveyYear; ++y)
    c.surveys.push_back(Date{Date::FromYmd(y, 9, 1).days + rng.Int(0, 80)});
  BuildBatches(c, rng);
  BuildVillages(c, rng);

  // Supply propensity: four towns lag well behind (supply rate under the 60 % floor).
  std::vector<int> order(c.towns.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  for (size_t k = order.size() - 1; k > 0; --k) std::swap(order[k], order[rng.Int(0, k)]);
  for (size_t k = 0; k < order.size(); ++k)
    c.towns[order[k]].supply_propensity = k < 4 ? rng.U(0.38, 0.55) : rng.U(0.70, 0.96);

  // Blocks of each kind: development zones and sub-districts build more, towns hold more
  // villages; each town has its own temper.
  std::vector<double> wa, ws, wv;
  for (const Town& t : c.towns) {
    const double f = rng.U(0.75, 1.3);
    double a = 0.9, s = 0.85, vl = 1.15;
    if (t.kind == TownKind::kZone) a = 1.5, s = 1.25, vl = 0.45;
    if (t.kind == TownKind::kStreet) a = 1.05, s = 1.25, vl = 0.75;
    wa.push_back(a * f * t.area_m2);
    ws.push_back(s * rng.U(0.8, 1.2) * t.area_m2);
    wv.push_back(vl * rng.U(0.8, 1.2) * t.area_m2);
  }
  const auto na = Apportion(static_cast<int>(std::lround(scale * kApprovalBlocks)), wa);
  const auto ns = Apportion(static_cast<int>(std::lround(scale * kStockBlocks)), ws);
  const auto nv = Apportion(static_cast<int>(std::lround(scale * kVillageBlocks)), wv);
  for (size_t k = 0; k < c.towns.size(); ++k) {
    c.towns[k].blocks_approval = na[k];
    c.towns[k].blocks_stock = ns[k];
    c.towns[k].blocks_village = nv[k];
  }

  // Yearly targets, in proportion to how much land the county holds at this scale.
  const int skip_town = rng.Int(0, static_cast<int>(c.towns.size()) - 1);
  const int skip_year = rng.Int(kFirstTargetYear, kLastTargetYear);
  const double amount = std::min(scale, 1.0);
  for (size_t k = 0; k < c.towns.size(); ++k) {
    const double base = rng.LogNormal(38.0, 0.4);
    for (int y = kFirstTargetYear; y <= kLastTargetYear; ++y) {
      const double ha = std::clamp(base * rng.U(0.8, 1.25), 5.0, 60.0) * amount;
      if (static_cast<int>(k) == skip_town && y == skip_year) continue;
      c.targets.push_back({static_cast<int>(k), y, std::max(0.01, std::round(ha * 100) / 100)});
    }
  }
  return c;
}

}  // namespace panhuo::gen::detail
