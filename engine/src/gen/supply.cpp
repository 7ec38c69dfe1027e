// Supplies and what happens on them: land use, mode, dates, price and holder of a supply,
// the buildings that appear on it survey after survey (or never), and the enterprises that
// report from industrial parcels.
#include <algorithm>
#include <cmath>

#include "town_builder.hpp"

namespace panhuo::gen::detail {

// GB/T 21010-2017 codes used, with a class that decides prices, holders and modes.
const LandUse kLandUses[] = {
    {"0601", 0}, {"0602", 0}, {"0604", 0},                            // industrial, mining, storage
    {"0501", 1}, {"0503", 1}, {"0504", 1}, {"0505", 1},               // commercial
    {"0701", 2}, {"0702", 2},                                         // urban housing, homesteads
    {"0801", 3}, {"0803", 3}, {"0805", 3}, {"0809", 3}, {"1001", 3},  // public, railway
};
const int kLandUseCount = static_cast<int>(std::size(kLandUses));

void TownBuilder::AddBuilding(const RectD& r, bool l_shape, Date observed) {
  std::vector<XY> ring{{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}};
  if (l_shape) {
    const double xm = r.x0 + 0.55 * r.W(), ym = r.y0 + 0.55 * r.H();
    ring = {{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, ym}, {xm, ym}, {xm, r.y1}, {r.x0, r.y1}};
  }
  out_.construction_geom.AddSimple(ring, frame_);
  out_.construction.push_back(observed);
}

void TownBuilder::AddSmallBuildings(const NodeGrid& g, int i, int j, int count, Date observed,
                                    Rng& rng) {
  // Side by side in slots across the cell, so they do not overlap.
  const RectD in = g.Inner(i, j, 4.0 * L_);
  const double slot = in.W() / count;
  for (int k = 0; k < count; ++k) {
    const double w = std::min(in.W() * rng.U(0.12, 0.3), 0.8 * slot), h = in.H() * rng.U(0.12, 0.3);
    const double x = in.x0 + k * slot + (slot - w) * rng.U(0, 1);
    const double y = in.y0 + (in.H() - h) * rng.U(0, 1);
    AddBuilding({x, y, x + w, y + h}, false, observed);
  }
}

Date TownBuilder::BuildOnParcel(const NodeGrid& g, const std::vector<std::pair<int, int>>& cells,
                                Date supply, Date start, Progress progress, double parcel_area,
                                bool industrial, Rng& rng) {
  Date first{INT32_MIN};
  auto observe = [&](Date built, Date& out) {
    if (!c_.FirstSurveyOnOrAfter(built, out)) return false;
    if (first.days == INT32_MIN || out < first) first = out;
    return true;
  };
  if (progress == Progress::kNone || cells.empty()) return first;
  if (progress == Progress::kToken) {
    // A shed: under 1 % of the parcel, so the parcel is still "not started".
    const auto [i, j] = cells[static_cast<size_t>(rng.Int(0, static_cast<int>(cells.size()) - 1))];
    const RectD in = g.Inner(i, j, 3.0 * L_);
    const double side =
        std::min(std::sqrt(parcel_area * rng.U(0.002, 0.008)), 0.8 * std::min(in.W(), in.H()));
    const double x = in.x0 + (in.W() - side) * rng.U(0, 1),
                 y = in.y0 + (in.H() - side) * rng.U(0, 1);
    Date seen;
    if (observe(AddDays(start, rng.U(-90, 500)), seen))
      AddBuilding({x, y, x + side, y + side}, false, seen);
    return first;
  }
  const double coverage = progress == Progress::kStalled    ? rng.U(0.05, 0.28)
                          : progress == Progress::kExisting ? rng.U(0.45, 0.70)
                                                            : rng.U(0.40, 0.70);
  const double size = rng.U(12.0, 27.5) * L_ * (industrial ? 1.2 : 1.0);
  std::vector<Building> plan;
  auto on_boundary = [&](int i, int j, int side) {
    // is the cell side (0 W, 1 S, 2 E, 3 N) on the parcel's boundary?
    const int ni = i + (side == 0 ? -1 : side == 2 ? 1 : 0);
    const int nj = j + (side == 1 ? -1 : side == 3 ? 1 : 0);
    return std::find(cells.begin(), cells.end(), std::make_pair(ni, nj)) == cells.end();
  };
  for (auto [i, j] : cells) {
    const RectD raw = g.Inner(i, j, 0.0);
    const RectD in = g.Inner(i, j, 0.05 * std::min(raw.W(), raw.H()) + 2.0 * L_);
    if (in.W() <= 1 || in.H() <= 1) continue;
    const double fill = std::min(0.9, coverage * g.CellArea(i, j) / (in.W() * in.H()));
    const int bx = std::max(1, static_cast<int>(std::lround(in.W() / size)));
    const int by = std::max(1, static_cast<int>(std::lround(in.H() / size)));
    for (int b = 0; b < by; ++b)
      for (int a = 0; a < bx; ++a) {
        const double sw = in.W() / bx, sh = in.H() / by;
        double fx = std::min(0.97, std::sqrt(fill) * rng.U(0.9, 1.1));
        const double fy = std::min(0.97, fill / fx);
        const double cx = in.x0 + (a + 0.5) * sw + rng.U(-0.5, 0.5) * (1 - fx) * sw;
        const double cy = in.y0 + (b + 0.5) * sh + rng.U(-0.5, 0.5) * (1 - fy) * sh;
        Building bld{
            {cx - 0.5 * fx * sw, cy - 0.5 * fy * sh, cx + 0.5 * fx * sw, cy + 0.5 * fy * sh},
            rng.Bern(0.12)};
        // Now and then a building crosses the parcel's edge.
        if (rng.Bern(0.03)) {
          const double out = rng.U(4.0, 12.0) * L_;
          if (a == 0 && on_boundary(i, j, 0))
            bld.r.x0 = std::min(g.N(i, j).x, g.N(i, j + 1).x) - out;
          else if (a == bx - 1 && on_boundary(i, j, 2))
            bld.r.x1 = std::max(g.N(i + 1, j).x, g.N(i + 1, j + 1).x) + out;
          else if (b == 0 && on_boundary(i, j, 1))
            bld.r.y0 = std::min(g.N(i, j).y, g.N(i + 1, j).y) - out;
          else if (b == by - 1 && on_boundary(i, j, 3))
            bld.r.y1 = std::max(g.N(i, j + 1).y, g.N(i + 1, j + 1).y) + out;
        }
        plan.push_back(bld);
      }
  }
  // Order of construction: random; times spread over the building period.
  for (size_t k = plan.size(); k > 1; --k)
    std::swap(plan[k - 1], plan[static_cast<size_t>(rng.Int(0, static_cast<int>(k) - 1))]);
  Date t0 = start;
  double duration = rng.U(250, 1300);
  if (progress == Progress::kNormal) t0 = AddDays(start, 100 * rng.Normal());
  if (progress == Progress::kLate) t0 = AddDays(start, rng.U(400, 1500));
  if (progress == Progress::kStalled)
    t0 = AddDays(start, 150 * rng.Normal()), duration = rng.U(0, 250);
  if (t0.days < supply.days + 20) t0 = Date{supply.days + 20};
  for (size_t k = 0; k < plan.size(); ++k) {
    Date seen;
    Date built = AddDays(t0, duration * static_cast<double>(k) / static_cast<double>(plan.size()));
    if (progress == Progress::kExisting) built = c_.surveys.front();
    if (!observe(built, seen)) continue;
    AddBuilding(plan[k].r, plan[k].l_shape, seen);
    if (rng.Bern(0.01)) {  // an extension overlapping the building, seen a year or more later
      Date later;
      const RectD& r = plan[k].r;
      const double dx = r.W() * rng.U(0.3, 0.5);
      if (c_.FirstSurveyOnOrAfter(AddDays(seen, rng.U(200, 1000)), later))
        AddBuilding({r.x0 + dx, r.y0 + 0.1 * r.H(), r.x1 + dx, r.y1 - 0.1 * r.H()}, false, later);
    }
  }
  return first;
}

void TownBuilder::AddEnterprises(uint32_t supply, double mu, bool weak, Date first_built,
                                 Rng& rng) {
  if (first_built.days == INT32_MIN) return;
  const int fy = first_built.Year();
  if (fy > kLastEnterpriseYear - 1 || !rng.Bern(0.6)) return;
  const int n = 1 + (mu < 8 ? rng.Pick(std::array<double, 3>{0.75, 0.2, 0.05})
                            : rng.Pick(std::array<double, 3>{0.7, 0.22, 0.08}));
  const double share = mu / n;
  for (int e = 0; e < n; ++e) {
    const int start = std::max(kFirstEnterpriseYear, fy + rng.Int(0, 1));
    if (start > kLastEnterpriseYear) continue;
    int end = kLastEnterpriseYear;
    if (rng.Bern(0.06)) end = rng.Int(start, kLastEnterpriseYear);
    const uint32_t id = out_.enterprise_count++;
    const double quality = rng.LogNormal(1.0, 0.45) * (weak ? 0.5 : 1.0);
    const double energy_intensity = rng.LogNormal(0.05, 0.7);
    const double emission_intensity = rng.LogNormal(0.0015, 0.9);
    const double rnd_share = rng.U(0.003, 0.045);
    const double staff_per_mu = rng.LogNormal(1.6, 0.5);
    for (int y = start; y <= end; ++y) {
      EnterpriseRow row;
      row.supply = supply;
      row.enterprise = id;
      row.year = static_cast<int16_t>(y);
      const double trend = std::pow(1.03, y - kFirstEnterpriseYear);
      double tax = 16.45 * quality * rng.LogNormal(1.0, 0.15) * trend * share;
      const double u = rng.U();
      if (u < 0.007)
        tax = 0;
      else if (u < 0.015)
        tax = -rng.U(1, 50);
      const double sales =
          390.0 * std::pow(quality, 0.6) * rng.LogNormal(1.0, 0.25) * trend * share;
      row.tax = Round2(tax);
      row.sales = Round2(sales);
      row.value_added = Round2(sales * rng.U(0.17, 0.30));
      row.energy = Round2(sales * energy_intensity * rng.LogNormal(1.0, 0.1));
      row.emission = Round2(sales * emission_intensity * rng.LogNormal(1.0, 0.1));
      row.rnd = Round2(sales * rnd_share * rng.LogNormal(1.0, 0.1));
      row.employees = std::max(1, static_cast<int>(std::lround(share * staff_per_mu)));
      // Occasional gaps in the returns.
      if (rng.Bern(0.012)) row.tax = NAN;
      if (rng.Bern(0.012)) row.sales = NAN;
      if (rng.Bern(0.015)) row.value_added = NAN;
      if (rng.Bern(0.02)) row.energy = NAN;
      if (rng.Bern(0.02)) row.emission = NAN;
      if (rng.Bern(0.03)) row.rnd = NAN;
      if (rng.Bern(0.015)) row.employees = -1;
      out_.enterprises.push_back(row);
    }
  }
}

std::string TownBuilder::Holder(int use, uint8_t mode, Rng& rng) const {
  if (mode == 1) {
    switch (use) {
      case k0803:
        return "江阴市教育局";
      case k0805:
        return "江阴市卫生健康委员会";
      case k0809:
        return Pick(rng, {"江阴市城市建设投资有限公司", "江阴市水务集团有限公司",
                          "国网江苏省电力有限公司江阴市供电分公司", "江阴市市政公用事业管理处"});
      case k1001:
        return "江阴市交通产业集团有限公司";
      case k0702:
        return "江阴市" + town_.name +
               (town_.villages.empty()
                    ? std::string("某村")
                    : c_.villages[town_.villages[static_cast<size_t>(
                                      rng.Int(0, static_cast<int>(town_.villages.size()) - 1))]]
                          .name) +
               "村民委员会";
      default:
        return town_.government;
    }
  }
  static const char* kA[] = {"华", "兴", "澄", "海", "阳", "新", "双", "恒", "长", "远",
                             "金", "宏", "盛", "永", "申", "利", "达", "泰", "鑫", "瑞",
                             "博", "德", "元", "汇", "昌", "嘉", "通", "联", "中", "天"};
  static const char* kB[] = {"澄", "光", "良", "力", "润", "达", "峰", "江", "海", "源",
                             "丰", "业", "通", "安", "晟", "宇", "鼎", "诚", "信", "捷",
                             "邦", "科", "华", "美", "威", "隆", "康", "泰", "盛", "荣"};
  std::string name = std::string("江阴") + kA[rng.Int(0, 29)] + kB[rng.Int(0, 29)];
  switch (kLandUses[use].cls) {
    case 0:
      if (use == k0602)
        name += Pick(rng, {"矿业", "建材"});
      else if (use == k0604)
        name += Pick(rng, {"物流", "仓储", "供应链管理"});
      else
        name += Pick(rng, {"机械制造", "特钢", "化纤", "纺织", "新材料", "电子科技", "精密铸造",
                           "装备制造", "化工", "服饰", "汽车部件", "光伏科技"});
      break;
    case 1:
      name += Pick(rng, {"商业管理", "置业", "酒店管理", "商贸"});
      break;
    case 2:
      name += Pick(rng, {"置业", "房地产开发"});
      break;
    default:
      name += Pick(rng, {"实业", "投资发展"});
      break;
  }
  return name + (rng.Bern(0.15) ? "股份有限公司" : "有限公司");
}

void TownBuilder::NewSupply(const NodeGrid& g, const Parcel& p, Date date, int theme, Rng& rng,
                            bool pre2009_block, int variant, bool brownfield, Progress forced,
                            bool has_forced) {
  // Geometry: exact on the grid, slightly shifted (surveyed apart from the approval), or
  // reaching a few metres into the road on one block side.
  XY shift{};
  int side = -1;
  double extend = 0;
  if (variant == 1) {
    const double d = rng.U(0.3, 2.5), a = rng.U(0, 6.283185307179586);
    shift = {d * std::cos(a), d * std::sin(a)};
  } else if (variant == 2) {
    const RectI& r = p.parts[0];
    std::vector<int> sides;
    if (r.i0 == 0) sides.push_back(0);
    if (r.j0 == 0) sides.push_back(1);
    if (r.i1 == g.nx()) sides.push_back(2);
    if (r.j1 == g.ny()) sides.push_back(3);
    if (!sides.empty() && p.parts.size() == 1) {
      side = sides[static_cast<size_t>(rng.Int(0, static_cast<int>(sides.size()) - 1))];
      extend = rng.U(4.0, 9.0) * L_;
    }
  }
  const uint32_t index = static_cast<uint32_t>(out_.supplies.size());
  const double area = AddParcel(out_.supplies_geom, g, p, shift, side, extend);
  const double mu = area / 10000.0 * 15.0;

  SupplyRec s;
  s.date = date;
  int use = rng.Pick(kThemeUses[theme]);
  if (pre2009_block && theme == kIndustrial && rng.Bern(0.5)) use = k0601;
  s.land_use = static_cast<uint8_t>(use);
  const uint8_t cls = kLandUses[use].cls;
  s.mode = (cls == 3 || use == k0702) ? (rng.Bern(0.92) ? 1 : 0) : 0;
  // Agreed start of construction: mostly 3-12 months after the contract.
  const double u = rng.U();
  const int months = u < 0.85 ? rng.Int(3, 12) : u < 0.95 ? rng.Int(13, 24) : rng.Int(1, 2);
  s.agreed_start = AddMonths(date, months);
  if (rng.Bern(0.005)) s.agreed_start = Date::FromYmd(s.agreed_start.Year(), 12, 31);
  // Price per mu in 10,000 CNY, rising ~4.5 % a year.
  const double f = std::pow(1.045, date.Year() - 2010);
  double per_mu;
  if (s.mode == 1)
    per_mu = rng.LogNormal(6.0, 0.5) * f;
  else if (cls == 0)
    per_mu = rng.LogNormal(use == k0602 ? 16.0 : 22.0, 0.25) * f;
  else if (cls == 1)
    per_mu = rng.LogNormal(260.0, 0.4) * f;
  else if (cls == 2)
    per_mu = rng.LogNormal(use == k0701 ? 420.0 : 80.0, 0.35) * f;
  else
    per_mu = rng.LogNormal(60.0, 0.4) * f;
  s.price_wan = Round2(per_mu * mu);
  if (s.mode == 1 && rng.Bern(0.05)) s.price_wan = NAN;
  s.holder = Holder(use, s.mode, rng);

  // How the land gets built.
  Progress progress;
  if (has_forced) {
    progress = forced;
  } else if (brownfield) {
    progress = Progress::kExisting;
  } else if (pre2009_block && cls == 0) {
    progress = static_cast<Progress>(rng.Pick(std::array<double, 5>{0.30, 0.03, 0.10, 0.10, 0.47}));
  } else {
    progress = static_cast<Progress>(rng.Pick(std::array<double, 5>{0.07, 0.03, 0.05, 0.08, 0.77}));
  }
  const bool troubled = progress != Progress::kNormal && progress != Progress::kExisting;
  if (rng.Bern(troubled ? 0.26 : 0.012))
    s.cause =
        troubled ? static_cast<int8_t>(rng.Pick(std::array<double, 4>{0.35, 0.40, 0.10, 0.15})) : 0;

  const Date built =
      BuildOnParcel(g, ParcelCells(p), date, s.agreed_start, progress, area, cls == 0, rng);
  s.troubled = troubled;
  out_.supplies.push_back(std::move(s));
  if (cls == 0 && progress != Progress::kNone && progress != Progress::kToken)
    AddEnterprises(index, mu, progress == Progress::kStalled, built, rng);
}

}  // namespace panhuo::gen::detail
