// Town figures and ranking: sums of the scan's findings over the features attributed to a town.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "phases.hpp"

namespace panhuo::detail {

std::vector<TownFinding> TownsPhase(const ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  const ScanParams& params = st.params;
  const size_t nt = d.towns.size();
  std::vector<TownFinding> towns(nt);
  for (uint32_t t = 0; t < nt; ++t) towns[t].town = t;
  auto town_of = [&](int32_t t) -> TownFinding* { return t < 0 ? nullptr : &towns[static_cast<size_t>(t)]; };
  const int first_window_year = st.Y - params.window_years + 1;
  for (const auto& f : res.approvals) {
    ++res.counts.approvals_considered;
    res.counts.approvals_listed += f.listed;
    res.counts.approvals_lapsed += f.lapsed && f.listed;
    TownFinding* tf = town_of(f.town);
    if (!tf || !f.undetermined.empty()) continue;
    if (f.listed) {
      tf->unsupplied_ha += f.unsupplied_ha;
      ++tf->listed;
      tf->lapsed += f.lapsed;
    }
    if (d.approvals.date[f.approval].Year() >= first_window_year) {
      tf->window_approved_ha += f.approved_ha;
      tf->window_supplied_ha += f.supplied_ha;
    }
  }
  for (const auto& f : res.supplies) {
    ++res.counts.supplies_considered;
    res.counts.idle += IsIdle(f.status);
    TownFinding* tf = town_of(f.town);
    if (!tf || !f.undetermined.empty()) continue;
    ++tf->by_status[static_cast<size_t>(f.status)];
    if (f.action != IdleAction::kNone) ++tf->by_action[static_cast<size_t>(f.action)];
    if (IsIdle(f.status)) tf->idle_ha += f.parcel_ha;
  }
  for (const auto& w : res.warnings) {
    TownFinding* tf = town_of(w.town);
    if (!tf) continue;
    switch (w.kind) {
      case WarningKind::kLapse:
        ++tf->warn_lapse_n;
        tf->warn_lapse_ha += w.area_ha;
        break;
      case WarningKind::kIdleUnstarted:
      case WarningKind::kIdleStalled:
        ++tf->warn_idle_n;
        tf->warn_idle_ha += w.area_ha;
        break;
      case WarningKind::kRecover:
        ++tf->warn_recover_n;
        tf->warn_recover_ha += w.area_ha;
        break;
    }
  }
  for (uint32_t i : st.idle_at_t0)
    if (TownFinding* tf = town_of(res.supplies[i].town)) tf->idle_resolved_ha += res.supplies[i].parcel_ha;
  for (size_t k = 0; k < st.in_year.size(); ++k) {
    const SupplyFinding& f = res.supplies[st.in_year[k]];
    if (TownFinding* tf = town_of(f.town)) {
      tf->supplied_ha += f.parcel_ha;
      // an undetermined figure (NaN) is left out of the sum and counted in tf->undetermined
      if (!std::isnan(st.stock_m2[k])) tf->stock_ha += st.stock_m2[k] / kSquareMetresPerHectare;
      if (!std::isnan(st.digested_m2[k])) tf->digested_ha += st.digested_m2[k] / kSquareMetresPerHectare;
    }
  }
  {
    std::vector<double> tax(nt, 0.0), mu(nt, 0.0);
    std::vector<uint8_t> any(nt, 0);
    for (const auto& f : res.efficiency) {
      if (f.town < 0 || f.cls == EfficiencyClass::kT) continue;
      const auto t = static_cast<size_t>(f.town);
      const double tx = d.enterprises.tax_wan[f.row];
      if (!std::isnan(tx)) tax[t] += tx;
      mu[t] += f.land_mu;
      any[t] = 1;
      if (f.cls == EfficiencyClass::kD) towns[t].d_class_ha += f.land_mu / kMuPerHectare;
    }
    for (size_t t = 0; t < nt; ++t)
      if (any[t] && mu[t] > 0) towns[t].tax_per_mu = tax[t] / mu[t];
  }
  std::unordered_map<std::string, double> targets;
  for (size_t i = 0; i < d.targets.size(); ++i)
    if (d.targets.year[i] == st.Y && !std::isnan(d.targets.target_ha[i]))
      targets[d.targets.town_code[i]] = d.targets.target_ha[i];
  for (auto& tf : towns) {
    if (tf.window_approved_ha > 0) tf.supply_rate = tf.window_supplied_ha / tf.window_approved_ha;
    if (tf.supplied_ha > 0) tf.stock_share = tf.stock_ha / tf.supplied_ha;
    tf.revitalized_ha = tf.digested_ha + tf.idle_resolved_ha;
    if (auto it = targets.find(d.towns.code[tf.town]); it != targets.end()) {
      tf.target_ha = it->second;
      if (it->second > 0) tf.completion = tf.revitalized_ha / it->second;
    }
    tf.below_stock_floor = tf.stock_share && *tf.stock_share < params.stock_share_floor;
    tf.below_supply_rate_floor = tf.supply_rate && *tf.supply_rate < params.supply_rate_floor;
    if (params.rank_by == "score")
      tf.score = params.rank_weights[0] * tf.completion.value_or(0.0) +
                 params.rank_weights[1] * tf.stock_share.value_or(0.0) +
                 params.rank_weights[2] * tf.supply_rate.value_or(0.0);
  }
  return towns;
}

void StockListTownFigures(const ScanResult& res, std::vector<TownFinding>& towns) {
  auto town_of = [&](int32_t t) -> TownFinding* { return t < 0 ? nullptr : &towns[static_cast<size_t>(t)]; };
  for (auto& tf : towns) {
    if (res.reserves_present) tf.reserve_ha = 0.0;
    if (res.constraints_present) tf.unfit_ha = 0.0;
    if (res.efficiency_known) tf.low_efficiency_ha = 0.0;
  }
  for (const auto& f : res.reserves)
    if (TownFinding* tf = town_of(f.town); tf && f.listed && tf->reserve_ha) {
      *tf->reserve_ha += f.unsupplied_ha;
      ++tf->reserve_n;
    }
  for (const auto& f : res.unfit)
    if (TownFinding* tf = town_of(res.approvals[f.finding].town); tf && tf->unfit_ha) {
      *tf->unfit_ha += f.constrained_ha;
      ++tf->unfit_n;
    }
  for (const auto& f : res.low_efficiency)
    if (TownFinding* tf = town_of(res.supplies[f.finding].town); tf && tf->low_efficiency_ha) {
      *tf->low_efficiency_ha += res.supplies[f.finding].parcel_ha;
      ++tf->low_efficiency_n;
    }
}

void RankTowns(const ScanParams& params, const InputData& d, std::vector<TownFinding>& towns) {
  // By completion (or score) descending, ties by town_code; towns without a figure last.
  auto key = [&](const TownFinding& t) { return params.rank_by == "score" ? t.score : t.completion; };
  std::sort(towns.begin(), towns.end(), [&](const TownFinding& a, const TownFinding& b) {
    const auto ka = key(a), kb = key(b);
    if (ka.has_value() != kb.has_value()) return ka.has_value();
    if (ka && *ka != *kb) return *ka > *kb;
    return d.towns.code[a.town] < d.towns.code[b.town];
  });
  for (size_t i = 0; i < towns.size(); ++i) towns[i].rank = static_cast<int32_t>(i + 1);
}

}  // namespace panhuo::detail
