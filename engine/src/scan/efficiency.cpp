// Land-use efficiency per unit of land (亩均效益): indicators, benchmark, score and class.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "rules.hpp"

namespace panhuo::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// numerator / denominator; null when either is null or the denominator is not positive.
double Ratio(double num, double den) {
  if (std::isnan(num) || std::isnan(den) || den <= 0.0) return kNaN;
  return num / den;
}

}  // namespace

std::vector<EfficiencyFinding> EvaluateEfficiency(const County& c, const ScanParams& p, int year) {
  const InputData& d = c.data();
  const EnterprisesLayer& e = d.enterprises;
  const Date T = p.as_of;
  std::vector<uint32_t> rows;
  std::unordered_map<uint32_t, int> per_parcel;
  for (uint32_t i = 0; i < e.size(); ++i) {
    if (e.year[i] != year || d.supplies.date[e.supply[i]] > T) continue;
    rows.push_back(i);
    ++per_parcel[e.supply[i]];
  }
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  std::vector<EfficiencyFinding> out(rows.size());
  // Indicator matrix, one row per enterprise, NaN for null.
  Eigen::Matrix<double, Eigen::Dynamic, 6> x(n, 6);
  Eigen::Array<bool, Eigen::Dynamic, 1> evaluated(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const uint32_t i = rows[static_cast<size_t>(r)];
    EfficiencyFinding& f = out[static_cast<size_t>(r)];
    f.row = i;
    f.town = c.supply_town(e.supply[i]);
    f.land_mu = d.supplies.area_m2[e.supply[i]] / kSquareMetresPerHectare * kMuPerHectare /
                per_parcel[e.supply[i]];
    x(r, 0) = Ratio(e.tax_wan[i], f.land_mu);
    x(r, 1) = Ratio(e.sales_wan[i], f.land_mu);
    x(r, 2) = Ratio(e.tax_wan[i], e.energy_tce[i]);
    x(r, 3) = Ratio(e.tax_wan[i], e.emission_t[i]);
    x(r, 4) = Ratio(e.value_added_wan[i], e.employees[i]);
    x(r, 5) = Ratio(e.rnd_wan[i], e.sales_wan[i]);
    for (int k = 0; k < 6; ++k) f.indicator[static_cast<size_t>(k)] = x(r, k);
    evaluated(r) = !(f.land_mu < p.min_land_mu);
  }
  // Benchmark = factor × mean over evaluated enterprises with a value (summed in row order).
  Eigen::Matrix<double, 1, 6> benchmark;
  for (int k = 0; k < 6; ++k) {
    double sum = 0.0;
    int64_t count = 0;
    for (Eigen::Index r = 0; r < n; ++r)
      if (evaluated(r) && !std::isnan(x(r, k))) {
        sum += x(r, k);
        ++count;
      }
    benchmark(k) = count ? p.benchmark_factor * (sum / static_cast<double>(count)) : kNaN;
  }
  // Score = Σ weight × min(value / benchmark, cap) over non-null indicators; a benchmark that is
  // not positive scores 0.
  std::vector<uint32_t> ranked;
  for (Eigen::Index r = 0; r < n; ++r) {
    if (!evaluated(r)) continue;
    double score = 0.0;
    for (int k = 0; k < 6; ++k) {
      if (std::isnan(x(r, k))) continue;
      if (!(benchmark(k) > 0.0)) continue;
      score += p.weights[static_cast<size_t>(k)] * std::min(x(r, k) / benchmark(k), p.score_cap);
    }
    out[static_cast<size_t>(r)].score = score;
    ranked.push_back(static_cast<uint32_t>(r));
  }
  std::sort(ranked.begin(), ranked.end(), [&](uint32_t a, uint32_t b) {
    const double sa = *out[a].score, sb = *out[b].score;
    if (sa != sb) return sa > sb;
    return e.id[out[a].row] < e.id[out[b].row];
  });
  const double count = static_cast<double>(ranked.size());
  for (size_t pos = 0; pos < ranked.size(); ++pos) {
    const double q = static_cast<double>(pos) / count;  // (rank − 1) / n
    EfficiencyFinding& f = out[ranked[pos]];
    f.cls = q < p.class_limits[0]   ? EfficiencyClass::kA
            : q < p.class_limits[1] ? EfficiencyClass::kB
            : q < p.class_limits[2] ? EfficiencyClass::kC
                                    : EfficiencyClass::kD;
  }
  return out;
}

}  // namespace panhuo::detail
