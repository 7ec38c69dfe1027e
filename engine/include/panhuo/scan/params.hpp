// Parameters of a scan: the as-of date and every threshold of the contract, with its default.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "panhuo/core/date.hpp"
#include "panhuo/core/status.hpp"

namespace panhuo {

struct ScanParams {
  Date as_of;  // T; required
  // An approval is listed in `unsupplied` when its unsupplied area reaches this. DEFAULT: 0.01 ha
  double min_unsupplied_ha = 0.01;
  // Years after approval without a supply on it before the approval lapses. DEFAULT: 2
  int lapse_years = 2;
  // A supply has started when built_ha / parcel_ha reaches this. DEFAULT: 0.01
  double start_ratio = 0.01;
  // A started supply is stalled below this built ratio (and no new building for a year). DEFAULT: 1/3
  double stalled_ratio = 1.0 / 3.0;
  // Years after the agreed start before a parcel not started is overdue (idle). DEFAULT: 1
  int idle_years = 1;
  // Years after the agreed start after which idle land is recovered. DEFAULT: 2
  int recover_years = 2;
  // Idle fee as a share of the land price. DEFAULT: 0.2
  double fee_rate = 0.2;
  // Industrial land supplied before this date and still not started is recovered. DEFAULT: 2009-01-01
  Date legacy_industrial_before = Date::FromYmd(2009, 1, 1);
  // Calendar years in the supply-rate window, ending with T's year. DEFAULT: 5
  int window_years = 5;
  // Policy floors flagged in the towns layer. DEFAULT: 0.65 and 0.60
  double stock_share_floor = 0.65;
  double supply_rate_floor = 0.60;
  // Early warning (预警): the horizon H in days after T; the `warnings` layer lists every change
  // of a determination dated in (T, T + H]. 0 lists none. Must lie in [0, 36600]. DEFAULT: 90
  int warn_days = 90;
  // An enterprise group (企业集团) is listed in `holders` when it has idle land or at least this
  // much supplied-but-unused land (idle or pending). DEFAULT: 1 ha
  double min_holder_ha = 1.0;

  // Land-use efficiency per unit of land (亩均效益).
  // Year of the enterprise rows. DEFAULT: T's calendar year
  std::optional<int> efficiency_year;
  // Weights of tax_per_mu, sales_per_mu, tax_per_energy, tax_per_emission, labour_productivity,
  // rnd_intensity. DEFAULT: 40, 20, 10, 10, 10, 10
  std::array<double, 6> weights = {40, 20, 10, 10, 10, 10};
  double benchmark_factor = 2.0;  // benchmark = factor × mean. DEFAULT: 2
  double score_cap = 1.0;         // each indicator's ratio is capped here. DEFAULT: 1
  double min_land_mu = 3.0;       // below this an enterprise is class T. DEFAULT: 3 mu
  // Class limits on p = (rank − 1) / n: A below the first, B below the second, C below the third.
  std::array<double, 3> class_limits = {0.20, 0.60, 0.95};

  // Town ranking: "completion" (DEFAULT) or "score", a weighted sum of completion, stock_share and
  // supply_rate (a null figure counts 0).
  std::string rank_by = "completion";
  std::array<double, 3> rank_weights = {0.6, 0.2, 0.2};

  // Language of `basis`, the line of facts a clerk pastes into a notice: "zh" (DEFAULT) or "en".
  // Text only: no figure depends on it, and it is not one of the parameters Describe() lists.
  std::string basis_lang = "zh";

  Status Validate() const;
  // Applies the keys of a TOML file (same names as the fields above; dates as text).
  Status LoadToml(const std::string& path);
  // "key=value; ..." for the run layer.
  std::string Describe() const;
};

}  // namespace panhuo
