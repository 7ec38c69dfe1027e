// The scan's summary on the terminal.
#include "scan_summary.hpp"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "input_options.hpp"
#include "panhuo/core/text.hpp"
#include "panhuo/tables/code_labels.hpp"
#include "panhuo/tables/county_figures.hpp"

namespace panhuo::cli {
namespace {

std::string Count(std::optional<int32_t> v) { return v ? std::to_string(*v) : "-"; }

struct Column {
  const char* zh;
  const char* en;
  size_t width;
};

// rank, town, then these
const std::vector<Column>& Columns() {
  static const std::vector<Column> c = {
      {"批而未供", "unsupp_ha", 9}, {"失效", "lapse", 5},    {"闲置", "idle_ha", 8},    {"建议收回", "recover", 8},
      {"建议征费", "fee", 8},       {"建议协商", "negot", 8}, {"完成率", "done", 7}, {"进度比", "pace", 6},
      {"存量占比", "stock_sh", 8},  {"供地率", "supp_rt", 7}, {"预警", "warn", 4},       {"逾期方案", "p_late", 8},
      {"无方案", "no_plan", 6}};
  return c;
}

std::vector<std::string> Cells(const TownFinding& t, const InputData& d) {
  return {Fixed(t.unsupplied_ha, 2),
          std::to_string(t.lapsed),
          Fixed(t.idle_ha, 2),
          std::to_string(t.by_action[1]),
          std::to_string(t.by_action[2]),
          std::to_string(t.by_action[3]),
          Percent(t.completion),
          t.pace ? (*t.pace < 1.0 ? "▼" : "") + Fixed(*t.pace, 2) : "-",
          (t.below_stock_floor ? "▼" : "") + Percent(t.stock_share),
          (t.below_supply_rate_floor ? "▼" : "") + Percent(t.supply_rate),
          std::to_string(t.warn_lapse_n + t.warn_idle_n + t.warn_recover_n),
          Count(t.plans_overdue_n),
          Count(t.no_plan_n)};
}

}  // namespace

std::string Percent(const std::optional<double>& v) { return v ? Fixed(100.0 * *v, 1) + "%" : "-"; }

std::string RightColumns(const std::string& text, size_t width) {
  const size_t cols = DisplayColumns(text);
  return cols >= width ? text : std::string(width - cols, ' ') + text;
}

void PrintScanSummary(const County& county, const ScanResult& r, const std::string& county_name, const std::string& lang) {
  const InputData& d = county.data();
  const bool zh = lang != "en";
  auto say = [zh](const std::string& z, const std::string& e) { std::printf("%s\n", (zh ? z : e).c_str()); };
  const std::string date = r.params.as_of.ToString();
  say(county_name + "存量建设用地扫描 截至" + date + "（" + d.working_crs_name + "）",
      "panhuo scan as of " + date + " (" + d.working_crs_name + ")");
  std::string line = RightColumns(zh ? "名次" : "rank", 4) + " " + PadColumns(zh ? "镇街" : "town", 22);
  for (const auto& c : Columns()) line += " " + RightColumns(zh ? c.zh : c.en, c.width);
  std::printf("%s\n", line.c_str());
  for (const auto& t : r.towns) {
    line = RightColumns(std::to_string(t.rank), 4) + " " + PadColumns(d.towns.name[t.town], 22);
    const auto cells = Cells(t, d);
    for (size_t k = 0; k < cells.size(); ++k) line += " " + RightColumns(cells[k], Columns()[k].width);
    std::printf("%s\n", line.c_str());
  }
  const CountyFigures county_figures = FiguresOf(r);
  const double unsupplied = county_figures.unsupplied_ha, idle = county_figures.idle_ha;
  const double elapsed = county_figures.elapsed_share;
  const std::string horizon = Date{r.params.as_of.days + r.params.warn_days}.ToString();
  say("面积单位公顷（1公顷 = 15亩）；建议收回、征费、协商为闲置土地的处置建议宗数；进度比 = 完成率 ÷ 时序进度（" +
          Fixed(100.0 * elapsed, 1) + "%），▼ 为落后于时序进度或低于下限（存量占比 " + Percent(r.params.stock_share_floor) +
          "，供地率 " + Percent(r.params.supply_rate_floor) + "）；预警为今后" + std::to_string(r.params.warn_days) + "日内（至" +
          horizon + "）将失效、将闲置、将收回的宗数",
      "areas in ha (1 ha = 15 mu); recover, fee, negot: idle parcels by proposed action; pace = completion / elapsed "
      "share of the year (" + Fixed(100.0 * elapsed, 1) + "%); ▼ behind the pace or below the floor (stock share " +
          Percent(r.params.stock_share_floor) + ", supply rate " + Percent(r.params.supply_rate_floor) + "); warn: lapse, idle "
          "and recover events in the next " + std::to_string(r.params.warn_days) + " days, to " + horizon);
  if (r.plans_present) {
    std::array<int, 4> by{};
    for (const auto& p : r.plans) ++by[static_cast<size_t>(p.status)];
    say("工作方案：推进中" + std::to_string(by[0]) + "个，逾期" + std::to_string(by[1]) + "个，已盘活" +
            std::to_string(by[2]) + "个，无对应地块" + std::to_string(by[3]) + "个；无方案为未制定工作方案的列表地块数",
        "work plans: " + std::to_string(by[0]) + " open, " + std::to_string(by[1]) + " overdue (p_late), " +
            std::to_string(by[2]) + " resolved, " + std::to_string(by[3]) + " naming no feature; no_plan: listed plots "
            "without a plan");
  } else {
    say("工作方案：未提供（逾期方案、无方案为 -）", "work plans: no plans layer (p_late, no_plan: -)");
  }
  const auto n = [](int64_t v) { return std::to_string(v); };
  say(detail::WholeCounty(county_name) + "：批而未供" + n(r.counts.approvals_listed) + "宗、" + Fixed(unsupplied, 2) + "公顷（" +
          Fixed(unsupplied * kMuPerHectare, 1) + "亩），其中失效" + n(r.counts.approvals_lapsed) + "宗；闲置土地" +
          n(r.counts.idle) + "宗、" + Fixed(idle, 2) + "公顷（" + Fixed(idle * kMuPerHectare, 1) + "亩），供地共" +
          n(r.counts.supplies_considered) + "宗；今后" + std::to_string(r.params.warn_days) + "日内预警" +
          n(r.counts.warnings) + "宗；亩均评价" + std::to_string(r.efficiency_year) + "年企业" +
          std::to_string(r.efficiency.size()) + "家",
      "county: " + n(r.counts.approvals_listed) + " approvals listed unsupplied (" + Fixed(unsupplied, 4) +
          " ha in towns), " + n(r.counts.approvals_lapsed) + " lapsed; " + n(r.counts.idle) + " of " +
          n(r.counts.supplies_considered) + " supplies idle (" + Fixed(idle, 4) + " ha); " + n(r.counts.warnings) +
          " warnings; " + std::to_string(r.efficiency.size()) + " enterprise rows of " +
          std::to_string(r.efficiency_year) + " evaluated");
  auto stock = [&](bool known, int64_t count, double ha) {
    return known ? n(count) + (zh ? "宗、" : " (") + Fixed(ha, 2) + (zh ? "公顷" : " ha)") : std::string("-");
  };
  double reserve = 0, unfit = 0, low = 0;
  for (const auto& f : r.reserves) reserve += f.listed ? f.unsupplied_ha : 0.0;
  for (const auto& f : r.unfit) unfit += f.constrained_ha;
  for (const auto& f : r.low_efficiency) low += r.supplies[f.finding].parcel_ha;
  say("存量清单：收购储备未供" + stock(r.reserves_present, r.counts.reserves_listed, reserve) + "；不具备供地条件" +
          stock(r.constraints_present, r.counts.unfit_listed, unfit) + "；低效用地" +
          stock(r.efficiency_known, r.counts.low_efficiency, low) + "；企业集团" + n(r.counts.holders_listed) + "个",
      "stock lists: reserves not yet supplied " + stock(r.reserves_present, r.counts.reserves_listed, reserve) +
          ", approvals unfit for supply " + stock(r.constraints_present, r.counts.unfit_listed, unfit) +
          ", low-efficiency parcels " + stock(r.efficiency_known, r.counts.low_efficiency, low) +
          ", enterprise groups listed " + n(r.counts.holders_listed));
  std::string per_layer, encodings;
  for (const auto& rep : d.reports) {
    if (rep.present) per_layer += " " + rep.name + " " + std::to_string(rep.rejected) + "/" + std::to_string(rep.read) + ";";
    if (!rep.encoding.empty()) encodings += " " + rep.name + " " + rep.encoding + ";";
  }
  say("各图层剔除/读入：" + per_layer, "rejected by layer (rejected/read):" + per_layer);
  if (!encodings.empty()) say("文字编码：" + encodings, "text encodings:" + encodings);
  say("输入：剔除" + std::to_string(d.rejects.size()) + "个要素，修复" + n(d.repaired_total) + "个；叠加备用算法" +
          n(r.counts.overlay_fallbacks) + "次，未能认定" + n(r.counts.overlay_failures) + "次",
      "input: " + std::to_string(d.rejects.size()) + " features rejected, " + n(d.repaired_total) +
          " repaired; overlay fallbacks: " + n(r.counts.overlay_fallbacks) + ", failures: " + n(r.counts.overlay_failures));
}

}  // namespace panhuo::cli
